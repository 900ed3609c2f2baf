// Delivers the outbox: deliveries handed over by Publish right after their commit (they hold
// their lease already), and every delivery a sweep finds due (a retry whose time came, or one
// a stopped or crashed node left). Each is deleted once delivered; a failure is retried as its
// retry policy says, and when the retries are spent (or the error is permanent) the message
// goes to the subscription's dead-letter queue (RedrivePolicy) or is dropped. FIFO topics
// deliver one message at a time per subscription and group, in order.
import type { Clock, TimerHandle } from '../../kernel/clock';
import { retryDelayMs, retryPolicyFor } from './delivery-policy';
import { deliver } from './endpoints';
import type { Delivery, PublishedMessage, Subscription } from './model';
import { envelope, type Urls } from './notification';
import type { OutboxStore } from './outbox-store';
import { isPermanent, type SnsPorts } from './ports';
import type { TopicStore } from './store';

export const LEASE_MS = 60_000;
const SWEEP_MS = 5_000;
const MAX_IN_FLIGHT = 32;

export interface DispatcherDeps {
  outbox: OutboxStore;
  topics: TopicStore;
  ports: SnsPorts;
  clock: Clock;
  urls: () => Urls;
  log: (m: string) => void;
}

export class Dispatcher {
  private chains = new Map<string, Promise<void>>();
  private inFlight = 0;
  private waiting: (() => void)[] = [];
  private timers = new Set<TimerHandle>();
  private stopped = true;

  constructor(private readonly d: DispatcherDeps) {}

  /** Starts sweeping; `exclusive` (a store no other node uses) first frees the leases an earlier run held. */
  async start(exclusive: boolean): Promise<void> {
    if (exclusive) await this.d.outbox.releaseAll();
    this.stopped = false;
    this.sweep();
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers) t.cancel();
    this.timers.clear();
  }

  /** Deliveries just committed by a publish of `m` (their lease is held). */
  enqueue(m: PublishedMessage, deliveries: Delivery[]): void {
    for (const x of deliveries) this.schedule(x, m);
  }

  private sweep = (): void => {
    if (this.stopped) return;
    void (async () => {
      const now = this.d.clock.now();
      for (const x of await this.d.outbox.due(now, 200)) {
        if (await this.d.outbox.claim(x, now + LEASE_MS)) this.schedule(x);
      }
      await this.d.outbox.expireDedup(now);
    })().catch((e) => { if (!this.stopped) this.d.log(`sns: delivery sweep failed: ${e}`); })
      .finally(() => this.after(SWEEP_MS, this.sweep));
  };

  private after(ms: number, fn: () => void): void {
    if (this.stopped) return;
    const t = this.d.clock.setTimer(ms, () => { this.timers.delete(t); fn(); });
    this.timers.add(t);
  }

  /** Runs the delivery after the previous one of its chain (FIFO: per subscription and group). */
  private schedule(x: Delivery, m?: PublishedMessage): void {
    const key = m?.groupId !== undefined ? `${x.subscriptionArn}\n${m.groupId}` : x.id;
    const prev = this.chains.get(key) ?? Promise.resolve();
    const next = prev.then(() => this.limited(() => this.attempt(x, m)))
      .catch((e) => { if (!this.stopped) this.d.log(`sns: delivery ${x.id} failed: ${e}`); });
    this.chains.set(key, next);
    void next.finally(() => { if (this.chains.get(key) === next) this.chains.delete(key); });
  }

  private async limited(fn: () => Promise<void>): Promise<void> {
    while (this.inFlight >= MAX_IN_FLIGHT) await new Promise<void>((r) => this.waiting.push(r));
    this.inFlight++;
    try { await fn(); } finally { this.inFlight--; this.waiting.shift()?.(); }
  }

  private async attempt(x: Delivery, known?: PublishedMessage): Promise<void> {
    if (this.stopped) return;
    const m = known ?? (await this.d.outbox.message(x.messageId));
    const sub = m && (await this.d.topics.subscription(x.subscriptionArn));
    if (!m || !sub) { await this.d.outbox.finish(x); return; } // unsubscribed or topic deleted: nothing to deliver to
    const topic = await this.d.topics.topic(sub.topicArn);
    try {
      await deliver(this.d.ports, m, sub, topic, this.d.urls());
      await this.d.outbox.finish(x);
    } catch (err) {
      if (this.stopped) return;
      const wait = isPermanent(err) ? undefined
        : retryDelayMs(retryPolicyFor(sub.protocol, topic?.attributes.DeliveryPolicy, sub.attributes.DeliveryPolicy), x.attempts + 1);
      if (wait === undefined) {
        await this.deadLetter(m, sub, err);
        await this.d.outbox.finish(x);
        return;
      }
      const at = this.d.clock.now() + wait;
      await this.d.outbox.retryAt(x, x.attempts + 1, at);
      this.after(wait, () => void this.d.outbox.claim(x, this.d.clock.now() + LEASE_MS)
        .then((won) => { if (won) this.schedule(x); }).catch(() => {}));
    }
  }

  /** Sends an undeliverable message to the subscription's DLQ, if it has one. */
  private async deadLetter(m: PublishedMessage, sub: Subscription, err: unknown): Promise<void> {
    const policy = sub.attributes.RedrivePolicy;
    const dlq = policy ? (JSON.parse(policy) as { deadLetterTargetArn?: string }).deadLetterTargetArn : undefined;
    this.d.log(`sns: could not deliver ${m.messageId} to ${sub.arn}${dlq ? `; sent to ${dlq}` : ''}: ${(err as Error)?.message ?? err}`);
    if (!dlq || !this.d.ports.sqs || m.type !== 'Notification') return;
    const body = sub.attributes.RawMessageDelivery === 'true' ? m.message : JSON.stringify(envelope(m, sub, this.d.urls()));
    await this.d.ports.sqs.sendMessage(dlq, { body, messageGroupId: m.groupId, messageDeduplicationId: m.dedupId })
      .catch((e) => this.d.log(`sns: dead-letter queue ${dlq} refused ${m.messageId}: ${e}`));
  }
}
