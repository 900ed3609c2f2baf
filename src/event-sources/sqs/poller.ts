// The poller of one SQS event source mapping: a set of poller loops (poller → batcher →
// sender → invoke), as many as scaling.ts decides. Each loop long-polls the queue through
// the SqsPort, so an idle mapping waits in SQS's receive (woken by arrivals) instead of
// spinning. `stop` ends the loops: it waits for batches being sent and ends their long polls
// (nothing more is claimed), handing back anything received but unprocessed.
import type { Clock } from '../../kernel/clock';
import { parsePattern } from '../filter-criteria';
import type { EventSourceMapping } from '../mapping';
import { Batcher } from './batcher';
import { backoffMs, maximumPollers, minimumPollers, scalingDecision, type BatchOutcome } from './scaling';
import { sendBatch, type SendTarget, type SenderDeps } from './sender';
import type { SqsRecord } from './sqs-event';

export interface PollerDeps extends SenderDeps {
  clock: Clock;
  region: string;
  /** The function's reserved concurrency (the default ceiling of pollers). */
  reservedConcurrency(functionArn: string): number | undefined;
}

export class SqsPoller {
  private stopped = false;
  /** Ends the loops' long polls at stop(), so a stopped mapping receives (and counts a receive of) nothing more. */
  private readonly abort = new AbortController();
  private pollers = 0;
  private lastScaleUpAt = 0;
  private readonly sending = new Set<Promise<unknown>>();
  /** Loops backing off; stop() wakes them. */
  private readonly wakers = new Set<() => void>();
  private target!: SendTarget;

  constructor(private mapping: EventSourceMapping, private readonly deps: PollerDeps) {
    this.configure(mapping);
  }

  start(): void {
    for (let i = 0; i < minimumPollers(this.max()); i++) this.spawn();
  }

  /** New settings take effect from each loop's next batch. */
  update(mapping: EventSourceMapping): void {
    this.configure(mapping);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.abort.abort();
    for (const wake of [...this.wakers]) wake();
    await Promise.allSettled([...this.sending]);
  }

  get size(): number { return this.pollers; }

  get queueArn(): string { return this.mapping.eventSourceArn; }

  private configure(m: EventSourceMapping): void {
    this.mapping = m;
    this.target = { functionArn: m.functionArn, queueArn: m.eventSourceArn,
      reportBatchItemFailures: m.functionResponseTypes.includes('ReportBatchItemFailures'),
      filters: (m.filterCriteria?.Filters ?? []).map((f) => parsePattern(String(f.Pattern))) };
  }

  private max(): number {
    return maximumPollers(this.mapping.maximumConcurrency, this.deps.reservedConcurrency(this.mapping.functionArn));
  }

  private spawn(): void {
    this.pollers++;
    void this.loop().catch((e) => this.deps.log(`event source mapping ${this.mapping.uuid}: poller failed: ${e}`))
      .finally(() => { this.pollers--; });
  }

  private async loop(): Promise<void> {
    const { sqs, clock } = this.deps;
    const queueArn = this.mapping.eventSourceArn;
    const batcher = new Batcher((max, waitMs) => sqs.receiveMessages(queueArn, { max, waitMs, signal: this.abort.signal }), queueArn,
      this.deps.region, clock);
    let failures = 0;
    let records: SqsRecord[] = [];
    while (!this.stopped) {
      let outcome: BatchOutcome;
      records = [];
      try {
        const m = this.mapping;
        const batch = await batcher.next({ batchSize: m.batchSize, windowMs: m.maximumBatchingWindowInSeconds * 1000 }, () => this.stopped);
        records = batch.records;
        if (this.stopped) break;
        outcome = records.length === 0 ? 'empty' : batch.full ? 'full' : 'partial';
        if (records.length > 0) {
          const sent = sendBatch(this.deps, this.target, records);
          this.sending.add(sent);
          const result = await sent.finally(() => this.sending.delete(sent));
          records = [];
          if (result === 'retry') outcome = 'throttled';
        }
      } catch (e) {
        if (this.stopped) break;
        this.deps.log(`event source mapping ${this.mapping.uuid}: ${e instanceof Error ? e.message : e}`);
        outcome = 'throttled';
      }
      failures = outcome === 'throttled' ? failures + 1 : 0;
      const decision = scalingDecision({ pollers: this.pollers, max: this.max(), lastScaleUpAt: this.lastScaleUpAt }, outcome, clock.monotonic());
      if (decision === 'retire') break;
      if (decision === 'add' && !this.stopped) {
        this.lastScaleUpAt = clock.monotonic();
        this.spawn();
      }
      if (failures > 0) await this.sleep(backoffMs(failures));
    }
    await this.handBack([...(this.stopped ? records : []), ...batcher.drain()]);
  }

  /** Makes received but unsent messages visible again at once (best effort: the queue may be gone). */
  private async handBack(records: SqsRecord[]): Promise<void> {
    await Promise.allSettled(records.map((r) => this.deps.sqs.changeVisibility(this.mapping.eventSourceArn, r.receiptHandle, 0)));
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.stopped) return resolve();
      const wake = () => { timer.cancel(); this.wakers.delete(wake); resolve(); };
      const timer = this.deps.clock.setTimer(ms, wake);
      this.wakers.add(wake);
    });
  }
}
