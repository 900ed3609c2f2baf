// The private runtime channel's framing: what a built-in runtime and the platform say to each
// other over the environment's inherited socket (fd 3) instead of HTTP over loopback. Same
// messages as the Runtime API, one write per message, no parsing of HTTP on either side.
// A frame is: u32 length of the rest | u8 kind | u32 header length | header (JSON) | body.
// Imported by the Node runtime too, so it uses node: builtins only.

/**
 * Largest result a runtime may return: 6 MiB + 100 bytes, the RIE's `interop.MaxPayloadSize`
 * and the figure AWS quotes in its error message.
 */
export const MAX_RESPONSE_BYTES = 6 * 1024 * 1024 + 100;

export const FRAME = {
  /** platform → runtime: an invocation; header = the Lambda-Runtime-* headers (lower case), body = event. */
  invoke: 0x49,
  /** runtime → platform: ready for the next invocation (the Runtime API's GET /next). */
  next: 0x4e,
  /** runtime → platform: a result; header = { id, maxRssKb, tooLarge? }, body = the response JSON
   * (empty with `tooLarge`: the runtime does not send a result over the limit). */
  response: 0x52,
  /** runtime → platform: a function error; header = { id, errorType, maxRssKb }, body = the error JSON. */
  error: 0x45,
  /** runtime → platform: Init failed; header = { errorType }, body = the error JSON. */
  initError: 0x46,
  /** runtime → platform: a stem cell (a runtime started before it has a function) is up. */
  ready: 0x59,
  /** platform → stem cell: become this function's runtime; header = { env } (the whole environment). */
  specialise: 0x53,
} as const;

export type FrameKind = (typeof FRAME)[keyof typeof FRAME];

export interface Frame { kind: number; header: Record<string, unknown>; body: Buffer }

const EMPTY_HEADER = Buffer.from('{}');

/** One frame as a single buffer, ready for one write. */
export function encodeFrame(kind: number, header: object | null, body: Buffer | string): Buffer {
  const head = header ? Buffer.from(JSON.stringify(header)) : EMPTY_HEADER;
  const bodyLength = typeof body === 'string' ? Buffer.byteLength(body) : body.length;
  const out = Buffer.allocUnsafe(9 + head.length + bodyLength);
  out.writeUInt32BE(5 + head.length + bodyLength, 0);
  out[4] = kind;
  out.writeUInt32BE(head.length, 5);
  head.copy(out, 9);
  if (typeof body === 'string') out.write(body, 9 + head.length, 'utf8');
  else body.copy(out, 9 + head.length);
  return out;
}

/**
 * Reassembles frames from a byte stream's chunks. A frame larger than `maxFrame` or with an
 * unreadable header is a protocol error: the reader stops and reports it once.
 */
export class FrameReader {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private failed = false;

  constructor(private readonly onFrame: (f: Frame) => void, private readonly onError: (err: Error) => void,
    private readonly maxFrame = 16 * 1024 * 1024) {}

  push(chunk: Buffer): void {
    if (this.failed) return;
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    while (this.buffered >= 4) {
      const data = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.buffered);
      const length = data.readUInt32BE(0);
      if (length < 5 || length > this.maxFrame) return this.fail(new Error(`runtime channel: bad frame length ${length}`));
      if (data.length < 4 + length) {
        this.chunks = [data];
        return;
      }
      const rest = data.length === 4 + length ? [] : [data.subarray(4 + length)];
      this.chunks = rest;
      this.buffered = data.length - 4 - length;
      const headLength = data.readUInt32BE(5);
      if (headLength > length - 5) return this.fail(new Error('runtime channel: bad header length'));
      let header: Record<string, unknown>;
      try {
        header = JSON.parse(data.toString('utf8', 9, 9 + headLength)) as Record<string, unknown>;
      } catch {
        return this.fail(new Error('runtime channel: unreadable frame header'));
      }
      this.onFrame({ kind: data[4], header, body: data.subarray(9 + headLength, 4 + length) });
      if (this.failed) return;
    }
  }

  private fail(err: Error): void {
    this.failed = true;
    this.chunks = [];
    this.onError(err);
  }
}
