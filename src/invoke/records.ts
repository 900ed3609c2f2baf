// The invocation record published after every invocation, off the hot path: the
// metering and the dashboard listen for these on a channel.
import type { StartKind } from '../pool/invocation';

export interface InvocationRecord {
  requestId: string;
  functionName: string;
  version: string;
  invocationType: 'RequestResponse' | 'Event';
  start: StartKind;
  /** Epoch ms when the invocation was accepted. */
  timestamp: number;
  durationMs: number;
  billedDurationMs: number;
  initDurationMs?: number;
  memorySizeMb: number;
  maxMemoryUsedMb: number;
  ok: boolean;
  errorType?: string;
}
