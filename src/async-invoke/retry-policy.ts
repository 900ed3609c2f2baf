// What happens to an asynchronous event after each attempt, as Lambda decides it (pure):
// a function error is retried after 1 minute, then after 2 minutes, up to
// MaximumRetryAttempts (default 2); a throttle or a system error is retried with a backoff
// doubling from 1 second to 5 minutes; nothing is retried past MaximumEventAgeInSeconds
// (default 6 hours). What cannot be retried fails with its condition.

export interface RetryConfig {
  /** 0–2. */
  maximumRetryAttempts: number;
  /** 60–21600. */
  maximumEventAgeSeconds: number;
}

export const DEFAULT_RETRY: RetryConfig = { maximumRetryAttempts: 2, maximumEventAgeSeconds: 6 * 60 * 60 };

export interface EventProgress {
  /** When Lambda accepted the event (epoch ms). */
  receivedAt: number;
  /** Attempts that ran the function. */
  attempts: number;
  /** Attempts refused by a throttle or a system error, in a row. */
  throttles: number;
}

export type AttemptOutcome = 'success' | 'function-error' | 'throttled' | 'system-error';

export type FailureCondition = 'RetriesExhausted' | 'EventAgeExceeded';

export type NextStep =
  | { action: 'done' }
  | { action: 'retry'; at: number; progress: EventProgress }
  | { action: 'fail'; condition: FailureCondition; progress: EventProgress };

const FUNCTION_ERROR_DELAYS_MS = [60_000, 120_000];
const BACKOFF_FIRST_MS = 1000;
const BACKOFF_MAX_MS = 5 * 60_000;

/** Whether the event is too old to run at all (checked before each attempt). */
export function expired(p: EventProgress, config: RetryConfig, now: number): boolean {
  return now - p.receivedAt > config.maximumEventAgeSeconds * 1000;
}

export function nextStep(p: EventProgress, outcome: AttemptOutcome, config: RetryConfig, now: number): NextStep {
  if (outcome === 'success') return { action: 'done' };
  const deadline = p.receivedAt + config.maximumEventAgeSeconds * 1000;
  if (outcome === 'function-error') {
    const progress = { ...p, attempts: p.attempts + 1, throttles: 0 };
    if (progress.attempts > config.maximumRetryAttempts) return { action: 'fail', condition: 'RetriesExhausted', progress };
    const at = now + FUNCTION_ERROR_DELAYS_MS[Math.min(progress.attempts, FUNCTION_ERROR_DELAYS_MS.length) - 1];
    if (at > deadline) return { action: 'fail', condition: 'EventAgeExceeded', progress };
    return { action: 'retry', at, progress };
  }
  const progress = { ...p, throttles: p.throttles + 1 };
  const at = now + Math.min(BACKOFF_FIRST_MS * 2 ** (progress.throttles - 1), BACKOFF_MAX_MS);
  if (at > deadline) return { action: 'fail', condition: 'EventAgeExceeded', progress };
  return { action: 'retry', at, progress };
}
