// Wire-level pieces shared by the Runtime API endpoints: the limits, the canned answers
// (bodies and status codes as the Runtime Interface Emulator gives them) and a body reader
// that copies the payload at most once.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { MAX_RESPONSE_BYTES } from './frames';

export const BASE_PATH = '/2018-06-01';

export { MAX_RESPONSE_BYTES };

/** The invocation outcome Lambda reports when the runtime's response is too large. */
export const RESPONSE_TOO_LARGE_TYPE = 'Function.ResponseSizeTooLarge';
export const RESPONSE_TOO_LARGE_PAYLOAD = Buffer.from(
  JSON.stringify({
    errorMessage: `Response payload size exceeded maximum allowed payload size (${MAX_RESPONSE_BYTES} bytes).`,
    errorType: RESPONSE_TOO_LARGE_TYPE,
  }),
);

/** Used for an /error or /init/error post that names no type (no header, no errorType in the body). */
export const DEFAULT_ERROR_TYPE = 'Unhandled';

const ACCEPTED = Buffer.from('{"status":"OK"}');
const JSON_TYPE = 'application/json';

export function replyAccepted(res: ServerResponse): void {
  res.writeHead(202, ['Content-Type', JSON_TYPE, 'Content-Length', String(ACCEPTED.length)]);
  res.end(ACCEPTED);
}

/** A Runtime API error answer: `{errorMessage, errorType}` with the given status. */
export function replyError(res: ServerResponse, status: number, errorType: string, errorMessage: string): void {
  const body = Buffer.from(JSON.stringify({ errorMessage, errorType }));
  res.writeHead(status, ['Content-Type', JSON_TYPE, 'Content-Length', String(body.length)]);
  res.end(body);
}

/** 400, when the id in the path is not the invocation in flight (RIE `RenderInvalidRequestID`). */
export function replyInvalidRequestId(res: ServerResponse): void {
  replyError(res, 400, 'InvalidRequestID', 'Invalid request ID');
}

/** 403, when the call is not allowed in the runtime's current state (RIE state names). */
export function replyInvalidState(res: ServerResponse, from: string, to: string): void {
  replyError(res, 403, 'InvalidStateTransition',
    `State transition from ${from} to ${to} failed for runtime. Error: State transition is not allowed`);
}

/** 413 to the runtime (RIE `RenderRequestEntityTooLarge`). */
export function replyTooLarge(res: ServerResponse): void {
  replyError(res, 413, 'RequestEntityTooLarge', `Exceeded maximum allowed payload size (${MAX_RESPONSE_BYTES} bytes).`);
}

/**
 * Reads a request body. `done(body)` gets the bytes (one chunk is passed through as is,
 * several are joined once), or `null` when more than `limit` bytes arrived; the excess is
 * drained, not kept. `aborted()` runs instead if the connection dies first.
 */
export function readBody(
  req: IncomingMessage,
  limit: number,
  done: (body: Buffer | null) => void,
  aborted: () => void,
): void {
  const declared = Number(req.headers['content-length']);
  let chunks: Buffer[] | null = declared > limit ? null : [];
  let size = 0;
  let finished = false;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (chunks === null) return;
    if (size > limit) chunks = null;
    else chunks.push(chunk);
  });
  req.on('end', () => {
    finished = true;
    if (chunks === null) done(null);
    else done(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
  });
  req.on('error', () => undefined);
  req.on('close', () => {
    if (!finished) aborted();
  });
}

/** `errorType` from a JSON error body, when the runtime sent no error-type header. */
export function errorTypeOf(header: string | string[] | undefined, body: Buffer): string {
  if (typeof header === 'string' && header.trim() !== '') return header.trim();
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    if (parsed && typeof parsed === 'object') {
      const t = (parsed as { errorType?: unknown }).errorType;
      if (typeof t === 'string' && t !== '') return t;
    }
  } catch {
    // not JSON: the default type applies
  }
  return DEFAULT_ERROR_TYPE;
}
