// DeployError: a broken project file, named by file, line, column and key path, e.g.
// `serverless.yml:12:5: functions.hello.timeout: ...` or `template.yaml:14:7: Resources...`.
// It is a platform error (NimbusError, code CONFIG_INVALID), so callers that only know
// NimbusError print it cleanly. Shared by both loaders, with the "did you mean" helper.
import { NimbusError } from '../kernel/errors';

export interface SourcePos {
  line: number;
  column: number;
}

export interface ErrorWhere {
  /** The file, relative to the project directory (e.g. `serverless.yml`, `template.yaml`). */
  file: string;
  line?: number;
  column?: number;
  /** The key path, e.g. `functions.hello.events[0].http`. */
  key?: string;
}

export class DeployError extends NimbusError {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  readonly key?: string;
  /** The message without the location prefix. */
  readonly detail: string;

  constructor(detail: string, where: ErrorWhere) {
    super('CONFIG_INVALID', formatDeployMessage(detail, where), { ...where });
    this.name = 'DeployError';
    this.file = where.file;
    this.line = where.line;
    this.column = where.column;
    this.key = where.key;
    this.detail = detail;
  }
}

export function formatDeployMessage(detail: string, where: ErrorWhere): string {
  let loc = where.file;
  if (where.line !== undefined) loc += `:${where.line}`;
  if (where.line !== undefined && where.column !== undefined) loc += `:${where.column}`;
  return where.key ? `${loc}: ${where.key}: ${detail}` : `${loc}: ${detail}`;
}

/** A value for messages: strings quoted, objects as short JSON. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value);
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

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
export function suggestKey(key: string, known: Iterable<string>): string | undefined {
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
