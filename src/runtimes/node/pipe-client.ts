// The Runtime API calls over the private channel (fd 3, see runtime-api/frames.ts): what the
// built-in runtime uses when Nimbus starts it, instead of HTTP over loopback. A result and the
// following "next" leave in one write. The socket is unref'd while the handler runs, so an
// invocation whose event loop runs dry still ends (beforeExit), as over HTTP.
import { Socket } from 'node:net';
import { FRAME, FrameReader, MAX_RESPONSE_BYTES, encodeFrame, type Frame } from '../../runtime-api/frames';
import type { RapidError } from './errors';
import type { NextInvocation, PostCallback, RuntimeClient } from './runtime-client';

// Taken before user code loads, so a handler cannot change what the platform is told.
const resourceUsage = process.resourceUsage.bind(process);
const now = performance.now.bind(performance);

/**
 * The process's peak resident set (getrusage), sent with every result for REPORT's Max Memory
 * Used and the memory limit. getrusage is a costly call on some virtual machines, so a
 * sub-millisecond invocation (which cannot have grown by more than a few MB) reuses a
 * reading less than 100 ms old.
 */
class PeakMemory {
  private kb = 0;
  private readAt = -Infinity;

  sample(invocationStart: number): number {
    const t = now();
    if (t - invocationStart >= 1 || t - this.readAt >= 100) {
      this.kb = resourceUsage().maxRSS;
      this.readAt = t;
    }
    return this.kb;
  }
}

export class PipeRuntimeClient implements RuntimeClient {
  private readonly socket: Socket;
  private waiting: ((err: Error | null, inv?: NextInvocation) => void) | null = null;
  private corked = false;
  private readonly peak = new PeakMemory();
  private specialise: ((env: Record<string, string>) => void) | null = null;
  private startedAt = 0;

  constructor(fd: number) {
    this.socket = new Socket({ fd, readable: true, writable: true });
    const reader = new FrameReader((f) => this.onFrame(f), (err) => this.lost(err), 1024 * 1024 * 1024);
    this.socket.on('data', (chunk: Buffer) => reader.push(chunk));
    this.socket.on('error', (err) => this.lost(err));
    this.socket.on('close', () => this.lost(new Error('the platform closed the runtime channel')));
    this.socket.unref();
  }

  /** Stem cell: says it is up, then waits (keeping the process alive) to learn its function. */
  awaitSpecialise(cb: (env: Record<string, string>) => void): void {
    this.specialise = cb;
    this.socket.ref();
    this.socket.write(encodeFrame(FRAME.ready, null, ''));
  }

  next(cb: (err: Error | null, inv?: NextInvocation) => void): void {
    this.waiting = cb;
    this.socket.ref();
    this.send(encodeFrame(FRAME.next, null, ''));
  }

  /** `cb` runs at once, so the loop's "next" leaves in the same write as the result. */
  postResponse(id: string, json: string, cb: PostCallback): void {
    const maxRssKb = this.peak.sample(this.startedAt);
    if (Buffer.byteLength(json) > MAX_RESPONSE_BYTES) {
      this.send(encodeFrame(FRAME.response, { id, maxRssKb, tooLarge: true }, ''));
      return cb(null, 413);
    }
    this.send(encodeFrame(FRAME.response, { id, maxRssKb }, json));
    cb(null, 202);
  }

  postError(id: string, error: RapidError, cb: PostCallback): void {
    const maxRssKb = this.peak.sample(this.startedAt);
    this.send(encodeFrame(FRAME.error, { id, errorType: error.errorType, maxRssKb }, JSON.stringify(error)));
    cb(null, 202);
  }

  postFatal(id: string | undefined, error: RapidError, cb: PostCallback): void {
    const frame = id === undefined
      ? encodeFrame(FRAME.initError, { errorType: error.errorType }, JSON.stringify(error))
      : encodeFrame(FRAME.error, { id, errorType: error.errorType, maxRssKb: resourceUsage().maxRSS }, JSON.stringify(error));
    this.socket.write(frame, () => cb(null, 202));
  }

  /** Writes now, but lets frames written in the same tick leave together. */
  private send(frame: Buffer): void {
    if (!this.corked) {
      this.corked = true;
      this.socket.cork();
      process.nextTick(() => {
        this.corked = false;
        this.socket.uncork();
      });
    }
    this.socket.write(frame);
  }

  private onFrame(f: Frame): void {
    const become = this.specialise;
    if (become && f.kind === FRAME.specialise) {
      this.specialise = null;
      this.socket.unref();
      return become((f.header.env ?? {}) as Record<string, string>);
    }
    const cb = this.waiting;
    if (f.kind !== FRAME.invoke || !cb) return this.lost(new Error(`unexpected frame ${f.kind}`));
    this.waiting = null;
    this.socket.unref();
    this.startedAt = now();
    cb(null, { body: f.body.toString('utf8'), headers: f.header as Record<string, string> });
  }

  private lost(err: Error): void {
    const cb = this.waiting;
    this.waiting = null;
    if (cb) cb(err);
    else process.exit(1);
  }
}
