// The running pollers of the enabled mappings, one per mapping: an SqsPoller for a queue, a
// StreamPoller for a DynamoDB stream. `follow` makes a mapping's poller match its settings
// (started, updated in place, replaced, or stopped).
import type { EventSourceMapping } from './mapping';
import { functionNameOf, isDynamoDbStreamArn } from './mapping';
import { SqsPoller } from './sqs/poller';
import type { CheckpointStore } from './streams/checkpoint-store';
import { StreamPoller } from './streams/stream-poller';
import type { EventSourceMappingDeps } from './event-source-mappings';

export class Pollers {
  private readonly byUuid = new Map<string, SqsPoller | StreamPoller>();
  private stopped = false;

  constructor(private readonly deps: EventSourceMappingDeps, private readonly checkpoints: CheckpointStore) {}

  follow(m: EventSourceMapping): void {
    const poller = this.byUuid.get(m.uuid);
    if (!m.enabled || this.stopped) {
      if (poller) void poller.stop();
      this.byUuid.delete(m.uuid);
      return;
    }
    if (isDynamoDbStreamArn(m.eventSourceArn)) return this.followStream(m, poller);
    if (poller instanceof SqsPoller && poller.queueArn === m.eventSourceArn) return poller.update(m);
    if (poller) void poller.stop();
    const next = new SqsPoller(m, { ...this.deps, region: this.deps.account.region,
      reservedConcurrency: (arn) => this.deps.reservedConcurrency?.(functionNameOf(arn)) });
    this.byUuid.set(m.uuid, next);
    next.start();
  }

  /** Stops the mapping's poller (deleted mapping). */
  async stop(uuid: string): Promise<void> {
    await this.byUuid.get(uuid)?.stop();
    this.byUuid.delete(uuid);
  }

  async stopAll(): Promise<void> {
    this.stopped = true;
    await Promise.all([...this.byUuid.values()].map((p) => p.stop()));
    this.byUuid.clear();
  }

  private followStream(m: EventSourceMapping, poller: SqsPoller | StreamPoller | undefined): void {
    if (poller instanceof StreamPoller && poller.sourceArn === m.eventSourceArn && poller.lanes === (m.parallelizationFactor ?? 1)) {
      return poller.update(m);
    }
    const { streams, destinations } = this.deps;
    if (!streams) return;
    const next = new StreamPoller(m, { streams, checkpoints: this.checkpoints, invoker: this.deps.invoker, clock: this.deps.clock,
      region: this.deps.account.region, log: this.deps.log,
      destinations: destinations ?? { send: async (arn) => { throw new Error(`no destination service for ${arn}`); } } });
    this.byUuid.set(m.uuid, next);
    next.start(poller ? poller.stop() : undefined);
  }
}
