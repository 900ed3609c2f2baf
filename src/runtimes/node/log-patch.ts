// console.* in Lambda's text format: `<ISO time>\t<request id>\t<LEVEL>\t<message>\n` on
// stdout. The request id is the literal `undefined` during Init, as on AWS. Line breaks inside
// one message become \r (what AWS's runtime does when it logs to stdout), so a line-based
// reader keeps one console call as one log event. AWS_LAMBDA_LOG_LEVEL filters levels.
// Lines go to fd 1 with a synchronous write: creating process.stdout costs ~1-2 ms of start-up.
import { writeSync } from 'node:fs';
import { format } from 'node:util';

// Shared with anything else in the process that reads it, under the key AWS's runtime uses.
const REQUEST_ID = Symbol.for('aws.lambda.runtime.requestId');
const store = globalThis as unknown as Record<symbol, string | undefined>;

export function setCurrentRequestId(id: string | undefined): void {
  store[REQUEST_ID] = id;
}

/** The invocation being (or last) run; undefined during Init. */
export function getCurrentRequestId(): string | undefined {
  return store[REQUEST_ID];
}

const LEVELS = { TRACE: 1, DEBUG: 2, INFO: 3, WARN: 4, ERROR: 5, FATAL: 6 } as const;
type Level = keyof typeof LEVELS;

const NEWLINES = /\n/g;

function write(level: Level, args: unknown[]): void {
  const message = format(...args);
  emit(`${new Date().toISOString()}\t${store[REQUEST_ID]}\t${level}\t${message.includes('\n') ? message.replace(NEWLINES, '\r') : message}\n`);
}

let viaStream = false;

/**
 * Writes a whole line to stdout. A non-blocking fd 1 that is full (EAGAIN) makes the rest
 * go through process.stdout, which Node makes blocking for pipes; any other failure (EPIPE:
 * nobody reads stdout any more) loses the line rather than failing the user's console call.
 */
function emit(line: string): void {
  if (viaStream) {
    process.stdout.write(line);
    return;
  }
  const bytes = Buffer.from(line);
  let written = 0;
  try {
    while (written < bytes.length) written += writeSync(1, bytes, written);
  } catch (err) {
    if ((err as { code?: unknown }).code !== 'EAGAIN') return;
    viaStream = true;
    process.stdout.write(bytes.subarray(written));
  }
}

function logger(level: Level, min: number): (...args: unknown[]) => void {
  if (LEVELS[level] < min) return () => undefined;
  return (...args: unknown[]) => write(level, args);
}

/** Replaces console.trace/debug/info/log/warn/error (and adds console.fatal, as AWS does). */
export function patchConsole(): void {
  const wanted = (process.env.AWS_LAMBDA_LOG_LEVEL ?? '').toUpperCase() as Level;
  const min = LEVELS[wanted] ?? LEVELS.TRACE;
  const c = console as unknown as Record<string, (...args: unknown[]) => void>;
  c.trace = logger('TRACE', min);
  c.debug = logger('DEBUG', min);
  c.info = logger('INFO', min);
  c.log = c.info;
  c.warn = logger('WARN', min);
  c.error = logger('ERROR', min);
  c.fatal = logger('FATAL', min);
}

/** Logs an error the way the runtime reports failures: `<title> \t{...error JSON...}` at ERROR. */
export function logError(title: string, err: unknown): void {
  const { intoError, toFormatted } = require('./errors') as typeof import('./errors');
  console.error(title, toFormatted(intoError(err)));
}
