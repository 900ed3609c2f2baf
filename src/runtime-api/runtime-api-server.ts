// The Lambda Runtime API (version 2018-06-01) for ONE execution environment: one server per
// environment on its own loopback port, so every call comes from that environment's runtime
// and no runtime can read or answer another's invocation. Its address is the environment's
// AWS_LAMBDA_RUNTIME_API. The platform side is invoke() (hand over an event, get the
// runtime's result) and the listener (Init finished, Init failed).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NimbusError } from '../kernel/errors';
import { handleError } from './error';
import { handleInitError } from './init-error';
import { handleNext } from './next';
import { handleResponse } from './response';
import { RuntimeState, closedError, isLive, outstanding, type Pending } from './runtime-state';
import { BASE_PATH, replyError, replyInvalidRequestId } from './wire';

export interface Invocation {
  requestId: string;
  payload: Buffer;
  /** Epoch milliseconds; sent as Lambda-Runtime-Deadline-Ms. */
  deadlineMs: number;
  invokedFunctionArn: string;
  traceId?: string;
  /** JSON text. */
  clientContext?: string;
  /** JSON text. */
  cognitoIdentity?: string;
}

export type InvocationOutcome =
  | { kind: 'response'; payload: Buffer; maxRssKb?: number }
  | { kind: 'error'; payload: Buffer; errorType: string; maxRssKb?: number };

export interface RuntimeApiListener {
  /** The runtime called /next with nothing outstanding (the first call = Init finished). */
  onNext?(): void;
  /** The runtime posted /runtime/init/error. */
  onInitError?(payload: Buffer, errorType: string): void;
}

/**
 * How the platform talks to one environment's runtime: this HTTP server (any runtime,
 * AWS_LAMBDA_RUNTIME_API) or the private pipe of the built-in runtimes (pipe-runtime.ts).
 */
export interface RuntimeChannel {
  /** "host:port" for AWS_LAMBDA_RUNTIME_API, or '' when the runtime does not speak HTTP. */
  readonly address: string;
  invoke(inv: Invocation): Promise<InvocationOutcome>;
  close(): Promise<void>;
}

const RUNTIME_PREFIX = `${BASE_PATH}/runtime/`;
const INVOCATION = 'invocation/';

export class RuntimeApiServer implements RuntimeChannel {
  /** "127.0.0.1:<port>", the value of AWS_LAMBDA_RUNTIME_API. */
  readonly address: string;
  private readonly state: RuntimeState;
  private readonly server: Server;
  private closing: Promise<void> | null = null;

