// Publishing: checks a message as SNS does, finds the confirmed subscriptions whose filter
// policy it passes, and commits the message with one outbox row per delivery (group commit:
// concurrent publishes share a transaction) before the caller answers. FIFO topics number
// messages and drop duplicates within 5 minutes (explicit or content-based dedup ids).
import { createHash, randomUUID } from 'node:crypto';
import type { Clock } from '../../kernel/clock';
import { GroupCommit } from '../../store/group-commit';
import type { Sql } from '../../store/sql';
import { LEASE_MS, type Dispatcher } from './dispatcher';
import { invalid } from './errors';
import { matchesFilterPolicy, type FilterPolicyScope } from './filter-policy';
import { attributesSize, checkMessageAttributes, type AttributeInput } from './message-attributes';
import { MAX_MESSAGE_BYTES, delivers, utf8Length, type Delivery, type PublishedMessage, type Subscription, type Topic } from './model';
import type { OutboxEntry, OutboxStore } from './outbox-store';
import type { TopicStore } from './store';

export interface PublishInput {
  Message: string;
  Subject?: string;
  MessageStructure?: string;
  MessageAttributes?: Record<string, AttributeInput>;
  MessageGroupId?: string;
  MessageDeduplicationId?: string;
}

export interface PublishResult { MessageId: string; SequenceNumber?: string }

/** A checked message, ready to commit. */
export interface Prepared { message: PublishedMessage; dedupKey?: string }

/** Checks one message for `topic` (throws InvalidParameter / InvalidParameterValue as SNS). */
export function prepare(topic: Topic, i: PublishInput, now: number): Prepared {
  if (i.Subject !== undefined && (i.Subject === '' || i.Subject.length > 100 || !/^[\x20-\x7e]*$/.test(i.Subject))) throw invalid('Subject');
  if (!i.Message) throw invalid('Empty message');
  const attributes = checkMessageAttributes(i.MessageAttributes);
  if (utf8Length(i.Message) + attributesSize(attributes) > MAX_MESSAGE_BYTES) throw invalid('Message too long');
  let perProtocol: Record<string, string> | undefined;
  if (i.MessageStructure !== undefined) {
    if (i.MessageStructure !== 'json') throw invalid('MessageStructure');
    let parsed: unknown;
    try { parsed = JSON.parse(i.Message); } catch { throw invalid('Message Structure - JSON message body failed to parse'); }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw invalid('Message Structure - JSON message body failed to parse');
    perProtocol = Object.fromEntries(Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'));
    if (perProtocol.default === undefined) throw invalid('Message Structure - No default entry in JSON message body');
  }
  let dedupKey: string | undefined;
  if (topic.fifo) {
    if (!i.MessageGroupId) throw invalid('The MessageGroupId parameter is required for FIFO topics');
    if (!i.MessageDeduplicationId && topic.attributes.ContentBasedDeduplication !== 'true') {
      throw invalid('The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly');
    }
    dedupKey = i.MessageDeduplicationId ?? createHash('sha256').update(i.Message).digest('hex');
  } else if (i.MessageDeduplicationId !== undefined) {
    throw invalid('MessageDeduplicationId Reason: The request includes MessageDeduplicationId parameter that is not valid for this topic type');
  } else if (i.MessageGroupId !== undefined) {
    throw invalid('MessageGroupId Reason: The request includes MessageGroupId parameter that is not valid for this topic type');
  }
  const message: PublishedMessage = { messageId: randomUUID(), topicArn: topic.arn, type: 'Notification',
    message: perProtocol?.default ?? i.Message, perProtocol, subject: i.Subject, attributes, timestamp: now,
    groupId: topic.fifo ? i.MessageGroupId : undefined, dedupId: dedupKey };
  return { message, dedupKey };
}

/** Whether a subscription wants the message (its filter policy, in its scope). */
export function wants(sub: Subscription, m: PublishedMessage): boolean {
  if (sub.state.kind !== 'confirmed' || !delivers(sub.protocol)) return false;
  const policy = sub.attributes.FilterPolicy;
  if (!policy) return true;
  const scope = (sub.attributes.FilterPolicyScope ?? 'MessageAttributes') as FilterPolicyScope;
  return matchesFilterPolicy(JSON.parse(policy), scope, { attributes: m.attributes, body: m.message });
}

export class Publisher {
  private readonly commits: GroupCommit<OutboxEntry>;

  constructor(sql: Sql, private readonly outbox: OutboxStore, private readonly topics: TopicStore,
    private readonly dispatcher: Dispatcher, private readonly clock: Clock) {
    this.commits = new GroupCommit(sql, (tx, entries) => outbox.write(tx, entries, clock.now()));
  }

  /** Commits checked messages of one topic; resolves with each one's result once all are stored. */
  async publish(topic: Topic, prepared: Prepared[]): Promise<PublishResult[]> {
    const subs = await this.subscriptionsOf(topic.arn);
    const entries = prepared.map((p) => this.entry(p, subs));
    await Promise.all(entries.map((e) => this.commits.add(e)));
    return entries.map((e) => {
      if (e.duplicateOf) return { MessageId: e.duplicateOf.messageId, SequenceNumber: e.duplicateOf.sequenceNumber };
      if (e.deliveries.length) this.dispatcher.enqueue(e.message, e.deliveries);
      return { MessageId: e.message.messageId, SequenceNumber: e.message.sequenceNumber };
    });
  }

  /** A message for one subscription only (SubscriptionConfirmation), committed like a publish. */
  async sendTo(sub: Subscription, message: PublishedMessage): Promise<void> {
    const entry = this.entry({ message }, [sub], true);
    await this.commits.add(entry);
    this.dispatcher.enqueue(message, entry.deliveries);
  }

  private entry(p: Prepared, subs: Subscription[], always = false): OutboxEntry {
    const now = this.clock.now();
    const deliveries: Delivery[] = subs.filter((s) => always || wants(s, p.message)).map((s) => ({ id: randomUUID(),
      messageId: p.message.messageId, subscriptionArn: s.arn, attempts: 0, nextAt: now, lease: now + LEASE_MS }));
    return { message: p.message, deliveries, dedupKey: p.dedupKey };
  }

  private async subscriptionsOf(topicArn: string): Promise<Subscription[]> {
    const out: Subscription[] = [];
    for (let after = ''; ;) {
      const page = await this.topics.subscriptions(after, 1000, topicArn);
      out.push(...page);
      if (page.length < 1000) return out;
      after = page[page.length - 1].arn;
    }
  }
}
