// Batches log events from the logs channel into the store, off the invoke path: one
// transaction per batch, flushed every `intervalMs` or when the batch is full.
import type { LogEvent } from '../../pool/output-capture';
import type { LogStore, StoredLogEvent } from './store';

export class LogWriter {
  private batch: StoredLogEvent[] = [];
  private seqs = new Map<string, number>();
  private timer?: NodeJS.Timeout;
  private writing: Promise<void> = Promise.resolve();

  constructor(private store: LogStore, private intervalMs = 50, private maxBatch = 1000,
    private onError: (err: unknown) => void = () => {}) {}

  /** Accepts one event (the channel listener). Never blocks, never throws. */
  push = (e: LogEvent): void => {
    const seq = (this.seqs.get(e.logStream) ?? 0) + 1;
    this.seqs.set(e.logStream, seq);
    this.batch.push({ logGroup: e.logGroup, logStream: e.logStream, seq, timestamp: e.timestamp,
      message: e.message.length > 262_144 ? e.message.slice(0, 262_144) : e.message });
    if (this.batch.length >= this.maxBatch) void this.flush();
    else if (!this.timer) this.timer = setTimeout(() => void this.flush(), this.intervalMs);
  };

  /** Writes what is batched; resolves when it (and any earlier batch) is stored. */
  flush(): Promise<void> {
    if (this.timer) { clearTimeout(this.timer); this.timer = undefined; }
    const events = this.batch;
    this.batch = [];
    this.writing = this.writing.then(() => this.store.putLogEvents(events)).catch(this.onError);
    return this.writing;
  }
}
