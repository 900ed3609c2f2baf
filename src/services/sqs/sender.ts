// Sending with group commit: sends that arrive while the event loop is busy are stored
// in one transaction, and each caller's promise resolves only after that commit (a
// message is acknowledged only once it is durable). Per queue, one statement allocates
// sequence numbers and one inserts the rows; FIFO queues first drop messages whose
// deduplication key was seen in the last 5 minutes (their original MessageId is answered).
import type { Clock } from '../../kernel/clock';
import type { SqlRunner } from '../../store/sql';
import type { Arrivals } from './arrivals';
import { noQueue } from './errors';
import type { MessageStore, StoredRow } from './message-store';
import { DEDUP_WINDOW_MS, type NewMessage, type Queue } from './model';

export interface SendResult { messageId: string; seq: number; duplicate: boolean }
interface Pending {
  queue: Queue;
  messages: NewMessage[];
  /** FIFO: each message's deduplication key (scope applied). */
  dedupKeys?: string[];
  resolve: (r: SendResult[]) => void;
  reject: (e: unknown) => void;
  results?: SendResult[] | 'gone';
}

export class Sender {
  private pending: Pending[] = [];
  private scheduled = false;

  constructor(private readonly messages: MessageStore, private readonly clock: Clock, private readonly arrivals: Arrivals) {}

  send(queue: Queue, messages: NewMessage[], dedupKeys?: string[]): Promise<SendResult[]> {
    return new Promise((resolve, reject) => {
      this.pending.push({ queue, messages, dedupKeys, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    this.scheduled = false;
    const now = this.clock.now();
    try {
      await this.messages.transaction(async (tx) => {
        for (const p of batch) p.results = await this.write(tx, p, now);
      });
    } catch (err) {
      for (const p of batch) p.reject(err);
      return;
    }
    const notified = new Set<string>();
    for (const p of batch) {
      if (p.results === 'gone' || !p.results) { p.reject(noQueue()); continue; }
      p.resolve(p.results);
      if (!notified.has(p.queue.name)) { notified.add(p.queue.name); this.arrivals.notify(p.queue.name); }
    }
  }

  private async write(tx: SqlRunner, p: Pending, now: number): Promise<SendResult[] | 'gone'> {
    const results: (SendResult | undefined)[] = new Array(p.messages.length);
    const fresh: number[] = [];
    const seen = new Map<string, number>();
    for (let i = 0; i < p.messages.length; i++) {
      const key = p.dedupKeys?.[i];
      if (key === undefined) { fresh.push(i); continue; }
      const inBatch = seen.get(key);
      if (inBatch !== undefined) { results[i] = { messageId: p.messages[inBatch].messageId, seq: -1, duplicate: true }; continue; }
      const old = await this.messages.dedup(tx, p.queue.qid, key, now);
      if (old) { results[i] = { ...old, duplicate: true }; continue; }
      seen.set(key, i);
      fresh.push(i);
    }
    if (fresh.length === 0) return results as SendResult[];
    const first = await this.messages.allocate(tx, p.queue.qid, fresh.length);
    if (first === undefined) return 'gone';
    const rows: StoredRow[] = fresh.map((i, k) => {
      const message = p.messages[i];
      results[i] = { messageId: message.messageId, seq: first + k, duplicate: false };
      return { seq: first + k, message, sentAt: now, visibleAt: now + message.delayMs };
    });
    await this.messages.insert(tx, p.queue.qid, rows);
    for (const i of fresh) {
      const key = p.dedupKeys?.[i];
      if (key !== undefined) await this.messages.putDedup(tx, p.queue.qid, key, p.messages[i].messageId, results[i]!.seq, now + DEDUP_WINDOW_MS);
    }
    // In-batch duplicates point at the original's sequence number.
    for (let i = 0; i < results.length; i++) {
      if (results[i]!.seq === -1) results[i] = { ...results[i]!, seq: results[seen.get(p.dedupKeys![i])!]!.seq };
    }
    return results as SendResult[];
  }
}
