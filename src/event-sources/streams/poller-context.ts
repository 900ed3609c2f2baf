// What a lane needs from its stream poller (lane.ts ← stream-poller.ts).
import type { Clock } from '../../kernel/clock';
import type { Invoker } from '../../invoke/types';
import type { EventSourceMapping } from '../mapping';

/** Where discarded records' metadata goes (the async-invocation destinations: SQS, SNS). */
export interface FailureDestinations { send(arn: string, body: string): Promise<void> }

export interface PollerContext {
  streamArn: string;
  shardId: string;
  region: string;
  clock: Clock;
  invoker: Invoker;
  destinations: FailureDestinations;
  log(message: string): void;
  mapping(): EventSourceMapping;
  stopped(): boolean;
  /** Resolves when records arrive in any lane (or the poller stops). */
  waitForRecords(): Promise<void>;
  /** Waits up to ms, ending early when `full()` turns true after an arrival (or the poller stops). */
  waitWindow(ms: number, full: () => boolean): Promise<void>;
  sleep(ms: number): Promise<void>;
  saveCheckpoint(lane: number, seq: number): Promise<void>;
}
