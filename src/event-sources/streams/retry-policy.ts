// What a stream poller does after each invocation of a batch (pure), Lambda's rules for
// DynamoDB and Kinesis sources (reference B.6):
// - success: the batch is done (the lane's checkpoint moves past it);
// - a partial batch response: the records before the lowest reported sequence number are
//   done, the rest is retried (a retry of the remainder);
// - a function error: with BisectBatchOnFunctionError a batch of two or more is split in
//   half and the halves retried in order (a split does not count as a retry); otherwise the
//   same batch is retried until MaximumRetryAttempts (−1: forever) are used up, then discarded;
// - a throttle or a function that could not be invoked: retried after a backoff, not counted;
// - records older than MaximumRecordAgeInSeconds (−1: forever) are discarded before an invoke.
// The lane keeps a stack of `pins`: the sizes (and retries used) of sub-batches still owed,
// so a retry is exactly the same records even when more arrived.

export type Condition = 'RetryAttemptsExhausted' | 'RecordAgeExceeded';
export interface RetrySettings { maximumRetryAttempts: number; maximumRecordAgeInSeconds: number; bisect: boolean }
export type InvokeOutcome = { kind: 'ok' } | { kind: 'error' } | { kind: 'partial'; failedIndex: number } | { kind: 'throttled' };

export interface Pin { size: number; retries: number }
export interface LaneState { pins: Pin[] }

export type Decision =
  | { next: 'done'; done: number }
  | { next: 'retry'; done: number }
  | { next: 'split' }
  /** The first `done` records succeeded; the rest of the batch is discarded (sent to OnFailure). */
  | { next: 'discard'; done: number; condition: Condition }
  | { next: 'wait' };

export const emptyLane = (): LaneState => ({ pins: [] });

/** The size of the lane's next batch: the pinned sub-batch owed, else up to BatchSize of what is queued. */
export function nextBatchSize(lane: LaneState, queued: number, batchSize: number): number {
  return Math.min(queued, lane.pins[0]?.size ?? batchSize);
}

/** How many leading records (oldest first) are past MaximumRecordAgeInSeconds at `nowMs`. */
export function expiredCount(createdAts: readonly number[], maximumRecordAgeInSeconds: number, nowMs: number): number {
  if (maximumRecordAgeInSeconds < 0) return 0;
  let n = 0;
  while (n < createdAts.length && nowMs - createdAts[n] > maximumRecordAgeInSeconds * 1000) n++;
  return n;
}

export function decide(s: RetrySettings, lane: LaneState, batchSize: number, outcome: InvokeOutcome): Decision {
  const retries = lane.pins[0]?.retries ?? 0;
  const exhausted = s.maximumRetryAttempts >= 0 && retries >= s.maximumRetryAttempts;
  switch (outcome.kind) {
    case 'ok': return { next: 'done', done: batchSize };
    case 'throttled': return { next: 'wait' };
    case 'partial':
      if (outcome.failedIndex > 0) {
        return exhausted ? { next: 'discard', done: outcome.failedIndex, condition: 'RetryAttemptsExhausted' } : { next: 'retry', done: outcome.failedIndex };
      }
      // nothing before the lowest failure succeeded: as a function error
    // falls through
    case 'error':
      if (s.bisect && batchSize > 1) return { next: 'split' };
      return exhausted ? { next: 'discard', done: 0, condition: 'RetryAttemptsExhausted' } : { next: 'retry', done: 0 };
  }
}

/** The lane after a decision on a batch of `batchSize` records. */
export function afterDecision(lane: LaneState, batchSize: number, d: Decision): LaneState {
  const [head, ...rest] = lane.pins;
  const retries = head?.retries ?? 0;
  switch (d.next) {
    case 'wait': return lane;
    case 'discard': return { pins: shrink(head, batchSize, rest) };
    case 'split': {
      const first = Math.ceil(batchSize / 2);
      return { pins: [{ size: first, retries }, { size: batchSize - first, retries }, ...shrink(head, batchSize, rest)] };
    }
    case 'done': return { pins: shrink(head, batchSize, rest) };
    case 'retry':
      return { pins: [{ size: batchSize - d.done, retries: retries + 1 }, ...shrink(head, batchSize, rest)] };
  }
}

/** The pins once `used` records of the head pin (if any) are consumed. */
function shrink(head: Pin | undefined, used: number, rest: Pin[]): Pin[] {
  if (!head) return rest;
  return head.size > used ? [{ size: head.size - used, retries: head.retries }, ...rest] : rest;
}
