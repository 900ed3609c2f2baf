// Marker/MaxItems pagination of Lambda's List* operations over items sorted by a key.
// The marker is opaque to callers (base64url of the last key returned); a page holds
// at most 50 items whatever MaxItems asks, as Lambda's do.

export const MAX_PAGE = 50;

export interface Page<T> { items: T[]; nextMarker?: string }

export function paginate<T>(sorted: readonly T[], key: (item: T) => string, marker?: string, maxItems?: number): Page<T> {
  const size = Math.min(maxItems ?? MAX_PAGE, MAX_PAGE);
  let start = 0;
  if (marker) {
    const after = Buffer.from(marker, 'base64url').toString('utf8');
    start = sorted.findIndex((item) => key(item) > after);
    if (start < 0) start = sorted.length;
  }
  const items = sorted.slice(start, start + size);
  const more = start + size < sorted.length;
  return more ? { items, nextMarker: Buffer.from(key(items[items.length - 1]), 'utf8').toString('base64url') } : { items };
}
