// The checks every *Batch operation makes on its Entries before looking at any entry.
import type { Input } from '../context';
import { BatchEntryIdsNotDistinct, EmptyBatchRequest, InvalidBatchEntryId, TooManyEntriesInBatchRequest } from '../errors';
import { MAX_BATCH_ENTRIES } from '../model';

const ID = /^[A-Za-z0-9_-]{1,80}$/;

export function batchEntries(input: Input, entryShape: string): Input[] {
  const entries = input.Entries;
  if (entries === undefined || entries === null || (Array.isArray(entries) && entries.length === 0)) {
    throw new EmptyBatchRequest(`There should be at least one ${entryShape} in the request.`);
  }
  if (!Array.isArray(entries)) throw new EmptyBatchRequest(`There should be at least one ${entryShape} in the request.`);
  if (entries.length > MAX_BATCH_ENTRIES) {
    throw new TooManyEntriesInBatchRequest(`Maximum number of entries per request are ${MAX_BATCH_ENTRIES}. You have sent ${entries.length}.`);
  }
  const seen = new Set<string>();
  for (const e of entries as Input[]) {
    const id = e?.Id;
    if (typeof id !== 'string' || !ID.test(id)) {
      throw new InvalidBatchEntryId('A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.');
    }
    if (seen.has(id)) throw new BatchEntryIdsNotDistinct(`Id ${id} repeated.`);
    seen.add(id);
  }
  return entries as Input[];
}
