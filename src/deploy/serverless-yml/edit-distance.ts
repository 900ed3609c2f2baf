// Edit distance and "did you mean" suggestions for unknown serverless.yml keys.

/** Levenshtein distance (insert, delete, substitute; each costs 1). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
    }
    prev = cur;
  }
  return prev[b.length];
}

function normalise(key: string): string {
  return key.toLowerCase().replace(/[-_\s]/g, '');
}

/**
 * The known key `key` was most likely meant to be, or undefined when nothing is close.
 * Case, `-` and `_` differences always count as a typo (`memory_size` → `memorySize`);
 * otherwise at most 2 edits, and fewer than half the key's length.
 */
export function suggestKey(key: string, known: readonly string[]): string | undefined {
  const n = normalise(key);
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    if (normalise(candidate) === n) return candidate;
    const d = editDistance(n, normalise(candidate));
    if (d < bestDistance) {
      bestDistance = d;
      best = candidate;
    }
  }
  if (best !== undefined && bestDistance <= 2 && bestDistance * 2 < n.length) return best;
  return undefined;
}
