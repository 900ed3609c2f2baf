// How each function's invocations started (warm, on-demand, stem cell, pre-initialised,
// provisioned), counted from the invocation records: the admin API serves the counts as
// metrics, and every start that was not warm gets one line in the server's log.
import type { StartKind } from '../pool/invocation';
import type { InvocationRecord } from './records';

/** The start paths under the names the README and the dashboard use. */
export const START_PATH: Readonly<Record<StartKind, string>> = {
  warm: 'warm', cold: 'on-demand', prewarmed: 'stem-cell', 'pre-initialised': 'pre-initialised', provisioned: 'provisioned',
};

export interface FunctionStartMetrics {
  functionName: string;
  invocations: number;
  errors: number;
  /** Invocations per start path. */
  starts: Record<string, number>;
  /** The Init durations that were on a request's path (cold and stem-cell starts). */
  initDurationMs: { count: number; sum: number; max: number };
}

export class StartMetrics {
  private byFunction = new Map<string, FunctionStartMetrics>();

  record(r: InvocationRecord): void {
    let m = this.byFunction.get(r.functionName);
    if (!m) {
      m = { functionName: r.functionName, invocations: 0, errors: 0, starts: {}, initDurationMs: { count: 0, sum: 0, max: 0 } };
      this.byFunction.set(r.functionName, m);
    }
    m.invocations++;
    if (!r.ok) m.errors++;
    const path = START_PATH[r.start];
    m.starts[path] = (m.starts[path] ?? 0) + 1;
    if (r.initDurationMs !== undefined) {
      m.initDurationMs.count++;
      m.initDurationMs.sum += r.initDurationMs;
      m.initDurationMs.max = Math.max(m.initDurationMs.max, r.initDurationMs);
    }
  }

  snapshot(): FunctionStartMetrics[] {
    return [...this.byFunction.values()].map((m) => ({ ...m, starts: { ...m.starts }, initDurationMs: { ...m.initDurationMs } }));
  }
}

/** The server's log line for a start that was not warm; undefined for a warm one. */
export function startLogLine(r: InvocationRecord): string | undefined {
  if (r.start === 'warm') return undefined;
  const init = r.initDurationMs === undefined ? '' : `, Init ${r.initDurationMs.toFixed(1)} ms`;
  return `${r.functionName}:${r.version} ${START_PATH[r.start]} start (request ${r.requestId}${init})`;
}
