// Receiving: claim visible messages (one statement), hand messages past maxReceiveCount
// to the dead-letter queue, and long-poll: an empty receive with time left waits for an
// arrival in the queue, the next hidden message turning visible, or the deadline.
import { randomBytes } from 'node:crypto';
import type { Clock } from '../../kernel/clock';
import type { Arrivals } from './arrivals';
import type { MessageStore } from './message-store';
import { settingsOf, type Queue, type StoredMessage } from './model';
import type { Queues } from './queues';
import { nextLook, splitDeadLetters } from './redrive';
import { transfer } from './transfer';

export interface ReceiveOptions {
  max: number; visibilitySeconds: number; waitMs: number;
  /** Ends a long poll early with nothing claimed (an in-process poller that stops). */
  signal?: AbortSignal;
}

export class Receiver {
  constructor(private readonly messages: MessageStore, private readonly queues: Queues, private readonly clock: Clock,
    private readonly arrivals: Arrivals, private readonly pollCapMs: number) {}

  async receive(queue: Queue, o: ReceiveOptions): Promise<StoredMessage[]> {
    const settings = settingsOf(queue);
    const deadline = this.clock.now() + o.waitMs;
    for (;;) {
      if (o.signal?.aborted) return [];
      const now = this.clock.now();
      const claimed = await this.messages.claim(queue, {
        max: o.max, now, visibleAt: now + o.visibilitySeconds * 1000, token: randomBytes(6).toString('hex'),
        cutoff: now - settings.retentionMs,
      });
      if (claimed.length > 0) {
        const { deliver, deadLetter } = splitDeadLetters(claimed, settings.redrive);
        if (deadLetter.length === 0 || !(await this.deadLetter(queue, deadLetter, settings.redrive!.deadLetterTargetArn, now))) {
          return claimed;
        }
        if (deliver.length > 0) return deliver;
        continue;
      }
      if (now >= deadline) return [];
      const next = await this.messages.nextVisibleAt(queue.qid, now);
      await this.arrivals.wait(queue.name, nextLook(now, deadline, next, this.pollCapMs), o.signal);
    }
  }

  /** Moves messages to the dead-letter queue; false when it does not exist (they are delivered instead). */
  private async deadLetter(source: Queue, rows: StoredMessage[], dlqArn: string, now: number): Promise<boolean> {
    const dlq = await this.queues.byArn(dlqArn).catch(() => undefined);
    if (!dlq) return false;
    const moved = await transfer(this.messages, source, rows, dlq, {
      now, keepReceiveCount: true, extras: (m) => ({ ...m.extras, deadLetterSourceArn: source.arn }),
    });
    if (moved) this.arrivals.notify(dlq.name);
    return moved;
  }
}
