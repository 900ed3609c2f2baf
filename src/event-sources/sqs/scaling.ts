// How many batches one SQS mapping processes at once (pure), as Lambda scales: 5 at first,
// one more while batches come back full (a backlog), at most one a second (Lambda adds up
// to 60 pollers a minute), up to the mapping's maximum; a poller whose receive comes back
// empty, or whose invoke was throttled, retires while more than the minimum run.

export const INITIAL_POLLERS = 5;
export const SCALE_UP_INTERVAL_MS = 1000;
/** Lambda's ceiling for one SQS mapping without ScalingConfig. */
export const DEFAULT_MAXIMUM_CONCURRENCY = 1000;

export type BatchOutcome = 'full' | 'partial' | 'empty' | 'throttled';

export interface ScalingState { pollers: number; max: number; lastScaleUpAt: number }

export type ScalingDecision = 'add' | 'retire' | 'keep';

/** The most pollers a mapping may run: ScalingConfig.MaximumConcurrency, else the function's reserved concurrency, else 1000. */
export function maximumPollers(maximumConcurrency: number | undefined, reservedConcurrency: number | undefined): number {
  return Math.max(1, maximumConcurrency ?? reservedConcurrency ?? DEFAULT_MAXIMUM_CONCURRENCY);
}

export const minimumPollers = (max: number): number => Math.min(INITIAL_POLLERS, max);

export function scalingDecision(s: ScalingState, outcome: BatchOutcome, now: number): ScalingDecision {
  if (s.pollers > s.max) return 'retire';
  if (outcome === 'full') return s.pollers < s.max && now - s.lastScaleUpAt >= SCALE_UP_INTERVAL_MS ? 'add' : 'keep';
  if ((outcome === 'empty' || outcome === 'throttled') && s.pollers > minimumPollers(s.max)) return 'retire';
  return 'keep';
}

/** Wait after a throttled invoke or an unreachable function: doubling from 500 ms to 10 s. */
export const backoffMs = (attempt: number): number => Math.min(10_000, 500 * 2 ** Math.max(0, attempt - 1));
