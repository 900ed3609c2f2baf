// AWS::SNS::Topic and AWS::SNS::Subscription through SNS's own operations (its validation
// and errors apply). A topic always has a TopicName from the loader (given or a stable
// generated one), so CreateTopic finds the same topic on a redeploy; its DisplayName,
// ContentBasedDeduplication and tags are then set as stated, and its inline `Subscription`
// list is made equal (subscribed / unsubscribed). A subscription is kept while its topic,
// protocol and endpoint stay, its attributes set in place; otherwise it is replaced. What
// left the project is deleted (a topic unless DeletionPolicy is Retain).
import type { PlannedResource } from '../plan';
import type { OperationsPort } from './port';
import { asProperty, boolean, checkProperties, ignoring, jsonText, list, string, tags, type Input } from './property-checks';

export interface TopicState { arn: string; retain: boolean; subscriptions: { arn: string; protocol: string; endpoint: string }[] }
export interface SubscriptionState { arn: string; topicArn: string; protocol: string; endpoint: string; attributes: string[] }

const TOPIC_PROPERTIES = ['TopicName', 'DisplayName', 'FifoTopic', 'ContentBasedDeduplication', 'Subscription', 'Tags', 'KmsMasterKeyId',
  'SignatureVersion', 'TracingConfig', 'ArchivePolicy', 'DataProtectionPolicy', 'DeliveryStatusLogging', 'FifoThroughputScope'];
const TOPIC_UNSERVED = ['ArchivePolicy', 'DataProtectionPolicy', 'DeliveryStatusLogging', 'FifoThroughputScope'];
const NOT_FOUND = ['NotFoundException', 'NotFound'];

export async function applyTopic(r: PlannedResource, sns: OperationsPort, previous?: TopicState): Promise<TopicState> {
  const p = r.properties;
  checkProperties(p, TOPIC_PROPERTIES, TOPIC_UNSERVED, 'Nimbus serves topics, their names, display names, FIFO and subscriptions');
  const name = string(p.TopicName, ['TopicName'], true)!;
  const fifo = boolean(p.FifoTopic, ['FifoTopic']) ?? false;
  const { TopicArn: arn } = await asProperty(() => sns('CreateTopic', { Name: name, Attributes: fifo ? { FifoTopic: 'true' } : {} }),
    ['TopicName']) as { TopicArn: string };
  const set = (AttributeName: string, v: string | undefined, at: string) =>
    asProperty(() => sns('SetTopicAttributes', { TopicArn: arn, AttributeName, AttributeValue: v ?? '' }), [at]);
  await set('DisplayName', string(p.DisplayName, ['DisplayName']), 'DisplayName');
  if (fifo) await set('ContentBasedDeduplication', String(boolean(p.ContentBasedDeduplication, ['ContentBasedDeduplication']) ?? false), 'ContentBasedDeduplication');
  for (const k of ['KmsMasterKeyId', 'SignatureVersion', 'TracingConfig']) if (p[k] !== undefined) await set(k, string(p[k], [k]), k);
  const wanted = tags(p.Tags, ['Tags']);
  const { Tags: current = [] } = await sns('ListTagsForResource', { ResourceArn: arn }) as { Tags?: { Key: string; Value: string }[] };
  const gone = current.filter((t) => !(t.Key in wanted)).map((t) => t.Key);
  if (gone.length) await sns('UntagResource', { ResourceArn: arn, TagKeys: gone });
  if (Object.keys(wanted).length) {
    await asProperty(() => sns('TagResource', { ResourceArn: arn, Tags: Object.entries(wanted).map(([Key, Value]) => ({ Key, Value })) }), ['Tags']);
  }
  const subscriptions: TopicState['subscriptions'] = [];
  for (const [i, s] of list(p.Subscription ?? [], ['Subscription']).entries()) {
    const item = (s ?? {}) as Input;
    checkProperties(item, ['Endpoint', 'Protocol'], [], '', ['Subscription', i]);
    const protocol = string(item.Protocol, ['Subscription', i, 'Protocol'], true)!;
    const endpoint = string(item.Endpoint, ['Subscription', i, 'Endpoint'], true)!;
    const { SubscriptionArn } = await asProperty(() => sns('Subscribe', { TopicArn: arn, Protocol: protocol, Endpoint: endpoint,
      ReturnSubscriptionArn: true }), ['Subscription', i]) as { SubscriptionArn: string };
    subscriptions.push({ arn: SubscriptionArn, protocol, endpoint });
  }
  for (const old of previous?.subscriptions ?? []) {
    if (!subscriptions.some((s) => s.arn === old.arn)) await ignoring(NOT_FOUND, () => sns('Unsubscribe', { SubscriptionArn: old.arn }));
  }
  const state = { arn, retain: r.deletionPolicy === 'Retain', subscriptions };
  if (previous && previous.arn !== arn) await removeTopic(previous, sns);
  return state;
}

