// A minimal HTTP/1.1 client on one keep-alive TCP connection, for the Runtime API only:
// requests go one at a time (a second waits its turn), bodies are strings, replies are read
// by Content-Length, chunked encoding, or until close. It exists because node:http costs
// ~4 ms of start-up (module + first request) against ~2.5 ms for node:net, on every cold
// start. The socket is unref'd whenever no request is in flight, so an idle connection never
// keeps the event loop alive ('beforeExit' detects when the user's code is done).
import { connect, type Socket } from 'node:net';

export interface HttpReply {
  status: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: Buffer;
}
export type ReplyCallback = (err: Error | null, reply?: HttpReply) => void;

interface Exchange { head: string; body: string; cb: ReplyCallback }

const HEAD_END = Buffer.from('\r\n\r\n');
const CRLF = Buffer.from('\r\n');
const EMPTY = Buffer.alloc(0);
const UNTIL_CLOSE = -1;
const CHUNKED = -2;

export class HttpConnection {
  private socket: Socket | null = null;
  private readonly waiting: Exchange[] = [];
  private current: Exchange | null = null;
  /** Bytes of the reply not consumed yet (the head, or a chunked / until-close body). */
  private data: Buffer = EMPTY;
  private reply: HttpReply | null = null;
  /** Body bytes expected, or UNTIL_CLOSE, or CHUNKED. */
  private length = 0;
  /** Body pieces received so far (Content-Length bodies: joined once, when complete). */
  private parts: Buffer[] = [];
  private received = 0;

  constructor(private readonly host: string, private readonly port: number) {}

  request(method: string, path: string, extraHeaders: string, body: string, cb: ReplyCallback): void {
    const head = `${method} ${path} HTTP/1.1\r\nHost: ${this.host}:${this.port}\r\n${extraHeaders}`
      + (method === 'GET' ? '\r\n' : `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n`);
    this.waiting.push({ head, body, cb });
    if (!this.current) this.sendNext();
  }

  private sendNext(): void {
    const ex = this.waiting.shift();
    if (!ex) {
      this.socket?.unref();
      return;
    }
    this.current = ex;
    const socket = this.socket ?? this.open();
    socket.ref();
    socket.write(ex.body === '' ? ex.head : ex.head + ex.body);
  }

  private open(): Socket {
    const socket = connect({ host: this.host, port: this.port, noDelay: true });
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (err) => this.onClose(socket, err));
    socket.on('close', () => this.onClose(socket, null));
    this.socket = socket;
    this.data = EMPTY;
    this.reply = null;
    return socket;
  }

  private onData(chunk: Buffer): void {
    if (!this.current) return; // nothing was asked: not a reply to anything
    if (this.reply && this.length >= 0) return this.addBody(chunk);
    this.data = this.data.length === 0 ? chunk : Buffer.concat([this.data, chunk]);
    if (!this.reply) {
      const end = this.data.indexOf(HEAD_END);
      if (end < 0) return;
      const rest = this.data.subarray(end + HEAD_END.length);
      this.parseHead(this.data.toString('latin1', 0, end));
      this.data = EMPTY;
      if (this.length >= 0) return this.addBody(rest);
      this.data = rest;
    }
    if (this.length === CHUNKED) this.parseChunks();
  }

  private parseHead(text: string): void {
    const lines = text.split('\r\n');
    const headers: Record<string, string> = {};
    for (let i = 1; i < lines.length; i++) {
      const colon = lines[i].indexOf(':');
      if (colon > 0) headers[lines[i].slice(0, colon).trim().toLowerCase()] = lines[i].slice(colon + 1).trim();
    }
    this.reply = { status: Number(lines[0].split(' ')[1]), headers, body: EMPTY };
    const te = headers['transfer-encoding'];
    this.length = te && te.toLowerCase().includes('chunked') ? CHUNKED
      : headers['content-length'] !== undefined ? Number(headers['content-length']) : UNTIL_CLOSE;
    this.parts = [];
    this.received = 0;
  }

  private addBody(chunk: Buffer): void {
    if (chunk.length > 0) {
      this.parts.push(chunk);
      this.received += chunk.length;
    }
    if (this.received < this.length) return;
    const all = this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts, this.received);
    this.finish(all.length === this.length ? all : all.subarray(0, this.length));
  }

  private parseChunks(): void {
    for (;;) {
      const eol = this.data.indexOf(CRLF);
      if (eol < 0) return;
      const size = parseInt(this.data.toString('latin1', 0, eol), 16);
      if (Number.isNaN(size)) {
        this.socket?.destroy(new Error('malformed chunked reply from the Runtime API'));
        return;
      }
      if (size === 0) {
        // The last chunk, then optional trailers, then an empty line.
        const noTrailers = this.data.length >= eol + 4 && this.data.indexOf(CRLF, eol + 2) === eol + 2;
        if (!noTrailers && this.data.indexOf(HEAD_END, eol) < 0) return;
        this.finish(Buffer.concat(this.parts));
        return;
      }
      if (this.data.length < eol + 2 + size + 2) return;
      this.parts.push(this.data.subarray(eol + 2, eol + 2 + size));
      this.data = this.data.subarray(eol + 2 + size + 2);
    }
  }

  private finish(body: Buffer): void {
    const reply = this.reply as HttpReply;
    const ex = this.current as Exchange;
    reply.body = body;
    this.reply = null;
    this.data = EMPTY;
    this.parts = [];
    this.current = null;
    if ((reply.headers.connection ?? '').toLowerCase() === 'close' && this.socket) {
      this.socket.destroy();
      this.socket = null;
    }
    ex.cb(null, reply);
    if (!this.current) this.sendNext();
  }

  private onClose(socket: Socket, err: Error | null): void {
    if (socket !== this.socket) return;
    this.socket = null;
    const ex = this.current;
    if (!ex) return;
    if (!err && this.reply && this.length === UNTIL_CLOSE) return this.finish(this.data);
    this.current = null;
    this.reply = null;
    ex.cb(err ?? new Error('the Runtime API closed the connection'));
    if (!this.current) this.sendNext();
  }
}
