// TagResource, UntagResource, ListTagsOfResource (tags live on the table).
import type { Input, Operation } from './context';
import { ResourceNotFoundException, ValidationException } from './errors';
import type { Table } from './model';

export function checkTags(tags: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of Array.isArray(tags) ? (tags as Input[]) : []) {
    if (typeof t.Key !== 'string' || t.Key.length < 1) throw new ValidationException('1 validation error detected: Value null at \'tags.1.member.key\' failed to satisfy constraint: Member must not be null');
    out[t.Key] = String(t.Value ?? '');
  }
  return out;
}

function byArn(ctx: Parameters<Operation>[0], arn: unknown): Table {
  if (typeof arn !== 'string' || !arn.startsWith('arn:')) throw new ValidationException(`Invalid TableArn: Invalid ResourceArn provided as input ${String(arn)}`);
  const t = ctx.tables.byArn(arn);
  if (!t) throw new ResourceNotFoundException(`Requested resource not found: ResourcArn: ${arn} not found`);
  return t;
}

export const tagResource: Operation = async (ctx, input) => {
  const t = byArn(ctx, input.ResourceArn);
  if (!Array.isArray(input.Tags) || input.Tags.length === 0) throw new ValidationException('Atleast one Tag needs to be provided as Input.');
  await ctx.tables.save({ ...t, tags: { ...t.tags, ...checkTags(input.Tags) } });
  return {};
};

export const untagResource: Operation = async (ctx, input) => {
  const t = byArn(ctx, input.ResourceArn);
  if (!Array.isArray(input.TagKeys) || input.TagKeys.length === 0) throw new ValidationException('Atleast one Tag Key needs to be provided as Input.');
  const tags = { ...t.tags };
  for (const k of input.TagKeys as string[]) delete tags[k];
  await ctx.tables.save({ ...t, tags });
  return {};
};

export const listTagsOfResource: Operation = async (ctx, input) => {
  const t = byArn(ctx, input.ResourceArn);
  const tags = Object.entries(t.tags).map(([Key, Value]) => ({ Key, Value }));
  return { Tags: tags };
};
