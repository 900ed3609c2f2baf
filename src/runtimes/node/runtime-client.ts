// The Lambda Runtime API calls the runtime makes (AWS_LAMBDA_RUNTIME_API = host:port), over
// one keep-alive connection (see http-connection.ts for why not node:http).
import { HttpConnection, type HttpReply } from './http-connection';
import type { RapidError } from './errors';

export interface NextInvocation {
  /** The raw event text. */
  body: string;
  /** Lower-case header names. */
  headers: Record<string, string>;
}

export type PostCallback = (err: Error | null, status: number) => void;

/** The Runtime API calls the invoke loop makes: over HTTP (this file) or the private pipe (pipe-client.ts). */
export interface RuntimeClient {
  next(cb: (err: Error | null, inv?: NextInvocation) => void): void;
  postResponse(id: string, json: string, cb: PostCallback): void;
  postError(id: string, error: RapidError, cb: PostCallback): void;
  /** Reports an uncaught error: against the invocation `id`, or as an Init error before the first. */
  postFatal(id: string | undefined, error: RapidError, cb: PostCallback): void;
}

const BASE = '/2018-06-01/runtime';
const JSON_TYPE = 'Content-Type: application/json\r\n';

export class HttpRuntimeClient implements RuntimeClient {
  private readonly conn: HttpConnection;
  private readonly host: string;
  private readonly port: number;

  constructor(hostPort: string) {
    const colon = hostPort.lastIndexOf(':');
    this.host = hostPort.slice(0, colon);
    this.port = Number(hostPort.slice(colon + 1));
    this.conn = new HttpConnection(this.host, this.port);
  }

  next(cb: (err: Error | null, inv?: NextInvocation) => void): void {
    this.conn.request('GET', `${BASE}/invocation/next`, '', '', (err, reply) => {
      if (err || !reply) return cb(err ?? new Error('no reply'));
      if (reply.status !== 200) return cb(new Error(`Runtime API /next answered ${reply.status}: ${reply.body.toString()}`));
      cb(null, { body: reply.body.toString(), headers: reply.headers });
    });
  }

  postResponse(id: string, json: string, cb: PostCallback): void {
    this.conn.request('POST', `${BASE}/invocation/${encodeURIComponent(id)}/response`, JSON_TYPE, json, done(cb));
  }

  postError(id: string, error: RapidError, cb: PostCallback): void {
    this.conn.request('POST', `${BASE}/invocation/${encodeURIComponent(id)}/error`, errorHeaders(error),
      JSON.stringify(error), done(cb));
  }

  /**
   * Reports an uncaught error of the process: to /error for the invocation `id`, or to
   * /init/error before the first one. It opens a connection of its own, because the shared
   * one may be parked in a /next that will not return.
   */
  postFatal(id: string | undefined, error: RapidError, cb: PostCallback): void {
    const path = id === undefined ? `${BASE}/init/error` : `${BASE}/invocation/${encodeURIComponent(id)}/error`;
    new HttpConnection(this.host, this.port).request('POST', path, errorHeaders(error), JSON.stringify(error), done(cb));
  }
}

function done(cb: PostCallback): (err: Error | null, reply?: HttpReply) => void {
  return (err, reply) => cb(err, reply?.status ?? 0);
}

// The error type is user data (an error's name); header values must stay printable ASCII.
const UNSAFE = /[^\t\x20-\x7e]/gu;
function errorHeaders(error: RapidError): string {
  const type = error.errorType.replace(UNSAFE, (c) => {
    try {
      return encodeURIComponent(c);
    } catch {
      return '?'; // a lone surrogate
    }
  });
  return `${JSON_TYPE}Lambda-Runtime-Function-Error-Type: ${type}\r\n`;
}
