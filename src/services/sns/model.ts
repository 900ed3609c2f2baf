// SNS's data as Nimbus keeps it: topics, subscriptions (with their confirmation state),
// and published messages waiting for delivery. Limits are SNS's.
import type { Account } from '../../kernel/arn';

export const MAX_MESSAGE_BYTES = 262_144;
export const MAX_BATCH_ENTRIES = 10;
export const PAGE_SIZE = 100;
export const MAX_TAGS = 50;

export interface Topic {
  arn: string;
  name: string;
  fifo: boolean;
  /** Settable attributes as SNS's strings (DisplayName, Policy, DeliveryPolicy, ...). */
  attributes: Record<string, string>;
  tags: Record<string, string>;
  createdAt: number;
}

export type Protocol = 'http' | 'https' | 'email' | 'email-json' | 'sms' | 'sqs' | 'application' | 'lambda' | 'firehose';
export const PROTOCOLS: readonly Protocol[] = ['http', 'https', 'email', 'email-json', 'sms', 'sqs', 'application', 'lambda', 'firehose'];

/**
 * A subscription's confirmation, as a state machine: http(s) and email start `pending`
 * (a token was sent to the endpoint) and become `confirmed` by ConfirmSubscription; the
 * others start `confirmed`. Unsubscribe deletes the row (and counts it in SubscriptionsDeleted).
 */
export type SubscriptionState = { kind: 'pending'; token: string } | { kind: 'confirmed'; authenticated: boolean; token?: string };

export interface Subscription {
  arn: string;
  topicArn: string;
  protocol: Protocol;
  endpoint: string;
  owner: string;
  state: SubscriptionState;
  /** Settable attributes (RawMessageDelivery, FilterPolicy, FilterPolicyScope, RedrivePolicy, DeliveryPolicy, ...). */
  attributes: Record<string, string>;
  createdAt: number;
}

/** Protocols confirmed at once; the others wait for ConfirmSubscription. */
export const confirmsAtOnce = (p: Protocol): boolean => !['http', 'https', 'email', 'email-json'].includes(p);
/** Protocols Nimbus delivers to (sms, application and firehose are accepted and never delivered). */
export const delivers = (p: Protocol): boolean => ['http', 'https', 'email', 'email-json', 'sqs', 'lambda'].includes(p);

export interface MessageAttribute { Type: string; Value: string }

/** A message as published, stored once however many deliveries it has. */
export interface PublishedMessage {
  messageId: string;
  topicArn: string;
  /** `Notification`, or `SubscriptionConfirmation` / `UnsubscribeConfirmation` for one endpoint. */
  type: 'Notification' | 'SubscriptionConfirmation' | 'UnsubscribeConfirmation';
  /** The message text; with MessageStructure=json, the per-protocol texts. */
  message: string;
  perProtocol?: Record<string, string>;
  subject?: string;
  /** Envelope form (Type/Value; Binary values base64). */
  attributes: Record<string, MessageAttribute>;
  groupId?: string;
  dedupId?: string;
  sequenceNumber?: string;
  token?: string;
  timestamp: number;
}

/** One pending delivery of a message to one subscription (an outbox row). */
export interface Delivery {
  id: string;
  messageId: string;
  subscriptionArn: string;
  attempts: number;
  /** When it may next be tried. */
  nextAt: number;
  /** Until when a node is delivering it (0: nobody); the row is due when both times have passed. */
  lease: number;
}

export function topicArn(acc: Account, name: string): string {
  return `arn:aws:sns:${acc.region}:${acc.accountId}:${name}`;
}

/** The parts of an SNS topic or subscription ARN, or undefined when it is not one. */
export function parseSnsArn(arn: string): { region: string; account: string; topic: string; subscription?: string } | undefined {
  const m = /^arn:aws[a-zA-Z-]*:sns:([a-z0-9-]+):(\d{12}):([A-Za-z0-9_.-]{1,256})(?::([0-9a-f-]{36}))?$/.exec(arn);
  return m ? { region: m[1], account: m[2], topic: m[3], subscription: m[4] } : undefined;
}

export const TOPIC_NAME = /^[A-Za-z0-9_-]{1,256}$/;
export const FIFO_TOPIC_NAME = /^[A-Za-z0-9_-]{1,251}\.fifo$/;

export const utf8Length = (s: string): number => Buffer.byteLength(s, 'utf8');
