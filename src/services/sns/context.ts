// What the operations share, and the lookups every one of them starts with.
import type { Account } from '../../kernel/arn';
import type { Clock } from '../../kernel/clock';
import { invalid, noSubscription, noTopic } from './errors';
import { parseSnsArn, type Subscription, type Topic } from './model';
import type { Publisher } from './publish';
import type { TopicStore } from './store';

export interface SnsContext {
  topics: TopicStore;
  publisher: Publisher;
  account: Account;
  clock: Clock;
}

export type In = Record<string, any>;

/** The topic an ARN names: InvalidParameter for a malformed ARN, NotFound for an unknown topic. */
export async function topicOf(ctx: SnsContext, arn: unknown, param = 'TopicArn'): Promise<Topic> {
  if (typeof arn !== 'string' || !parseSnsArn(arn) || parseSnsArn(arn)?.subscription) throw invalid(param);
  const t = await ctx.topics.topic(arn);
  if (!t) throw noTopic();
  return t;
}

export async function subscriptionOf(ctx: SnsContext, arn: unknown): Promise<Subscription> {
  if (typeof arn !== 'string' || !parseSnsArn(arn)?.subscription) throw invalid('SubscriptionArn');
  const s = await ctx.topics.subscription(arn);
  if (!s) throw noSubscription();
  return s;
}

/** Opaque paging tokens: the last ARN of the previous page. */
export const pageToken = (arn: string): string => Buffer.from(arn).toString('base64');
export function afterToken(token: unknown): string {
  if (token === undefined || token === null || token === '') return '';
  const arn = Buffer.from(String(token), 'base64').toString('utf8');
  if (!arn.startsWith('arn:')) throw invalid('NextToken');
  return arn;
}

/** Tags as a map from the API's list, with SNS's checks. */
export function tagMap(list: { Key: string; Value: string }[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of list ?? []) {
    if (t.Key in out) throw invalid('Duplicated keys are not allowed.');
    if (!t.Key || t.Key.length > 128) throw invalid('Tags Reason: Tag key must be between 1 and 128 characters');
    if ((t.Value ?? '').length > 256) throw invalid('Tags Reason: Tag value must be at most 256 characters');
    out[t.Key] = t.Value ?? '';
  }
  return out;
}

export const tagList = (tags: Record<string, string>) => Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
