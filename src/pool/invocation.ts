// What goes into and comes out of one invocation in an environment.

export interface InvocationInput {
  requestId: string;
  payload: Buffer;
  invokedArn: string;
  /** Decoded client context JSON, if the caller sent one. */
  clientContext?: string;
  traceId?: string;
}

export type { StartKind } from './environment';
import type { StartKind } from './environment';

export interface InvocationResult {
  requestId: string;
  ok: boolean;
  /** The function's result bytes, or the error JSON. */
  payload: Buffer;
  errorType?: string;
  start: StartKind;
  durationMs: number;
  billedDurationMs: number;
  initDurationMs?: number;
  memorySizeMb: number;
  maxMemoryUsedMb: number;
  /** base64 of the last 4 KB of the invocation's log lines (LogType: Tail), rendered on demand. */
  logTail: () => string;
}

export type InitOutcome =
  | { ok: true; initDurationMs: number }
  | { ok: false; payload: Buffer; errorType: string; initDurationMs?: number;
    /** Set for a failure the platform detected (not one the runtime reported): its message, which the
     * cold start's answer prefixes with the request id, as Lambda's does. */
    platformMessage?: string };

/** A platform-detected failure as Lambda reports it: {errorType, errorMessage}. */
export function failure(errorType: string, message: string, requestId?: string): InitOutcome & { ok: false } {
  const errorMessage = requestId ? `RequestId: ${requestId} Error: ${message}` : message;
  return { ok: false, errorType, payload: Buffer.from(JSON.stringify({ errorType, errorMessage })), platformMessage: message };
}
