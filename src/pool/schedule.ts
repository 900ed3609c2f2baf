// The pool's decisions as pure functions over plain data: no processes, no timers.

export interface EnvSummary {
  id: string;
  state: string;
  /** When the environment entered its current state (epoch ms). */
  since: number;
}

/**
 * Picks the warm environment for the next invocation: the most recently used idle
 * one, so the others age out and the pool shrinks when traffic falls (as Lambda's
 * scale-in does).
 */
export function pickWarm<T = EnvSummary>(envs: Iterable<T>, view: (e: T) => EnvSummary = (e) => e as unknown as EnvSummary)
  : T | undefined {
  let best: T | undefined;
  let bestSince = -Infinity;
  for (const e of envs) {
    const s = view(e);
    if (s.state === 'idle' && s.since > bestSince) { best = e; bestSince = s.since; }
  }
  return best;
}

/** Invocations shorter than this (moving average) go through the CPU governor (cpu-slots.ts). */
export const SHORT_INVOCATION_MS = 10;

/** Whether a function version's invocations are governed: short ones only, and only once known. */
export function isShortInvocation(recentDurationMs: number | undefined): boolean {
  return recentDurationMs !== undefined && recentDurationMs < SHORT_INVOCATION_MS;
}

/** An Init at least this long makes a function "heavy": the pool keeps a pre-initialised spare
 * environment of it, so its next cold start does not pay that Init on the request's path. */
export const HEAVY_INIT_MS = 100;

/** An exponentially weighted moving average step. */
export function ewma(previous: number | undefined, sample: number, weight = 0.2): number {
  return previous === undefined ? sample : previous + weight * (sample - previous);
}

/**
 * How many stem cells to keep for one runtime command: about one per cold start seen in the
 * last 10 s (a burst is met by as many), at most 8, at least 1 while a function that uses it
 * exists (`primed`).
 */
export function stemCellTarget(recentColdStarts: number, primed: boolean): number {
  return Math.min(8, Math.max(primed ? 1 : 0, recentColdStarts));
}

/** Idle environments whose idle time has reached the limit: they stop (scale to zero). */
export function evictions(envs: readonly EnvSummary[], now: number, idleTimeoutMs: number): string[] {
  return envs.filter((e) => e.state === 'idle' && now - e.since >= idleTimeoutMs).map((e) => e.id);
}


/** Lambda bills the duration rounded up to the next whole millisecond. */
export function billedDurationMs(durationMs: number): number {
  return Math.max(1, Math.ceil(durationMs));
}
