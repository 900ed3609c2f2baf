// The private runtime channel, platform side: the built-in runtimes get the Runtime API's
// messages as frames (frames.ts) over a socket the environment inherits as fd 3, instead of
// HTTP over loopback. One write each way per invocation; the same phases and the same
// promises as RuntimeApiServer, so the environment cannot tell which one it drives. The
// socket is the environment's own, so every frame comes from that environment's runtime.
import type { Duplex } from 'node:stream';
import { NimbusError } from '../kernel/errors';
import { FRAME, FrameReader, MAX_RESPONSE_BYTES, encodeFrame, type Frame } from './frames';
import type { Invocation, InvocationOutcome, RuntimeApiListener, RuntimeChannel } from './runtime-api-server';
import { closedError, type Pending } from './runtime-state';
import { DEFAULT_ERROR_TYPE, RESPONSE_TOO_LARGE_PAYLOAD, RESPONSE_TOO_LARGE_TYPE } from './wire';

type PipePhase = 'Started' | 'Ready' | 'Running' | 'ResponseSent' | 'InitError' | 'Closed';

export class PipeRuntime implements RuntimeChannel {
  readonly address = '';
  private phase: PipePhase = 'Started';
  private queued: Pending | null = null;
  private current: Pending | null = null;

  constructor(private readonly socket: Duplex, private readonly listener: RuntimeApiListener) {
    const reader = new FrameReader((f) => this.onFrame(f), (err) => this.broken(err), MAX_RESPONSE_BYTES + 64 * 1024);
    socket.on('data', (chunk: Buffer) => reader.push(chunk));
    socket.on('error', () => { /* the process exit reports what happened */ });
  }

  /** As RuntimeApiServer.invoke: one invocation at a time, delivered once the runtime is ready. */
  invoke(inv: Invocation): Promise<InvocationOutcome> {
    if (this.phase === 'Closed') return Promise.reject(closedError(inv.requestId));
    if (this.phase === 'InitError') {
      return Promise.reject(new NimbusError('ILLEGAL_TRANSITION', 'the runtime reported an Init error',
        { requestId: inv.requestId }));
    }
    const busy = this.current ?? this.queued;
    if (busy) {
      throw new NimbusError('ILLEGAL_TRANSITION', 'an invocation is already outstanding in this environment',
        { requestId: inv.requestId, outstanding: busy.inv.requestId });
    }
    return new Promise<InvocationOutcome>((resolve, reject) => {
      const p: Pending = { inv, resolve, reject };
      if (this.phase === 'Ready') this.deliver(p);
      else this.queued = p;
    });
  }

  close(): Promise<void> {
    if (this.phase !== 'Closed') {
      this.phase = 'Closed';
      const pending = this.current ?? this.queued;
      this.current = this.queued = null;
      this.socket.destroy();
      pending?.reject(closedError(pending.inv.requestId));
    }
    return Promise.resolve();
  }

  private deliver(p: Pending): void {
    const inv = p.inv;
    const headers: Record<string, string> = {
      'lambda-runtime-aws-request-id': inv.requestId,
      'lambda-runtime-deadline-ms': String(inv.deadlineMs),
      'lambda-runtime-invoked-function-arn': inv.invokedFunctionArn,
    };
    if (inv.traceId) headers['lambda-runtime-trace-id'] = inv.traceId;
    if (inv.clientContext) headers['lambda-runtime-client-context'] = inv.clientContext;
    if (inv.cognitoIdentity) headers['lambda-runtime-cognito-identity'] = inv.cognitoIdentity;
    this.phase = 'Running';
    this.current = p;
    this.socket.write(encodeFrame(FRAME.invoke, headers, inv.payload));
  }

  private onFrame(f: Frame): void {
    switch (f.kind) {
      case FRAME.next:
        if (this.phase !== 'Started' && this.phase !== 'ResponseSent') return this.broken(new Error(`next in ${this.phase}`));
        this.phase = 'Ready';
        this.notify(() => this.listener.onNext?.());
        if (this.queued && this.phase === 'Ready') {
          const q = this.queued;
          this.queued = null;
          this.deliver(q);
        }
        return;
      case FRAME.response:
      case FRAME.error:
        return this.result(f);
      case FRAME.initError: {
        if (this.phase !== 'Started') return this.broken(new Error(`init error in ${this.phase}`));
        const queued = this.queued;
        this.phase = 'InitError';
        this.queued = null;
        const errorType = typeof f.header.errorType === 'string' && f.header.errorType ? f.header.errorType : DEFAULT_ERROR_TYPE;
        queued?.resolve({ kind: 'error', payload: f.body, errorType });
        this.notify(() => this.listener.onInitError?.(f.body, errorType));
        return;
      }
      default:
        return this.broken(new Error(`unknown frame kind ${f.kind}`));
    }
  }

  /** A response or error for the invocation in flight; a stale or foreign id is ignored, as
   * the HTTP API answers it 400 and leaves the invocation running. */
  private result(f: Frame): void {
    const current = this.current;
    if (this.phase !== 'Running' || !current || f.header.id !== current.inv.requestId) return;
    this.phase = 'ResponseSent';
    this.current = null;
    const maxRssKb = typeof f.header.maxRssKb === 'number' ? f.header.maxRssKb : undefined;
    if (f.header.tooLarge === true || f.body.length > MAX_RESPONSE_BYTES) {
      current.resolve({ kind: 'error', payload: RESPONSE_TOO_LARGE_PAYLOAD, errorType: RESPONSE_TOO_LARGE_TYPE, maxRssKb });
    } else if (f.kind === FRAME.response) {
      current.resolve({ kind: 'response', payload: f.body, maxRssKb });
    } else {
      const errorType = typeof f.header.errorType === 'string' && f.header.errorType ? f.header.errorType : DEFAULT_ERROR_TYPE;
      current.resolve({ kind: 'error', payload: f.body, errorType, maxRssKb });
    }
  }

  /** The runtime broke the protocol: it cannot be trusted with another invocation. */
  private broken(err: Error): void {
    process.emitWarning(`runtime channel closed: ${err.message}`, 'PipeRuntime');
    void this.close();
  }

  private notify(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      process.emitWarning(err instanceof Error ? err : new Error(String(err)), 'RuntimeApiListener');
    }
  }
}
