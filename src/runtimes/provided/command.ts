// How a custom runtime (provided, provided.al2, provided.al2023) environment is started: its
// `bootstrap` executable, run in the code directory with the Lambda environment, speaking the
// HTTP Runtime API (AWS_LAMBDA_RUNTIME_API). A bootstrap Lambda could not start is reported
// as Lambda reports it, an Init error on the invoke (entrypoint.ts decides which), by a
// stand-in process that posts it to /runtime/init/error.
import { accessSync, closeSync, constants, openSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { FunctionVersion } from '../../registry/model';
import { layerBootstrap } from '../../pool/lambda-env';
import type { RuntimeCommand } from '../../pool/runtimes';
import { bootstrapCandidates, chooseEntrypoint, type BootstrapProbe, type FileKind } from './entrypoint';

/** LAMBDA_RUNTIME_DIR for custom runtimes: nothing of Nimbus's is needed in there. */
const RUNTIME_DIR = __dirname;
const REPORTER = join(__dirname, 'report-init-error.js');

export function providedCommand(config: FunctionVersion): RuntimeCommand {
  // Like Lambda: the task root's bootstrap, else the one the function's layers put in /opt.
  const entry = chooseEntrypoint(bootstrapCandidates(config.codeDir, layerBootstrap(config)), fileProbe);
  if (entry.ok) return { command: entry.path, args: [], runtimeDir: RUNTIME_DIR, channel: 'http' };
  return { command: process.execPath, args: [REPORTER, entry.errorType, entry.errorMessage], runtimeDir: RUNTIME_DIR,
    channel: 'http' };
}

/** The real file system, read synchronously (a stat, and 256 bytes of the bootstrap). */
export const fileProbe: BootstrapProbe = {
  kind(path: string): FileKind {
    try {
      if (statSync(path).isDirectory()) return 'directory';
    } catch {
      return 'missing'; // a dangling symlink counts as missing too, as for Lambda's stat
    }
    try {
      accessSync(path, constants.X_OK);
      return 'executable';
    } catch {
      return 'not-executable';
    }
  },
  head(path: string): string {
    let fd: number | undefined;
    try {
      fd = openSync(path, 'r');
      const buf = Buffer.alloc(256);
      return buf.subarray(0, readSync(fd, buf, 0, buf.length, 0)).toString('latin1');
    } catch {
      return ''; // executable but unreadable (mode 0111): the exec itself decides
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  },
};