  private constructor(server: Server, state: RuntimeState) {
    this.server = server;
    this.state = state;
    this.address = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  /** Listens on 127.0.0.1 on an ephemeral port. */
  static start(listener: RuntimeApiListener): Promise<RuntimeApiServer> {
    const state = new RuntimeState(listener);
    // No request timeout: /next long-polls for as long as the environment idles. No
    // keep-alive timeout: the runtime's one socket may idle for a whole invocation, and a
    // server-side close would race its next post.
    const server = createServer({ noDelay: true, requestTimeout: 0 }, (req, res) => serve(state, req, res));
    server.keepAliveTimeout = 0;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve(new RuntimeApiServer(server, state));
      });
    });
  }

  /**
   * Hands `inv` to the runtime's pending (or next) GET /next, and resolves with what the
   * runtime posts for it (a function error is an outcome, not a rejection). Throws if an
   * invocation is already outstanding. Rejects if the server is closed first, or if Init
   * already failed; an invocation still waiting for the first /next when the runtime posts
   * /runtime/init/error resolves with that error, as Lambda answers the invoke whose Init failed.
   */
  invoke(inv: Invocation): Promise<InvocationOutcome> {
    const phase = this.state.phase;
    if (phase.name === 'Closed') return Promise.reject(closedError(inv.requestId));
    if (phase.name === 'InitError') {
      return Promise.reject(new NimbusError('ILLEGAL_TRANSITION', 'the runtime reported an Init error',
        { requestId: inv.requestId }));
    }
    const busy = outstanding(phase);
    if (busy) {
      throw new NimbusError('ILLEGAL_TRANSITION', 'an invocation is already outstanding in this environment',
        { requestId: inv.requestId, outstanding: busy.inv.requestId });
    }
    return new Promise<InvocationOutcome>((resolve, reject) => {
      const p: Pending = { inv, resolve, reject };
      const now = this.state.phase;
      if (now.name === 'Ready' && isLive(now.poll)) {
        try {
          this.state.deliver(now.poll, p);
        } catch (err) {
          reject(err instanceof Error ? err : new Error(String(err)));
        }
      } else if (now.name === 'Started' || now.name === 'Ready' || now.name === 'RuntimeResponseSentState') {
        now.queued = p;
      }
    });
  }

  /** Stops listening: a parked /next gets 500 (the runtime must exit), an outstanding invoke() rejects. */
  close(): Promise<void> {
    if (this.closing) return this.closing;
    const phase = this.state.phase;
    this.state.phase = { name: 'Closed' };
    const pending = outstanding(phase);
    this.closing = new Promise<void>((resolve) => this.server.close(() => resolve()));
    if (phase.name === 'Ready' && isLive(phase.poll)) {
      phase.poll.once('finish', () => this.server.closeAllConnections());
      replyError(phase.poll, 500, 'InternalServerError', 'Internal Server Error');
    } else {
      this.server.closeAllConnections();
    }
    pending?.reject(closedError(pending.inv.requestId));
    return this.closing;
  }
}

/** Routes one request. A bad request gets an error answer, never an exception. */
function serve(state: RuntimeState, req: IncomingMessage, res: ServerResponse): void {
  try {
    route(state, req, res);
  } catch {
    if (!res.headersSent) replyError(res, 500, 'InternalServerError', 'Internal Server Error');
    else res.destroy();
  }
}

function route(state: RuntimeState, req: IncomingMessage, res: ServerResponse): void {
  const url = req.url ?? '';
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  if (state.phase.name === 'Closed') return refuse(req, res, 500, 'InternalServerError', 'Internal Server Error');
  if (!path.startsWith(RUNTIME_PREFIX)) return notFound(req, res);
  const rest = path.slice(RUNTIME_PREFIX.length);
  if (rest === 'invocation/next') {
    if (req.method !== 'GET') return methodNotAllowed(req, res);
    req.resume();
    return handleNext(state, res);
  }
  if (rest === 'init/error') {
    if (req.method !== 'POST') return methodNotAllowed(req, res);
    return handleInitError(state, req, res);
  }
  if (!rest.startsWith(INVOCATION)) return notFound(req, res);
  const tail = rest.slice(INVOCATION.length);
  const slash = tail.indexOf('/');
  if (slash < 0 || tail.indexOf('/', slash + 1) >= 0) return notFound(req, res);
  const action = tail.slice(slash + 1);
  if (action !== 'response' && action !== 'error') return notFound(req, res);
  if (req.method !== 'POST') return methodNotAllowed(req, res);
  let id: string;
  try {
    id = decodeURIComponent(tail.slice(0, slash));
  } catch {
    req.resume();
    return replyInvalidRequestId(res);
  }
  if (action === 'response') handleResponse(state, id, req, res);
  else handleError(state, id, req, res);
}

function refuse(req: IncomingMessage, res: ServerResponse, status: number, type: string, message: string): void {
  req.resume();
  replyError(res, status, type, message);
}

const notFound = (req: IncomingMessage, res: ServerResponse) => refuse(req, res, 404, 'NotFound', '404 page not found');
const methodNotAllowed = (req: IncomingMessage, res: ServerResponse) =>
  refuse(req, res, 405, 'MethodNotAllowed', 'Method Not Allowed');
