// Topic attributes (pure): which may be set at creation or later, their checks with SNS's
// messages, and the attributes GetTopicAttributes reports.
import type { Account } from '../../kernel/arn';
import { DEFAULT_TOPIC_DELIVERY_POLICY } from './delivery-policy';
import { invalid } from './errors';
import type { SubscriptionCounts } from './store';
import type { Topic } from './model';

const FEEDBACK = ['Application', 'HTTP', 'Firehose', 'Lambda', 'SQS']
  .flatMap((p) => [`${p}SuccessFeedbackRoleArn`, `${p}SuccessFeedbackSampleRate`, `${p}FailureFeedbackRoleArn`]);
const SETTABLE = new Set(['DisplayName', 'Policy', 'DeliveryPolicy', 'KmsMasterKeyId', 'SignatureVersion', 'TracingConfig',
  'ContentBasedDeduplication', 'ArchivePolicy', 'FifoThroughputScope', 'DataProtectionPolicy', ...FEEDBACK]);

const isJson = (v: string) => { try { JSON.parse(v); return true; } catch { return false; } };

/** Checks one attribute for a topic (fifo or not); `creating` allows FifoTopic. Throws InvalidParameter. */
export function checkTopicAttribute(name: string, value: string, fifo: boolean, creating: boolean): void {
  if (name === 'FifoTopic') {
    if (!creating) throw invalid('AttributeName');
    if (value !== 'true' && value !== 'false') throw invalid('Attributes Reason: FifoTopic: Invalid value [' + value + ']. Must be true or false.');
    return;
  }
  if (!SETTABLE.has(name)) throw invalid('AttributeName');
  const where = creating ? 'Attributes Reason: ' : '';
  switch (name) {
    case 'ContentBasedDeduplication':
      if (value !== 'true' && value !== 'false') throw invalid(`${where}ContentBasedDeduplication: Invalid value [${value}]. Must be true or false.`);
      if (!fifo && value === 'true') throw invalid(`${where}The topic should be a FIFO topic to set ContentBasedDeduplication`);
      return;
    case 'FifoThroughputScope':
      if (!fifo) throw invalid(`${where}FifoThroughputScope: The topic should be a FIFO topic`);
      if (value !== 'Topic' && value !== 'MessageGroup') throw invalid(`${where}FifoThroughputScope: Invalid value [${value}]. Please use either Topic or MessageGroup`);
      return;
    case 'Policy': case 'DeliveryPolicy': case 'ArchivePolicy': case 'DataProtectionPolicy':
      if (value !== '' && !isJson(value)) throw invalid(`${where}${name}: failed to parse JSON.`);
      return;
    case 'SignatureVersion':
      if (value !== '1' && value !== '2') throw invalid(`${where}SignatureVersion: Invalid value [${value}]. Must be 1 or 2.`);
      return;
    case 'TracingConfig':
      if (value !== 'PassThrough' && value !== 'Active') throw invalid(`${where}TracingConfig: Invalid value [${value}]. Must be PassThrough or Active.`);
      return;
    default:
  }
}

/** SNS's default access policy of a new topic. */
export function defaultPolicy(arn: string, account: string): string {
  return JSON.stringify({ Version: '2008-10-17', Id: '__default_policy_ID', Statement: [{ Sid: '__default_statement_ID',
    Effect: 'Allow', Principal: { AWS: '*' }, Action: ['SNS:GetTopicAttributes', 'SNS:SetTopicAttributes', 'SNS:AddPermission',
      'SNS:RemovePermission', 'SNS:DeleteTopic', 'SNS:Subscribe', 'SNS:ListSubscriptionsByTopic', 'SNS:Publish'],
    Resource: arn, Condition: { StringEquals: { 'AWS:SourceOwner': account } } }] });
}

/** The stored attributes of a new topic: what the caller gave, with SNS's defaults. */
export function initialAttributes(arn: string, account: Account, given: Record<string, string>, fifo: boolean): Record<string, string> {
  const out: Record<string, string> = { Policy: defaultPolicy(arn, account.accountId), DisplayName: '', ...given };
  delete out.FifoTopic;
  if (fifo) out.ContentBasedDeduplication = given.ContentBasedDeduplication ?? 'false';
  return out;
}

/** GetTopicAttributes' map. */
export function reportedAttributes(t: Topic, account: Account, counts: SubscriptionCounts): Record<string, string> {
  const out: Record<string, string> = {
    ...t.attributes,
    TopicArn: t.arn,
    Owner: account.accountId,
    SubscriptionsConfirmed: String(counts.confirmed),
    SubscriptionsPending: String(counts.pending),
    SubscriptionsDeleted: String(counts.deleted),
    EffectiveDeliveryPolicy: t.attributes.DeliveryPolicy || DEFAULT_TOPIC_DELIVERY_POLICY,
  };
  if (t.fifo) out.FifoTopic = 'true';
  return out;
}
