// What to do with a batch after the invocation (pure): which messages stay in the queue.
// Without ReportBatchItemFailures, a function error keeps the whole batch and success
// deletes it. With it, Lambda's rules for a partial batch response (reference B.5):
// success when the response or its batchItemFailures is null, missing or empty; the whole
// batch fails on a function error, a response that is not JSON, or an itemIdentifier that
// is missing, null, empty, not a string or not in the batch.

export interface InvokeResult { functionError?: string; payload: Buffer }

/** The messageIds to keep (not delete). */
export function messagesToKeep(batch: readonly string[], reportBatchItemFailures: boolean, result: InvokeResult): string[] {
  if (result.functionError) return [...batch];
  if (!reportBatchItemFailures) return [];
  const text = result.payload.toString('utf8').trim();
  if (text === '') return [];
  let response: unknown;
  try { response = JSON.parse(text); } catch { return [...batch]; }
  if (response === null || typeof response !== 'object' || Array.isArray(response)) return [];
  const failures = (response as Record<string, unknown>).batchItemFailures;
  if (failures === undefined || failures === null) return [];
  if (!Array.isArray(failures)) return [...batch];
  const ids = new Set(batch);
  const keep = new Set<string>();
  for (const f of failures) {
    const id = f !== null && typeof f === 'object' ? (f as Record<string, unknown>).itemIdentifier : undefined;
    if (typeof id !== 'string' || id === '' || !ids.has(id)) return [...batch];
    keep.add(id);
  }
  return batch.filter((id) => keep.has(id));
}
