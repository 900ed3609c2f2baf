// Shard iterators (pure): an opaque token naming the stream, the shard, the next sequence
// number to read and when it was issued. They expire 15 minutes after GetShardIterator
// (a NextShardIterator is a new iterator, issued at that GetRecords).
import { createHash } from 'node:crypto';

export const ITERATOR_TTL_MS = 15 * 60_000;
export type IteratorType = 'TRIM_HORIZON' | 'LATEST' | 'AT_SEQUENCE_NUMBER' | 'AFTER_SEQUENCE_NUMBER';
export const ITERATOR_TYPES: readonly IteratorType[] = ['TRIM_HORIZON', 'LATEST', 'AT_SEQUENCE_NUMBER', 'AFTER_SEQUENCE_NUMBER'];

export interface ShardPosition { arn: string; shardId: string; next: number; issuedAt: number }

export function encodeIterator(p: ShardPosition): string {
  return `${p.arn}|${Buffer.from(JSON.stringify([p.shardId, p.next, p.issuedAt])).toString('base64url')}`;
}

/** The position an iterator names, or undefined when it is not one of ours. */
export function decodeIterator(token: string): ShardPosition | undefined {
  const cut = token.lastIndexOf('|');
  if (cut < 0) return undefined;
  try {
    const [shardId, next, issuedAt] = JSON.parse(Buffer.from(token.slice(cut + 1), 'base64url').toString('utf8')) as unknown[];
    if (typeof shardId !== 'string' || !Number.isSafeInteger(next) || !Number.isSafeInteger(issuedAt)) return undefined;
    return { arn: token.slice(0, cut), shardId, next: next as number, issuedAt: issuedAt as number };
  } catch {
    return undefined;
  }
}

export const isExpired = (p: ShardPosition, nowMs: number): boolean => nowMs - p.issuedAt > ITERATOR_TTL_MS;

/** The one shard of a stream: `shardId-<20-digit creation time>-<8 hex>`, as DynamoDB names shards. */
export function shardIdOf(arn: string, createdAt: number): string {
  return `shardId-${String(createdAt).padStart(20, '0')}-${createHash('sha256').update(arn).digest('hex').slice(0, 8)}`;
}

/**
 * The first sequence number an iterator reads (pure). `trimmedThrough`: the last sequence
 * number trimmed; `lastSeq`: the last written. Returns 'trimmed' for a position already
 * trimmed and 'invalid' for a sequence number the shard never wrote.
 */
export function startOf(type: IteratorType, seq: number | undefined, trimmedThrough: number, lastSeq: number): number | 'trimmed' | 'invalid' {
  if (type === 'TRIM_HORIZON') return trimmedThrough + 1;
  if (type === 'LATEST') return lastSeq + 1;
  if (seq === undefined || seq < 1 || seq > lastSeq) return 'invalid';
  if (seq <= trimmedThrough) return 'trimmed';
  return type === 'AT_SEQUENCE_NUMBER' ? seq : seq + 1;
}
