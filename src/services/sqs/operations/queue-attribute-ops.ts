// GetQueueAttributes, SetQueueAttributes and the queue tags (TagQueue, UntagQueue, ListQueueTags).
import { type Input, requiredString, type SqsContext, stringList, stringMap } from '../context';
import { InvalidParameterValue, missing } from '../errors';
import { settingsOf } from '../model';
import { requestedAttributeNames, validateQueueAttributes } from '../queue-attributes';
import { checkRedrive } from './queue-ops';

export async function getQueueAttributes(ctx: SqsContext, input: Input): Promise<unknown> {
  const q = await ctx.queues.byUrl(requiredString(input, 'QueueUrl'));
  const names = requestedAttributeNames(stringList(input, 'AttributeNames'), q.fifo);
  if (names.size === 0) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(q.attributes)) if (names.has(k) && v !== '') out[k] = v;
  if (names.has('QueueArn')) out.QueueArn = q.arn;
  if (names.has('CreatedTimestamp')) out.CreatedTimestamp = String(Math.floor(q.createdAt / 1000));
  if (names.has('LastModifiedTimestamp')) out.LastModifiedTimestamp = String(Math.floor(q.modifiedAt / 1000));
  if (names.has('ApproximateNumberOfMessages') || names.has('ApproximateNumberOfMessagesNotVisible') || names.has('ApproximateNumberOfMessagesDelayed')) {
    const now = ctx.clock.now();
    const c = await ctx.messages.counts(q.qid, now, now - settingsOf(q).retentionMs);
    if (names.has('ApproximateNumberOfMessages')) out.ApproximateNumberOfMessages = String(c.visible);
    if (names.has('ApproximateNumberOfMessagesNotVisible')) out.ApproximateNumberOfMessagesNotVisible = String(c.notVisible);
    if (names.has('ApproximateNumberOfMessagesDelayed')) out.ApproximateNumberOfMessagesDelayed = String(c.delayed);
  }
  return { Attributes: out };
}

export async function setQueueAttributes(ctx: SqsContext, input: Input): Promise<unknown> {
  const q = await ctx.queues.byUrl(requiredString(input, 'QueueUrl'));
  if (input.Attributes === undefined) throw missing('Attributes');
  const attributes = validateQueueAttributes(stringMap(input, 'Attributes'), { fifo: q.fifo, creating: false, ...ctx.queues.account });
  await checkRedrive(ctx, q.arn, attributes);
  const merged = { ...q.attributes, ...attributes };
  for (const [k, v] of Object.entries(merged)) if (v === '') delete merged[k];
  await ctx.queues.update({ ...q, attributes: merged, modifiedAt: ctx.clock.now() });
  return {};
}

/** SQS's tag limits: at most 50, keys 1–128 and values up to 256 characters. */
export function validateTags(tags: Record<string, string>, existing: Record<string, string> = {}): Record<string, string> {
  for (const [k, v] of Object.entries(tags)) {
    if (k.length < 1 || k.length > 128) throw new InvalidParameterValue(`Tag key must be between 1 and 128 characters: ${k}`);
    if (v.length > 256) throw new InvalidParameterValue(`Tag value must be at most 256 characters: ${k}`);
  }
  if (Object.keys({ ...existing, ...tags }).length > 50) throw new InvalidParameterValue('Too many tags added for queue. Maximum of 50 tags per queue.');
  return tags;
}

export async function tagQueue(ctx: SqsContext, input: Input): Promise<unknown> {
  const q = await ctx.queues.byUrl(requiredString(input, 'QueueUrl'));
  const tags = stringMap(input, 'Tags');
  if (Object.keys(tags).length === 0) throw missing('Tags');
  validateTags(tags, q.tags);
  await ctx.queues.update({ ...q, tags: { ...q.tags, ...tags } });
  return {};
}

export async function untagQueue(ctx: SqsContext, input: Input): Promise<unknown> {
  const q = await ctx.queues.byUrl(requiredString(input, 'QueueUrl'));
  const keys = stringList(input, 'TagKeys');
  if (!keys || keys.length === 0) throw missing('TagKeys');
  const tags = { ...q.tags };
  for (const k of keys) delete tags[k];
  await ctx.queues.update({ ...q, tags });
  return {};
}

export async function listQueueTags(ctx: SqsContext, input: Input): Promise<unknown> {
  const q = await ctx.queues.byUrl(requiredString(input, 'QueueUrl'));
  return Object.keys(q.tags).length ? { Tags: q.tags } : {};
}
