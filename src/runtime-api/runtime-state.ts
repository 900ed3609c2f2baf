// The runtime's side of one execution environment, as a state machine. The phase names are
// the Runtime Interface Emulator's runtime states, so the 403 messages read like AWS's. One
// invocation at a time: it waits in `queued` until the runtime polls /next, is `current`
// while the runtime works on it, and settles when the runtime posts /response or /error.
import type { ServerResponse } from 'node:http';
import { NimbusError } from '../kernel/errors';
import { replyInvalidRequestId, replyInvalidState } from './wire';
import type { Invocation, InvocationOutcome, RuntimeApiListener } from './runtime-api-server';

/** An invoke() that has not settled yet. */
export interface Pending {
  readonly inv: Invocation;
  readonly resolve: (outcome: InvocationOutcome) => void;
  readonly reject: (err: Error) => void;
}

export type Phase =
  /** Process started, Init running; the first /next ends Init. */
  | { name: 'Started'; queued: Pending | null }
  /** The runtime is idle in /next (`poll`, null while it reconnects), or an invoke is `queued`. */
  | { name: 'Ready'; poll: ServerResponse | null; queued: Pending | null }
  /** An invocation was handed to the runtime. */
  | { name: 'Running'; current: Pending }
  /** The runtime is posting the result (body still arriving). */
  | { name: 'InvocationResponse' | 'InvocationErrorResponse'; current: Pending }
  /** The result arrived; the runtime should poll /next again. */
  | { name: 'RuntimeResponseSentState'; lastId: string; queued: Pending | null }
  /** The runtime posted /runtime/init/error; the environment is failed. */
  | { name: 'InitError' }
  | { name: 'Closed' };

export class RuntimeState {
  phase: Phase = { name: 'Started', queued: null };

  constructor(readonly listener: RuntimeApiListener) {}

  /** Hands `p` to the runtime through the parked /next answer `poll`. */
  deliver(poll: ServerResponse, p: Pending): void {
    writeInvocation(poll, p.inv);
    this.phase = { name: 'Running', current: p };
  }

  /** Records the runtime's result for `current` and settles its invoke(). */
  settle(current: Pending, outcome: InvocationOutcome): void {
    this.phase = { name: 'RuntimeResponseSentState', lastId: current.inv.requestId, queued: null };
    current.resolve(outcome);
  }

  /** Runs a listener callback; a throwing listener is reported, never lets a request fail. */
  notify(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      process.emitWarning(err instanceof Error ? err : new Error(String(err)), 'RuntimeApiListener');
    }
  }
}

/** The invoke() waiting or in flight in `phase`, if any. */
export function outstanding(phase: Phase): Pending | null {
  switch (phase.name) {
    case 'Started':
    case 'Ready':
    case 'RuntimeResponseSentState':
      return phase.queued;
    case 'Running':
    case 'InvocationResponse':
    case 'InvocationErrorResponse':
      return phase.current;
    default:
      return null;
  }
}

/**
 * Starts taking the runtime's result for `id` (the /response and /error endpoints). As RIE
 * does, an id other than the invocation in flight gets 400, and a second result for it 403.
 * Returns the invocation, now in phase `to`, or null when `res` was already answered.
 */
export function beginResult(
  state: RuntimeState,
  id: string,
  to: 'InvocationResponse' | 'InvocationErrorResponse',
  res: ServerResponse,
): Pending | null {
  const phase = state.phase;
  switch (phase.name) {
    case 'Running':
      if (phase.current.inv.requestId !== id) break;
      state.phase = { name: to, current: phase.current };
      return phase.current;
    case 'InvocationResponse':
    case 'InvocationErrorResponse':
      if (phase.current.inv.requestId !== id) break;
      replyInvalidState(res, phase.name, to);
      return null;
    case 'RuntimeResponseSentState':
      if (phase.lastId !== id) break;
      replyInvalidState(res, phase.name, to);
      return null;
  }
  replyInvalidRequestId(res);
  return null;
}

/** A result whose body never fully arrived: the invocation is the runtime's again. */
export function abandonResult(state: RuntimeState, current: Pending): void {
  const phase = state.phase;
  if ((phase.name === 'InvocationResponse' || phase.name === 'InvocationErrorResponse') && phase.current === current) {
    state.phase = { name: 'Running', current };
  }
}

/** True while `current` is still the result being received (not closed meanwhile). */
export function isReceiving(state: RuntimeState, current: Pending): boolean {
  const phase = state.phase;
  return (phase.name === 'InvocationResponse' || phase.name === 'InvocationErrorResponse') && phase.current === current;
}

export function closedError(requestId?: string): NimbusError {
  return new NimbusError('ILLEGAL_TRANSITION', 'the Runtime API server was closed before the runtime answered',
    requestId === undefined ? undefined : { requestId });
}

/** A parked /next whose connection is still open. */
export function isLive(poll: ServerResponse | null): poll is ServerResponse {
  return poll !== null && !poll.writableEnded && !poll.destroyed;
}

// Header values may not hold CR/LF or characters above 0xFF. The JSON texts come from
// callers, so their line breaks become spaces and non-ASCII becomes \u escapes: the same JSON.
const UNSAFE_JSON = /[\r\n\u007f-\uffff]/;
const UNSAFE_JSON_ALL = /[\r\n\u007f-\uffff]/g;
function headerSafeJson(text: string): string {
  if (!UNSAFE_JSON.test(text)) return text;
  return text.replace(UNSAFE_JSON_ALL, (c) =>
    c === '\r' || c === '\n' ? ' ' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The /next answer: the raw payload and the Lambda-Runtime-* headers that have values. */
function writeInvocation(res: ServerResponse, inv: Invocation): void {
  const headers = [
    'Content-Type', 'application/json',
    'Content-Length', String(inv.payload.length),
    'Lambda-Runtime-Aws-Request-Id', inv.requestId,
    'Lambda-Runtime-Deadline-Ms', String(inv.deadlineMs),
    'Lambda-Runtime-Invoked-Function-Arn', inv.invokedFunctionArn,
  ];
  if (inv.traceId) headers.push('Lambda-Runtime-Trace-Id', inv.traceId);
  if (inv.clientContext) headers.push('Lambda-Runtime-Client-Context', headerSafeJson(inv.clientContext));
  if (inv.cognitoIdentity) headers.push('Lambda-Runtime-Cognito-Identity', headerSafeJson(inv.cognitoIdentity));
  res.writeHead(200, headers);
  res.end(inv.payload);
}
