// DeployError: a bad serverless.yml (or a file it includes), named by file, line,
// column and key path, e.g. `serverless.yml:12:5: functions.hello.timeout: ...`.
// It is a platform error (NimbusError, code CONFIG_INVALID), so callers that only
// know NimbusError still print it cleanly.

import { NimbusError } from '../../kernel/errors';

export interface SourcePos {
  line: number;
  column: number;
}

export interface ErrorWhere {
  /** The file, relative to the service directory (e.g. `serverless.yml`). */
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
