import type { Duplex } from 'node:stream';

// The Executor port: the seam for isolation. It starts and stops environment
// processes; a plain child process today, a sandbox (bubblewrap) where a machine has one.

export interface ProcessSpec {
  command: string;
  args: string[];
  /** The complete environment: nothing of the server's own environment leaks in. */
  env: Record<string, string>;
  cwd: string;
  /** Give the process a private socket as fd 3 (the built-in runtimes' channel). */
  channel?: boolean;
  /** Fork it from a long-lived copy of this command that has loaded its runtime (a zygote),
   * where the executor has zygotes; otherwise it is spawned as any process. */
  zygote?: boolean;
}

export interface ExitInfo { code: number | null; signal: string | null }

export interface EnvironmentProcess {
  readonly pid: number;
  /** The platform's end of the fd 3 socket, when the spec asked for one. */
  readonly channel?: Duplex;
  /** Output chunks as they arrive, in order per stream. */
  onOutput(fn: (stream: 'stdout' | 'stderr', chunk: Buffer) => void): void;
  /** Resolves once the process has exited and its output is fully read. */
  readonly exited: Promise<ExitInfo>;
  /** Kills the process and everything it started. Safe to call more than once. */
  kill(): void;
}

export interface Executor {
  /** Starts the process; resolves once it runs (a spawn that fails resolves as an exited process). */
  start(spec: ProcessSpec): Promise<EnvironmentProcess>;
}
