// TagResource, UntagResource, ListTagsForResource (topics are SNS's taggable resources).
import { ResourceNotFoundException, TagLimitExceededException } from '../errors';
import { MAX_TAGS, type Topic } from '../model';
import { tagList, tagMap, type In, type SnsContext } from '../context';

async function resource(ctx: SnsContext, arn: unknown): Promise<Topic> {
  const t = typeof arn === 'string' ? await ctx.topics.topic(arn) : undefined;
  if (!t) throw new ResourceNotFoundException('Resource does not exist');
  return t;
}

export async function tagResource(ctx: SnsContext, i: In): Promise<void> {
  const t = await resource(ctx, i.ResourceArn);
  const tags = { ...t.tags, ...tagMap(i.Tags) };
  if (Object.keys(tags).length > MAX_TAGS) throw new TagLimitExceededException('Could not complete request: tag quota of per resource exceeded');
  await ctx.topics.updateTopic(t.arn, t.attributes, tags);
}

export async function untagResource(ctx: SnsContext, i: In): Promise<void> {
  const t = await resource(ctx, i.ResourceArn);
  const tags = { ...t.tags };
  for (const k of (i.TagKeys ?? []) as string[]) delete tags[k];
  await ctx.topics.updateTopic(t.arn, t.attributes, tags);
}

export async function listTagsForResource(ctx: SnsContext, i: In): Promise<unknown> {
  return { Tags: tagList((await resource(ctx, i.ResourceArn)).tags) };
}
