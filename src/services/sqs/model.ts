// SQS's data as Nimbus keeps it: queues (settable attributes as SQS's strings), stored
// messages, and the effective settings a queue's attributes give. Limits are SQS's.
export const MAX_MESSAGE_BYTES = 1_048_576;
export const MAX_BATCH_ENTRIES = 10;
export const DEDUP_WINDOW_MS = 5 * 60_000;
export const MAX_WAIT_SECONDS = 20;
export const MAX_VISIBILITY_SECONDS = 43_200;

export interface MessageAttributeValue {
  DataType: string;
  StringValue?: string;
  /** Base64, as on the JSON wire. */
  BinaryValue?: string;
}
export type MessageAttributes = Record<string, MessageAttributeValue>;

export interface Queue {
  /** Random identity of this incarnation of the queue (messages and receipt handles key on it). */
  qid: string;
  name: string;
  arn: string;
  fifo: boolean;
  /** Settable attributes, as SQS's strings (defaults filled in at creation). */
  attributes: Record<string, string>;
  tags: Record<string, string>;
  createdAt: number;
  modifiedAt: number;
  purgedAt: number | null;
}

/** What a stored message carries besides its columns (JSON in `extras`). */
export interface MessageExtras {
  attributes?: MessageAttributes;
  traceHeader?: string;
  senderId?: string;
  /** The queue a dead-lettered message came from (DeadLetterQueueSourceArn, and where a move task returns it). */
  deadLetterSourceArn?: string;
}

export interface StoredMessage {
  qid: string;
  seq: number;
  messageId: string;
  body: string;
  md5OfBody: string;
  extras: MessageExtras;
  sentAt: number;
  visibleAt: number;
  receiveCount: number;
  firstReceiveAt: number | null;
  groupId: string | null;
  dedupId: string | null;
  receipt: string | null;
}

/** A message about to be stored (seq and timestamps are given by the store's commit). */
export interface NewMessage {
  messageId: string;
  body: string;
  md5OfBody: string;
  extras: MessageExtras;
  delayMs: number;
  groupId: string | null;
  dedupId: string | null;
}

export interface RedrivePolicy { deadLetterTargetArn: string; maxReceiveCount: number }

/** A queue's attributes read as numbers and flags. */
export interface QueueSettings {
  delaySeconds: number;
  maximumMessageSize: number;
  retentionMs: number;
  receiveWaitSeconds: number;
  visibilitySeconds: number;
  redrive?: RedrivePolicy;
  contentBasedDeduplication: boolean;
  dedupPerGroup: boolean;
}

export function settingsOf(q: Queue): QueueSettings {
  const a = q.attributes;
  const redrive = a.RedrivePolicy ? (JSON.parse(a.RedrivePolicy) as { deadLetterTargetArn: string; maxReceiveCount: number | string }) : undefined;
  return {
    delaySeconds: Number(a.DelaySeconds ?? 0),
    maximumMessageSize: Number(a.MaximumMessageSize ?? MAX_MESSAGE_BYTES),
    retentionMs: Number(a.MessageRetentionPeriod ?? 345_600) * 1000,
    receiveWaitSeconds: Number(a.ReceiveMessageWaitTimeSeconds ?? 0),
    visibilitySeconds: Number(a.VisibilityTimeout ?? 30),
    redrive: redrive ? { deadLetterTargetArn: redrive.deadLetterTargetArn, maxReceiveCount: Number(redrive.maxReceiveCount) } : undefined,
    contentBasedDeduplication: a.ContentBasedDeduplication === 'true',
    dedupPerGroup: a.DeduplicationScope === 'messageGroup',
  };
}

export function queueArn(region: string, accountId: string, name: string): string {
  return `arn:aws:sqs:${region}:${accountId}:${name}`;
}

/** The queue name in an SQS ARN, if it is one of this account and region. */
export function nameFromArn(arn: string, region: string, accountId: string): string | undefined {
  const prefix = `arn:aws:sqs:${region}:${accountId}:`;
  return arn.startsWith(prefix) && arn.length > prefix.length ? arn.slice(prefix.length) : undefined;
}
