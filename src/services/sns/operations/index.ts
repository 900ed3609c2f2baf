// SNS's operations by API name, for the query endpoint.
import type { QueryOperation } from '../../../protocols/aws-query';
import type { In, SnsContext } from '../context';
import { publish, publishBatch } from './publish-ops';
import {
  confirmSubscription, getSubscriptionAttributes, listSubscriptions, listSubscriptionsByTopic, setSubscriptionAttributes, subscribe, unsubscribe,
} from './subscription-ops';
import { listTagsForResource, tagResource, untagResource } from './tag-ops';
import { createTopic, deleteTopic, getTopicAttributes, listTopics, setTopicAttributes } from './topic-ops';

type Op = (ctx: SnsContext, i: In) => Promise<unknown>;

const OPERATIONS: Record<string, Op> = {
  CreateTopic: createTopic, DeleteTopic: deleteTopic, ListTopics: listTopics, GetTopicAttributes: getTopicAttributes,
  SetTopicAttributes: setTopicAttributes, Subscribe: subscribe, ConfirmSubscription: confirmSubscription, Unsubscribe: unsubscribe,
  ListSubscriptions: listSubscriptions, ListSubscriptionsByTopic: listSubscriptionsByTopic,
  GetSubscriptionAttributes: getSubscriptionAttributes, SetSubscriptionAttributes: setSubscriptionAttributes,
  Publish: publish, PublishBatch: publishBatch,
  TagResource: tagResource, UntagResource: untagResource, ListTagsForResource: listTagsForResource,
};

export function snsOperations(ctx: SnsContext): Record<string, QueryOperation> {
  return Object.fromEntries(Object.entries(OPERATIONS).map(([name, op]) => [name, (input: In) => op(ctx, input)]));
}
