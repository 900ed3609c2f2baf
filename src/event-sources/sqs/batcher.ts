// The batcher of one SQS poller: fills a batch from receives of up to 10 messages until it
// holds BatchSize records, MaximumBatchingWindowInSeconds has passed since the first one
// arrived, or the event would pass 6 MB (the messages that do not fit open the next batch).
// With no window a batch is what one receive returns, as Lambda does.
import type { Clock } from '../../kernel/clock';
import type { ReceivedMessage } from '../../services/sqs';
import { recordBytes, sqsRecord, type SqsRecord } from './sqs-event';

/** Lambda's fixed limit for a synchronous invocation's payload. */
export const MAX_EVENT_BYTES = 6 * 1024 * 1024;
/** Long polling while the queue is empty (SQS's maximum). */
export const IDLE_WAIT_MS = 20_000;
/** The event's `{"Records":[` ... `]}`. */
const ENVELOPE_BYTES = 14;

export type Receive = (max: number, waitMs: number) => Promise<ReceivedMessage[]>;

export interface BatchLimits { batchSize: number; windowMs: number; maxBytes?: number }

export interface Batch { records: SqsRecord[]; bytes: number; full: boolean }

export class Batcher {
  private carry: { record: SqsRecord; bytes: number }[] = [];

  constructor(private readonly receive: Receive, private readonly queueArn: string, private readonly region: string,
    private readonly clock: Clock) {}

  async next(limits: BatchLimits, stopped: () => boolean): Promise<Batch> {
    const maxBytes = limits.maxBytes ?? MAX_EVENT_BYTES;
    const batch: Batch = { records: [], bytes: ENVELOPE_BYTES, full: false };
    const take = (items: { record: SqsRecord; bytes: number }[]) => {
      for (const [i, item] of items.entries()) {
        if (batch.records.length > 0 && (batch.bytes + item.bytes > maxBytes || batch.records.length >= limits.batchSize)) {
          this.carry.push(...items.slice(i));
          batch.full = true;
          return;
        }
        batch.records.push(item.record);
        batch.bytes += item.bytes;
      }
    };
    const pending = this.carry;
    this.carry = [];
    take(pending);
    if (batch.records.length === 0) take(await this.fetch(Math.min(10, limits.batchSize), IDLE_WAIT_MS));
    if (batch.records.length > 0 && limits.windowMs > 0) {
      const deadline = this.clock.now() + limits.windowMs;
      while (!batch.full && batch.records.length < limits.batchSize && !stopped()) {
        const left = deadline - this.clock.now();
        if (left <= 0) break;
        take(await this.fetch(Math.min(10, limits.batchSize - batch.records.length), Math.min(left, IDLE_WAIT_MS)));
      }
    }
    if (batch.records.length >= limits.batchSize) batch.full = true;
    return batch;
  }

  /** Records received but not yet sent (handed back when the poller stops). */
  drain(): SqsRecord[] {
    const out = this.carry.map((c) => c.record);
    this.carry = [];
    return out;
  }

  private async fetch(max: number, waitMs: number): Promise<{ record: SqsRecord; bytes: number }[]> {
    const messages = await this.receive(max, waitMs);
    return messages.map((m) => {
      const record = sqsRecord(m, this.queueArn, this.region);
      return { record, bytes: recordBytes(record) };
    });
  }
}
