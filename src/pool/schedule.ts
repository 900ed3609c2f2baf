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

/** Idle environments whose idle time has reached the limit: they stop (scale to zero). */
export function evictions(envs: readonly EnvSummary[], now: number, idleTimeoutMs: number): string[] {
  return envs.filter((e) => e.state === 'idle' && now - e.since >= idleTimeoutMs).map((e) => e.id);
}


/** Lambda bills the duration rounded up to the next whole millisecond. */
export function billedDurationMs(durationMs: number): number {
  return Math.max(1, Math.ceil(durationMs));
}
