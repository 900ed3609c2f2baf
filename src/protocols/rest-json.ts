// restJson1 wire helpers shared by the REST+JSON services (Lambda, ...): capped body
// reads, JSON bodies, JSON responses and AWS error serialisation. An AwsError becomes
// its status, `x-amzn-ErrorType: <code>` and a body {"Type", "message", ...fields};
// anything else thrown is a bug: logged to stderr, answered as 500 ServiceException.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AwsError } from '../kernel/aws-error';

/** Bytes drained (and dropped) past a body's limit so the client can still read the 413. */
const DRAIN_BYTES = 64 * 1024 * 1024;

/** The client went away (or sent far too much) before its body was read: nothing to answer. */
export class RequestAbortedError extends Error {}

export interface ReadBodyOptions {
  /** Largest body accepted, in bytes. */
  limit: number;
  /** The error for a body over the limit. */
  tooLarge: () => AwsError;
}

/**
 * Reads the body, keeping at most `limit` bytes: past the limit the rest is drained
 * without being kept (so the client reads the 413 rather than a reset), and far past
 * it the connection is cut.
 */
export function readBody(req: IncomingMessage, opts: ReadBodyOptions): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared === 0) return Promise.resolve(Buffer.alloc(0));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    const done = () => {
      req.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= opts.limit) { chunks.push(chunk); return; }
      over = true;
      chunks.length = 0;
      if (size > opts.limit + DRAIN_BYTES) {
        done();
        req.destroy();
        reject(new RequestAbortedError('request body far over its limit'));
      }
    };
    const onEnd = () => {
      done();
      if (over) reject(opts.tooLarge());
      else resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
    };
    const onError = (err: Error) => { done(); reject(new RequestAbortedError(err.message)); };
    const onClose = () => { done(); reject(new RequestAbortedError('client closed the connection')); };
    req.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
  });
}

export type JsonParse = { ok: true; value: unknown } | { ok: false; reason: string };

/** Parses JSON text; on failure, a reason worded like the Jackson parser behind AWS's messages. */
export function parseJson(body: Buffer | string): JsonParse {
  const text = typeof body === 'string' ? body : body.toString('utf8');
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    return { ok: false, reason: describeJsonError(text, (err as Error).message) };
  }
}

const EXPECTED = "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')";

/**
 * The offending token: a bare word at the start ("Unrecognized token 'not'"), a character
 * no JSON value starts with, a position node reports, or the end of the input.
 */
function describeJsonError(text: string, nodeMessage: string): string {
  const where = (at: number) => {
    const before = text.slice(0, at);
    const line = before.split('\n').length;
    const column = at - before.lastIndexOf('\n');
    return `\n at [Source: (byte[])"${text.slice(0, 500)}"; line: ${line}, column: ${column}]`;
  };
  const start = text.length - text.trimStart().length;
  if (start === text.length) return `No content to map due to end-of-input${where(text.length)}`;
  const word = /^[A-Za-z_][\w$-]*/.exec(text.slice(start))?.[0];
  if (word && !['true', 'false', 'null'].includes(word)) {
    return `Unrecognized token '${word}': was expecting ${EXPECTED}${where(start + word.length)}`;
  }
  const reported = /position (\d+)/.exec(nodeMessage)?.[1];
  const token = /Unexpected token '(.)'/.exec(nodeMessage)?.[1];
  const pos = !/^[\s{["\-0-9tfn]/.test(text[start]) ? start
    : reported !== undefined ? Number(reported) : token !== undefined ? outsideStrings(text, token) : text.length;
  if (pos >= text.trimEnd().length) return `Unexpected end-of-input: expected close marker${where(text.length)}`;
  const c = text[pos];
  return `Unexpected character ('${c}' (code ${c.charCodeAt(0)})): expected a valid value ${EXPECTED}${where(pos + 1)}`;
}

/** Index of the first `c` not inside a string literal (the length when there is none). */
function outsideStrings(text: string, c: string): number {
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === c) return i;
  }
  return text.length;
}

export interface ErrorWireOptions {
  /** The member carrying the message: `message` unless the error shape names it `Message`. */
  messageKey?: (code: string) => 'message' | 'Message';
  /** Where unexpected (non-AWS) errors are reported; stderr by default. */
  log?: (message: string) => void;
}

/** Writes a JSON response with the request id every AWS response carries. */
export function writeJson(res: ServerResponse, status: number, body: unknown, requestId: string,
  headers: Record<string, string> = {}): void {
  const bytes = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  res.writeHead(status, {
    'x-amzn-RequestId': requestId,
    ...(bytes ? { 'Content-Type': 'application/json', 'Content-Length': String(bytes.length) } : { 'Content-Length': '0' }),
    ...headers,
  });
  res.end(bytes);
}

/** The AwsError to answer with: the error itself, or (a bug) `internal` after logging it. */
export function awsErrorOf(err: unknown, requestId: string, log: ((m: string) => void) | undefined,
  internal: (message: string) => AwsError): AwsError {
  if (err instanceof AwsError) return err;
  (log ?? ((m: string) => process.stderr.write(`${m}\n`)))(
    `nimbus: request ${requestId} failed: ${(err as Error)?.stack ?? String(err)}`);
  return internal('An internal error occurred in Nimbus. See the server log for details.');
}

/** Serialises an error; a non-AWS error is logged and becomes 500 ServiceException. */
export function writeError(res: ServerResponse, err: unknown, requestId: string, opts: ErrorWireOptions = {}): void {
  if (err instanceof RequestAbortedError) { res.destroy(); return; }
  const aws = awsErrorOf(err, requestId, opts.log, (m) => new InternalServiceError(m));
  if (res.headersSent) { res.destroy(); return; }
  const key = opts.messageKey?.(aws.code) ?? 'message';
  const body = { Type: aws.fault, [key]: aws.message, ...aws.fields };
  writeJson(res, aws.status, body, requestId, { 'x-amzn-ErrorType': aws.code, ...aws.headers });
}

/** Stands in for an unexpected failure; on the wire it is the ServiceException every AWS API models. */
class InternalServiceError extends AwsError {
  constructor(message: string) { super(message, 500, 'Service'); }
  override get code(): string { return 'ServiceException'; }
}
