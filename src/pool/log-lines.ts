// The platform's own log lines, byte for byte as Lambda writes them (tabs, two
// decimals, the space after "Billed Duration: N ms" and the trailing tab of REPORT,
// as in AWS's documented CloudWatch events).

export const startLine = (requestId: string, version: string): string =>
  `START RequestId: ${requestId} Version: ${version}`;

export const endLine = (requestId: string): string => `END RequestId: ${requestId}`;

export interface ReportFields {
  requestId: string;
  durationMs: number;
  billedDurationMs: number;
  memorySizeMb: number;
  maxMemoryUsedMb: number;
  /** Only on the first invocation of a cold environment. */
  initDurationMs?: number;
}

export function reportLine(f: ReportFields): string {
  let line = `REPORT RequestId: ${f.requestId}\tDuration: ${f.durationMs.toFixed(2)} ms`
    + `\tBilled Duration: ${f.billedDurationMs} ms \tMemory Size: ${f.memorySizeMb} MB`
    + `\tMax Memory Used: ${Math.round(f.maxMemoryUsedMb)} MB\t`;
  if (f.initDurationMs !== undefined) line += `Init Duration: ${f.initDurationMs.toFixed(2)} ms\t`;
  return line;
}

/** The line Lambda logs when an invocation times out. */
export const timeoutLine = (epochMs: number, requestId: string, timeoutSeconds: number): string =>
  `${new Date(epochMs).toISOString()} ${requestId} Task timed out after ${timeoutSeconds.toFixed(2)} seconds`;
