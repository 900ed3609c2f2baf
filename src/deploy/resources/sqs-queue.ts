// AWS::SQS::Queue: its properties become the queue's attributes through SQS's own
// operations (so SQS's validation and errors apply). Loaders always give a QueueName
// (the template's, or a stable generated `<stack>-<LogicalId>-<SUFFIX>`), so a redeploy
// finds the same queue: CreateQueue the first time, then SetQueueAttributes with every
// attribute stated (omitted ones back to SQS's defaults, as a CloudFormation update does)
// and the tags made equal. A queue that left the project, or was renamed, is deleted
// unless its DeletionPolicy is Retain.
import type { PlannedResource } from '../plan';
import { PropertyError, type OperationsPort } from './port';
import { asProperty, boolean, checkProperties, errorCode, ignoring, integer, jsonText, string, tags, type Input } from './property-checks';

export interface QueueState { name: string; retain: boolean }

const NUMBERS = ['DelaySeconds', 'MaximumMessageSize', 'MessageRetentionPeriod', 'ReceiveMessageWaitTimeSeconds', 'VisibilityTimeout',
  'KmsDataKeyReusePeriodSeconds'];
const BOOLEANS = ['FifoQueue', 'ContentBasedDeduplication', 'SqsManagedSseEnabled'];
const STRINGS = ['DeduplicationScope', 'FifoThroughputLimit', 'KmsMasterKeyId'];
const POLICIES = ['RedrivePolicy', 'RedriveAllowPolicy'];
const PROPERTIES = ['QueueName', 'Tags', ...NUMBERS, ...BOOLEANS, ...STRINGS, ...POLICIES];

/** What a redeploy resets when the template no longer states it (SQS's defaults; '' removes a policy). */
const RESET: Record<string, string> = { DelaySeconds: '0', MaximumMessageSize: '1048576', MessageRetentionPeriod: '345600',
  ReceiveMessageWaitTimeSeconds: '0', VisibilityTimeout: '30', RedrivePolicy: '', RedriveAllowPolicy: '' };
const FIFO_RESET: Record<string, string> = { ContentBasedDeduplication: 'false', DeduplicationScope: 'queue', FifoThroughputLimit: 'perQueue' };

export interface QueueRequest { name: string; fifo: boolean; attributes: Record<string, string>; tags: Record<string, string> }

/** The template's properties as SQS's QueueName, Attributes and tags (pure). */
export function queueRequest(props: Input): QueueRequest {
  checkProperties(props, PROPERTIES);
  const name = string(props.QueueName, ['QueueName'], true)!;
  const attributes: Record<string, string> = {};
  for (const k of NUMBERS) {
    const n = integer(props[k], [k]);
    if (n !== undefined) attributes[k] = String(n);
  }
  for (const k of BOOLEANS) {
    const b = boolean(props[k], [k]);
    if (b !== undefined) attributes[k] = String(b);
  }
  for (const k of STRINGS) {
    const s = string(props[k], [k]);
    if (s !== undefined) attributes[k] = s;
  }
  for (const k of POLICIES) {
    const p = jsonText(props[k], [k]);
    if (p !== undefined) attributes[k] = p;
  }
  const fifo = attributes.FifoQueue === 'true';
  if (fifo !== name.endsWith('.fifo')) {
    throw new PropertyError(fifo ? ['QueueName'] : ['FifoQueue'], 'a FIFO queue\'s QueueName must end with ".fifo" and FifoQueue must be true');
  }
  if (!fifo) delete attributes.FifoQueue;
  return { name, fifo, attributes, tags: tags(props.Tags, ['Tags']) };
}

export async function applyQueue(r: PlannedResource, sqs: OperationsPort, previous?: QueueState): Promise<QueueState> {
  const q = queueRequest(r.properties);
  const exists = await sqs('GetQueueUrl', { QueueName: q.name }).then(() => true, (e) => {
    if (errorCode(e) === 'QueueDoesNotExist') return false;
    throw e;
  });
  if (!exists) {
    await asProperty(() => sqs('CreateQueue', { QueueName: q.name, Attributes: q.attributes, tags: q.tags }));
  } else {
    const reset = { ...RESET, ...(q.fifo ? FIFO_RESET : {}) };
    await asProperty(() => sqs('SetQueueAttributes', { QueueUrl: q.name, Attributes: { ...reset, ...q.attributes } }));
    const { Tags: current = {} } = await sqs('ListQueueTags', { QueueUrl: q.name }) as { Tags?: Record<string, string> };
    const gone = Object.keys(current).filter((k) => !(k in q.tags));
    if (gone.length) await sqs('UntagQueue', { QueueUrl: q.name, TagKeys: gone });
    if (Object.entries(q.tags).some(([k, v]) => current[k] !== v)) await asProperty(() => sqs('TagQueue', { QueueUrl: q.name, Tags: q.tags }), ['Tags']);
  }
  const state = { name: q.name, retain: r.deletionPolicy === 'Retain' };
  if (previous && previous.name !== q.name) await removeQueue(previous, sqs);
  return state;
}

export async function removeQueue(state: QueueState, sqs: OperationsPort): Promise<void> {
  if (!state.retain) await ignoring(['QueueDoesNotExist'], () => sqs('DeleteQueue', { QueueUrl: state.name }));
}
