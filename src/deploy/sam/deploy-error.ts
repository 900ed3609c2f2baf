// DeployError: a bad SAM template, named by file, line, column and key path, e.g.
// `template.yaml:14:7: Resources.HelloFunction.Properties.Timeout: expected ...`.
// It is a platform error (NimbusError, code CONFIG_INVALID) so callers that only know
// NimbusError print it cleanly. Also: "did you mean" suggestions for typos.

import { NimbusError } from '../../kernel/errors';

export interface ErrorWhere {
  /** The template file name relative to the project directory. */
  file: string;
  line?: number;
  column?: number;
  /** Key path, e.g. `Resources.HelloFunction.Properties.Timeout`. */
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
    super('CONFIG_INVALID', formatMessage(detail, where), { ...where });
    this.name = 'DeployError';
    this.file = where.file;
    this.line = where.line;
    this.column = where.column;
    this.key = where.key;
    this.detail = detail;
  }
}

function formatMessage(detail: string, w: ErrorWhere): string {
  let loc = w.file;
  if (w.line !== undefined) loc += `:${w.line}`;
  if (w.line !== undefined && w.column !== undefined) loc += `:${w.column}`;
  return w.key ? `${loc}: ${w.key}: ${detail}` : `${loc}: ${detail}`;
}

/** A value for messages: strings quoted, others as short JSON. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value);
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Levenshtein distance between two strings. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length];
}

/**
 * The known name `name` most likely meant, or undefined. A case-only difference always
 * counts; otherwise at most 2 edits and fewer than half the name's length.
 */
export function closest(name: string, known: Iterable<string>): string | undefined {
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of known) {
    if (k.toLowerCase() === lower) return k;
    const d = editDistance(lower, k.toLowerCase());
    if (d < bestD) [best, bestD] = [k, d];
  }
  return best !== undefined && bestD <= 2 && bestD * 2 < name.length ? best : undefined;
}
