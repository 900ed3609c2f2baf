// MaxResults (1..50, default 50) and the opaque NextToken of the Describe* operations.
import { InvalidNextTokenException } from './errors';
import type { Checker } from './input';

export interface Paging { maxResults: number; nextToken?: string }

export function pageMembers(c: Checker): Paging {
  const max = c.integer('MaxResults');
  if (max !== undefined && (max < 1 || max > 50)) {
    c.add('MaxResults', max, max < 1 ? 'Member must have value greater than or equal to 1'
      : 'Member must have value less than or equal to 50');
  }
  return { maxResults: max ?? 50, nextToken: c.string('NextToken') };
}

/** One page of `all`; the token is the offset of the next page. */
export function page<T>(all: readonly T[], p: Paging): { items: T[]; nextToken?: string } {
  let from = 0;
  if (p.nextToken !== undefined) {
    const m = /^o:(\d+)$/.exec(Buffer.from(p.nextToken, 'base64').toString('utf8'));
    if (!m) throw new InvalidNextTokenException('Invalid token');
    from = Number(m[1]);
  }
  const items = all.slice(from, from + p.maxResults);
  const next = from + p.maxResults;
  return { items, nextToken: next < all.length ? Buffer.from(`o:${next}`).toString('base64') : undefined };
}
