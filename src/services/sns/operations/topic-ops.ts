// CreateTopic (idempotent: the same name and attributes give the same ARN), DeleteTopic
// (deleting an unknown topic is no error), ListTopics, Get/SetTopicAttributes.
import { InvalidParameterException, TagLimitExceededException, invalid } from '../errors';
import { FIFO_TOPIC_NAME, MAX_TAGS, PAGE_SIZE, TOPIC_NAME, topicArn, type Topic } from '../model';
import { afterToken, pageToken, tagMap, topicOf, type In, type SnsContext } from '../context';
import { checkTopicAttribute, initialAttributes, reportedAttributes } from '../topic-attributes';

const FIFO_NAME_RULE = 'Fifo Topic names must end with .fifo and must be made up of only uppercase and lowercase ASCII letters, '
  + 'numbers, underscores, and hyphens, and must be between 1 and 256 characters long.';

export async function createTopic(ctx: SnsContext, i: In): Promise<{ TopicArn: string }> {
  const name = String(i.Name ?? '');
  const given: Record<string, string> = i.Attributes ?? {};
  const fifo = given.FifoTopic === 'true';
  if (fifo ? !FIFO_TOPIC_NAME.test(name) : !TOPIC_NAME.test(name)) throw invalid(fifo ? FIFO_NAME_RULE : 'Topic Name');
  for (const [k, v] of Object.entries(given)) checkTopicAttribute(k, v, fifo, true);
  const tags = tagMap(i.Tags);
  if (Object.keys(tags).length > MAX_TAGS) throw new TagLimitExceededException('Could not complete request: tag quota of per resource exceeded');
  const arn = topicArn(ctx.account, name);
  if (i.DataProtectionPolicy !== undefined) given.DataProtectionPolicy = i.DataProtectionPolicy;
  const topic: Topic = { arn, name, fifo, attributes: initialAttributes(arn, ctx.account, given, fifo), tags, createdAt: ctx.clock.now() };
  if (await ctx.topics.createTopic(topic)) return { TopicArn: arn };
  const existing = (await ctx.topics.topic(arn))!;
  const sameAttributes = Object.entries(given).every(([k, v]) => (k === 'FifoTopic' ? existing.fifo === fifo : existing.attributes[k] === v));
  if (!sameAttributes || existing.fifo !== fifo) throw invalid('Attributes Reason: Topic already exists with different attributes');
  if (Object.entries(tags).some(([k, v]) => existing.tags[k] !== v)) throw invalid('Tags Reason: Topic already exists with different tags');
  return { TopicArn: arn };
}

export async function deleteTopic(ctx: SnsContext, i: In): Promise<void> {
  try {
    const t = await topicOf(ctx, i.TopicArn);
    await ctx.topics.deleteTopic(t.arn);
  } catch (e) {
    if (e instanceof InvalidParameterException) throw e;
  }
}

export async function listTopics(ctx: SnsContext, i: In): Promise<unknown> {
  const page = await ctx.topics.topics(afterToken(i.NextToken), PAGE_SIZE + 1);
  const more = page.length > PAGE_SIZE;
  const shown = page.slice(0, PAGE_SIZE);
  return { Topics: shown.map((t) => ({ TopicArn: t.arn })), NextToken: more ? pageToken(shown[shown.length - 1].arn) : undefined };
}

export async function getTopicAttributes(ctx: SnsContext, i: In): Promise<unknown> {
  const t = await topicOf(ctx, i.TopicArn);
  return { Attributes: reportedAttributes(t, ctx.account, await ctx.topics.counts(t.arn)) };
}

export async function setTopicAttributes(ctx: SnsContext, i: In): Promise<void> {
  const t = await topicOf(ctx, i.TopicArn);
  const name = String(i.AttributeName ?? '');
  const value = i.AttributeValue === undefined || i.AttributeValue === null ? '' : String(i.AttributeValue);
  checkTopicAttribute(name, value, t.fifo, false);
  const attributes = { ...t.attributes, [name]: value };
  if (value === '' && name !== 'DisplayName') delete attributes[name];
  await ctx.topics.updateTopic(t.arn, attributes, t.tags);
}