export async function removeTopic(state: TopicState, sns: OperationsPort): Promise<void> {
  if (!state.retain) await sns('DeleteTopic', { TopicArn: state.arn });
}

const SUBSCRIPTION_PROPERTIES = ['TopicArn', 'Protocol', 'Endpoint', 'RawMessageDelivery', 'FilterPolicy', 'FilterPolicyScope',
  'RedrivePolicy', 'DeliveryPolicy', 'Region', 'SubscriptionRoleArn', 'ReplayPolicy'];

/** The subscription's attributes as SNS names them (pure). */
export function subscriptionAttributes(p: Input): Record<string, string> {
  checkProperties(p, SUBSCRIPTION_PROPERTIES, ['ReplayPolicy']);
  const out: Record<string, string> = {};
  const raw = boolean(p.RawMessageDelivery, ['RawMessageDelivery']);
  if (raw !== undefined) out.RawMessageDelivery = String(raw);
  for (const k of ['FilterPolicy', 'RedrivePolicy', 'DeliveryPolicy']) {
    const v = jsonText(p[k], [k]);
    if (v !== undefined) out[k] = v;
  }
  for (const k of ['FilterPolicyScope', 'SubscriptionRoleArn']) {
    const v = string(p[k], [k]);
    if (v !== undefined) out[k] = v;
  }
  return out;
}

export async function applySubscription(r: PlannedResource, sns: OperationsPort, previous?: SubscriptionState): Promise<SubscriptionState> {
  const p = r.properties;
  const attributes = subscriptionAttributes(p);
  const topicArn = string(p.TopicArn, ['TopicArn'], true)!;
  const protocol = string(p.Protocol, ['Protocol'], true)!;
  const endpoint = string(p.Endpoint, ['Endpoint'], true)!;
  const same = previous && previous.topicArn === topicArn && previous.protocol === protocol && previous.endpoint === endpoint
    && await sns('GetSubscriptionAttributes', { SubscriptionArn: previous.arn }).then(() => true, () => false);
  if (same) {
    // Scope before policy: SNS checks a FilterPolicy against the scope in force.
    const order = Object.keys(attributes).sort((a, b) => (a === 'FilterPolicyScope' ? -1 : b === 'FilterPolicyScope' ? 1 : 0));
    for (const k of order) {
      await asProperty(() => sns('SetSubscriptionAttributes', { SubscriptionArn: previous.arn, AttributeName: k, AttributeValue: attributes[k] }), [k]);
    }
    for (const k of previous.attributes.filter((a) => !(a in attributes))) {
      await asProperty(() => sns('SetSubscriptionAttributes', { SubscriptionArn: previous.arn, AttributeName: k,
        AttributeValue: k === 'RawMessageDelivery' ? 'false' : k === 'FilterPolicyScope' ? 'MessageAttributes' : '' }), [k]);
    }
    return { ...previous, attributes: Object.keys(attributes) };
  }
  const { SubscriptionArn: arn } = await asProperty(() => sns('Subscribe', { TopicArn: topicArn, Protocol: protocol, Endpoint: endpoint,
    Attributes: attributes, ReturnSubscriptionArn: true })) as { SubscriptionArn: string };
  if (previous && previous.arn !== arn) await removeSubscription(previous, sns);
  return { arn, topicArn, protocol, endpoint, attributes: Object.keys(attributes) };
}

export async function removeSubscription(state: SubscriptionState, sns: OperationsPort): Promise<void> {
  await ignoring(NOT_FOUND, () => sns('Unsubscribe', { SubscriptionArn: state.arn }));
}
