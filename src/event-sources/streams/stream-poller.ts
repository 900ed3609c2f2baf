// The poller of one DynamoDB stream event source mapping. One shard per stream, so one
// reader: it reads the shard in order from the lanes' lowest checkpoint (checkpoints.ts),
// 4 times a second or when the stream service says records arrived, and hands each record
// to the lane of its item (ParallelizationFactor lanes, 1 by default: one batch in flight per
// shard). Lanes (lane.ts) send batches and store their checkpoints. `stop` waits for the
// batches in flight.
import type { Clock } from '../../kernel/clock';
import type { Invoker } from '../../invoke/types';
import type { DynamoDbStreamsPort } from '../../services/dynamodb-streams';
import { passesFilters, parsePattern } from '../filter-criteria';
import type { EventSourceMapping } from '../mapping';
import type { CheckpointStore } from './checkpoint-store';
import { laneCheckpoints, laneOf, readFrom } from './checkpoints';
import { Lane } from './lane';
import type { FailureDestinations, PollerContext } from './poller-context';

export interface StreamPollerDeps {
  streams: DynamoDbStreamsPort;
  checkpoints: CheckpointStore;
  invoker: Invoker;
  clock: Clock;
  region: string;
  destinations: FailureDestinations;
  log: (message: string) => void;
}

/** DynamoDB polls each shard 4 times a second. */
export const POLL_MS = 250;
const READ_LIMIT = 1000;
const MAX_BUFFERED = 10_000;

export class StreamPoller {
  private stopped = false;
  private waiters = new Set<() => void>();
  /** Lanes backing off: only stop() wakes them, so arrivals never speed a retry up. */
  private sleepers = new Set<() => void>();
  private running: Promise<unknown> = Promise.resolve();
  private unsubscribe?: () => void;

  constructor(private mapping: EventSourceMapping, private readonly deps: StreamPollerDeps) {}

  get sourceArn(): string { return this.mapping.eventSourceArn; }
  get lanes(): number { return this.mapping.parallelizationFactor ?? 1; }

  /** Starts once `after` (the previous poller's stop) settles. */
  start(after: Promise<unknown> = Promise.resolve()): void {
    this.running = after.then(() => this.run()).catch((e) => this.deps.log(`event source mapping ${this.mapping.uuid}: poller failed: ${e}`));
  }

  update(mapping: EventSourceMapping): void { this.mapping = mapping; }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    this.wake();
    for (const w of [...this.sleepers]) w();
    await this.running;
  }

  private wake(): void {
    const ws = [...this.waiters];
    this.waiters.clear();
    for (const w of ws) w();
  }

  /** Resolves on wake() or after ms. */
  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.stopped) return resolve();
      const done = () => { timer.cancel(); this.waiters.delete(done); resolve(); };
      const timer = this.deps.clock.setTimer(ms, done);
      this.waiters.add(done);
    });
  }

  private async run(): Promise<void> {
    const { streams, checkpoints, clock } = this.deps;
    const arn = this.mapping.eventSourceArn;
    let info = await streams.stream(arn);
    while (!info && !this.stopped) { await this.wait(1000); info = await streams.stream(arn); }
    if (!info || this.stopped) return;
    this.unsubscribe = streams.onRecords((a) => { if (a === arn) this.wake(); });
    const uuid = this.mapping.uuid;
    let stored = await checkpoints.load(uuid);
    if (stored.size === 0) stored = new Map([[0, this.mapping.startingPosition === 'LATEST' ? info.lastSeq : info.trimmedThrough]]);
    const n = Math.max(1, this.lanes);
    const cps = laneCheckpoints(stored, n);
    if (stored.size !== n || [...stored.entries()].some(([k, v]) => cps[k] !== v)) await checkpoints.replace(uuid, cps);
    const ctx: PollerContext = {
      streamArn: arn, shardId: info.shardId, region: this.deps.region, clock, invoker: this.deps.invoker,
      destinations: this.deps.destinations, log: this.deps.log,
      mapping: () => this.mapping, stopped: () => this.stopped,
      waitForRecords: () => this.wait(POLL_MS * 4),
      waitWindow: async (ms, full) => {
        const end = clock.now() + ms;
        while (!this.stopped && !full() && clock.now() < end) await this.wait(Math.min(end - clock.now(), POLL_MS));
      },
      sleep: (ms) => new Promise<void>((resolve) => {
        if (this.stopped) return resolve();
        const done = () => { timer.cancel(); this.sleepers.delete(done); resolve(); };
        const timer = clock.setTimer(ms, done);
        this.sleepers.add(done);
      }),
      saveCheckpoint: (lane, seq) => checkpoints.save(uuid, lane, seq),
    };
    const lanes = cps.map((cp, i) => new Lane(i, cp, ctx));
    const laneRuns = lanes.map((l) => l.run().catch((e) => this.deps.log(`event source mapping ${uuid}: lane failed: ${e}`)));
    let next = readFrom(cps, info.trimmedThrough);
    while (!this.stopped) {
      const buffered = lanes.reduce((s, l) => s + l.queue.length, 0);
      const rows = buffered >= MAX_BUFFERED ? [] : await streams.read(arn, next, READ_LIMIT);
      const filters = (this.mapping.filterCriteria?.Filters ?? []).map((f) => parsePattern(String(f.Pattern)));
      for (const row of rows) {
        const lane = lanes[laneOf(row.record.dynamodb.Keys, n)];
        if (row.seq > lane.checkpoint && (filters.length === 0 || passesFilters(filters, filterView(row.record)))) lane.push(row);
      }
      if (rows.length > 0) {
        next = rows[rows.length - 1].seq + 1;
        for (const l of lanes) {
          if (l.queue.length === 0 && !l.busy && l.checkpoint < next - 1) { l.checkpoint = next - 1; await ctx.saveCheckpoint(l.index, l.checkpoint); }
        }
        this.wake();
      }
      if (rows.length < READ_LIMIT) await this.wait(POLL_MS);
    }
    await Promise.all(laneRuns);
  }
}

/** What FilterCriteria patterns match for a stream record (the record as the function gets it). */
function filterView(r: { eventName: string; dynamodb: unknown; userIdentity?: unknown }): Record<string, unknown> {
  return { eventName: r.eventName, eventVersion: '1.1', eventSource: 'aws:dynamodb', dynamodb: r.dynamodb,
    ...(r.userIdentity ? { userIdentity: r.userIdentity } : {}) };
}
