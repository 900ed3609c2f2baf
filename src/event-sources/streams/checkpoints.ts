// Checkpoints (pure): a shard is processed by N lanes (ParallelizationFactor), each record
// going to the lane of its item's key, so one item's changes stay in order while other items
// move on. Each lane keeps its own checkpoint (the last sequence number it finished); the
// shard is read again from the lowest one after a restart, and a lane skips what it already
// finished, so a restart repeats only the batches that were in flight.
import { createHash } from 'node:crypto';

/** The lane of an item key (its stream record's Keys, canonical JSON). */
export function laneOf(keys: unknown, lanes: number): number {
  if (lanes <= 1) return 0;
  const json = JSON.stringify(keys, (_k, v) => (v && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]])) : v));
  return createHash('sha1').update(json).digest().readUInt32BE(0) % lanes;
}

/**
 * The lanes' checkpoints for `lanes` lanes from those stored: as stored when the number of
 * lanes is the same, else every lane at the lowest stored one (a changed factor re-reads
 * from there: duplicates, never a skip).
 */
export function laneCheckpoints(stored: ReadonlyMap<number, number>, lanes: number): number[] {
  const values = [...stored.values()];
  const low = Math.min(...values);
  const same = stored.size === lanes && [...stored.keys()].every((k) => k >= 0 && k < lanes);
  return Array.from({ length: lanes }, (_, i) => (same ? stored.get(i)! : low));
}

/** Where the shard is read from: after the lowest lane checkpoint, and never before the trim horizon. */
export const readFrom = (checkpoints: readonly number[], trimmedThrough: number): number =>
  Math.max(Math.min(...checkpoints), trimmedThrough) + 1;
