// A stream batch's outcome from the invocation (pure). Without ReportBatchItemFailures a
// function error fails the batch and anything else succeeds. With it, Lambda's rules
// (reference B.6, as for SQS): success for an empty or null response or batchItemFailures;
// the whole batch fails on a function error, a response that is not JSON, or an
// itemIdentifier that is missing, null, empty, not a string or not a sequence number of the
// batch; otherwise the batch is checkpointed before the lowest reported sequence number.
import type { InvokeOutcome } from './retry-policy';

export interface InvokeResult { functionError?: string; payload: Buffer }

export function streamOutcome(sequenceNumbers: readonly string[], reportBatchItemFailures: boolean, result: InvokeResult): InvokeOutcome {
  if (result.functionError) return { kind: 'error' };
  if (!reportBatchItemFailures) return { kind: 'ok' };
  const text = result.payload.toString('utf8').trim();
  if (text === '') return { kind: 'ok' };
  let response: unknown;
  try { response = JSON.parse(text); } catch { return { kind: 'error' }; }
  if (response === null || typeof response !== 'object' || Array.isArray(response)) return { kind: 'ok' };
  const failures = (response as Record<string, unknown>).batchItemFailures;
  if (failures === undefined || failures === null) return { kind: 'ok' };
  if (!Array.isArray(failures)) return { kind: 'error' };
  let lowest = Infinity;
  for (const f of failures) {
    const id = f !== null && typeof f === 'object' ? (f as Record<string, unknown>).itemIdentifier : undefined;
    const at = typeof id === 'string' && id !== '' ? sequenceNumbers.indexOf(id) : -1;
    if (at < 0) return { kind: 'error' };
    lowest = Math.min(lowest, at);
  }
  return lowest === Infinity ? { kind: 'ok' } : { kind: 'partial', failedIndex: lowest };
}
