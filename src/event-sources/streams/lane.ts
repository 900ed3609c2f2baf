// One lane of a stream poller: the records of its items in sequence order, sent as batches
// one at a time (batcher → sender → invoke), the retry decisions of retry-policy.ts applied,
// discarded records reported to the OnFailure destination, and the lane's checkpoint stored
// after each batch. A failing batch blocks the lane (and so the item) until it succeeds,
// is discarded, or its records age out.
import { AwsError } from '../../kernel/aws-error';
import type { StreamRecordRow } from '../../services/dynamodb-streams';
import { streamOutcome } from './batch-response';
import { afterDecision, decide, emptyLane, expiredCount, nextBatchSize, type Condition, type InvokeOutcome, type LaneState } from './retry-policy';
import { failureRecord, lambdaRecord } from './stream-event';
import type { PollerContext } from './poller-context';

const MAX_EVENT_BYTES = 6 * 1024 * 1024;

export class Lane {
  readonly queue: { row: StreamRecordRow; bytes: number; event: Record<string, unknown> }[] = [];
  busy = false;
  private state: LaneState = emptyLane();
  private invokes = 0;
  private lastResponse?: { statusCode: number; executedVersion?: string; functionError?: string };
  private throttles = 0;

  constructor(readonly index: number, public checkpoint: number, private readonly ctx: PollerContext) {}

  push(row: StreamRecordRow): void {
    const event = lambdaRecord(row.record, this.ctx.streamArn, this.ctx.region);
    this.queue.push({ row, event, bytes: Buffer.byteLength(JSON.stringify(event)) + 1 });
  }

  /** Runs the lane until the poller stops. */
  async run(): Promise<void> {
    const ctx = this.ctx;
    while (!ctx.stopped()) {
      if (this.queue.length === 0) { await ctx.waitForRecords(); continue; }
      const m = ctx.mapping();
      if (this.state.pins.length === 0 && m.maximumBatchingWindowInSeconds > 0 && this.queue.length < m.batchSize) {
        await ctx.waitWindow(m.maximumBatchingWindowInSeconds * 1000, () => this.queue.length >= m.batchSize);
        if (ctx.stopped()) return;
      }
      let size = nextBatchSize(this.state, this.queue.length, m.batchSize);
      let bytes = 14;
      for (let i = 0; i < size; i++) {
        bytes += this.queue[i].bytes;
        if (i > 0 && bytes > MAX_EVENT_BYTES) { size = i; break; }
      }
      const batch = this.queue.slice(0, size);
      const expired = expiredCount(batch.map((b) => b.row.createdAt), m.maximumRecordAgeInSeconds ?? -1, ctx.clock.now());
      if (expired > 0) {
        await this.discard(batch.slice(0, expired).map((b) => b.row), 'RecordAgeExceeded');
        this.state = afterDecision(this.state, expired, { next: 'discard', done: 0, condition: 'RecordAgeExceeded' });
        await this.complete(expired);
        continue;
      }
      this.busy = true;
      const outcome = await this.invoke(batch.map((b) => b.event), batch.map((b) => b.row.record.dynamodb.SequenceNumber));
      this.busy = false;
      if (ctx.stopped() && outcome.kind !== 'ok') return;
      const d = decide({ maximumRetryAttempts: m.maximumRetryAttempts ?? -1, maximumRecordAgeInSeconds: m.maximumRecordAgeInSeconds ?? -1,
        bisect: m.bisectBatchOnFunctionError === true }, this.state, size, outcome);
      this.state = afterDecision(this.state, size, d);
      if (d.next === 'wait') { await ctx.sleep(Math.min(1000 * 2 ** Math.min(this.throttles++, 5), 30_000)); continue; }
      this.throttles = 0;
      if (d.next === 'done') await this.complete(size);
      else if (d.next === 'discard') {
        await this.discard(batch.slice(d.done).map((b) => b.row), d.condition);
        await this.complete(size);
      } else if (d.next === 'retry') {
        if (d.done > 0) await this.complete(d.done);
        await ctx.sleep(Math.min(100 * 2 ** Math.min(this.state.pins[0]?.retries ?? 0, 6), 5000));
      }
    }
  }

  private async invoke(records: Record<string, unknown>[], seqs: string[]): Promise<InvokeOutcome> {
    const m = this.ctx.mapping();
    try {
      this.invokes++;
      const result = await this.ctx.invoker.invoke({ functionName: m.functionArn, invocationType: 'RequestResponse', logType: 'None',
        payload: Buffer.from(JSON.stringify({ Records: records })) });
      this.lastResponse = { statusCode: result.statusCode, executedVersion: result.executedVersion, functionError: result.functionError };
      return streamOutcome(seqs, m.functionResponseTypes.includes('ReportBatchItemFailures'), result);
    } catch (e) {
      this.invokes--;
      if (!(e instanceof AwsError)) this.ctx.log(`event source mapping ${m.uuid}: invoke failed: ${e instanceof Error ? e.message : e}`);
      return { kind: 'throttled' };
    }
  }

  /** Finishes the first n records: the lane's checkpoint moves past them and is stored. */
  private async complete(n: number): Promise<void> {
    const done = this.queue.splice(0, n);
    if (this.state.pins.length === 0) { this.invokes = 0; this.lastResponse = undefined; }
    this.checkpoint = done[done.length - 1].row.seq;
    await this.ctx.saveCheckpoint(this.index, this.checkpoint);
  }

  private async discard(rows: StreamRecordRow[], condition: Condition): Promise<void> {
    const m = this.ctx.mapping();
    const destination = m.destinationConfig?.OnFailure?.Destination;
    const count = this.invokes;
    this.invokes = 0;
    this.ctx.log(`event source mapping ${m.uuid}: discarding ${rows.length} records of ${this.ctx.streamArn} (${condition})`);
    if (!destination || rows.length === 0) return;
    const body = failureRecord({ functionArn: m.functionArn, condition, invokeCount: count, response: this.lastResponse,
      streamArn: this.ctx.streamArn, shardId: this.ctx.shardId, records: rows, nowMs: this.ctx.clock.now() });
    try {
      await this.ctx.destinations.send(destination, JSON.stringify(body));
    } catch (e) {
      this.ctx.log(`event source mapping ${m.uuid}: could not send to ${destination}: ${e instanceof Error ? e.message : e}`);
    }
  }
}
