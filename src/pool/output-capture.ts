// Turns an environment's stdout/stderr into log events (one per line) on the logs
// channel, and keeps the lines of the current invocation for `LogType: Tail`.
import type { Channel } from '../kernel/channel';
import type { Clock } from '../kernel/clock';

export interface LogEvent {
  logGroup: string;
  logStream: string;
  timestamp: number;
  message: string;
}

/** Lines kept per invocation for the tail: enough for 4 KB, bounded whatever a function prints. */
const TAIL_KEEP_BYTES = 8 * 1024;

export class OutputCapture {
  private partial: Record<'stdout' | 'stderr', string> = { stdout: '', stderr: '' };
  private tail: string[] | undefined;
  private tailBytes = 0;

  constructor(private group: string, private stream: string, private logs: Channel<LogEvent>, private clock: Clock) {}

  write(stream: 'stdout' | 'stderr', chunk: Buffer): void {
    const text = this.partial[stream] + chunk.toString('utf8');
    const lines = text.split('\n');
    this.partial[stream] = lines.pop() ?? '';
    for (const line of lines) this.line(line);
    // A runaway line without newlines is cut into pieces rather than buffered forever.
    if (this.partial[stream].length > 256 * 1024) { this.line(this.partial[stream]); this.partial[stream] = ''; }
  }

  /** Emits an incomplete last line of either stream (at an invocation's end or an exit). */
  flush(): void {
    for (const s of ['stdout', 'stderr'] as const) {
      if (this.partial[s]) { this.line(this.partial[s]); this.partial[s] = ''; }
    }
  }

  /** A platform line (START, END, REPORT, timeouts) goes the same way as the function's. */
  line(message: string): void {
    this.logs.publish({ logGroup: this.group, logStream: this.stream, timestamp: this.clock.now(), message });
    if (this.tail) {
      this.tail.push(message);
      this.tailBytes += message.length + 1;
      while (this.tailBytes > TAIL_KEEP_BYTES && this.tail.length > 1) this.tailBytes -= this.tail.shift()!.length + 1;
    }
  }

  /** Starts keeping lines for one invocation's tail. */
  beginTail(): void { this.tail = []; this.tailBytes = 0; }

  /** Ends the tail; the returned function renders base64 of its last 4 KB, as X-Amz-Log-Result
   * carries it (only when a caller asks for the tail). */
  endTail(): () => string {
    const lines = this.tail ?? [];
    this.tail = undefined;
    return () => {
      const text = Buffer.from(lines.join('\n') + '\n', 'utf8');
      return text.subarray(Math.max(0, text.length - 4096)).toString('base64');
    };
  }
}
