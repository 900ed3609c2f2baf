// How each runtime's environment process is started. Node runs the prebuilt
// bootstrap (plain JavaScript, no TypeScript loader on the cold-start path); Python and
// custom runtimes (`provided*`) have their own command builders in src/runtimes/.
import { join } from 'node:path';
import type { FunctionVersion } from '../registry/model';
import { pythonCommand } from '../runtimes/python/command';
import { providedCommand } from '../runtimes/provided/command';

export const NODE_BOOTSTRAP = join(__dirname, '..', 'runtimes', 'node', 'bootstrap.js');

/**
 * `channel`: the runtime speaks the private pipe protocol (runtime-api/frames.ts), not HTTP.
 * `zygote`: its stem cells are forked from one long-lived copy that has loaded the runtime
 * (launcher/zygotes.ts) rather than each started anew. `stemCells: false`: this function's
 * environment must start anew (something the runtime reads only at its start differs).
 */
export interface RuntimeCommand {
  command: string; args: string[]; runtimeDir: string; channel: 'pipe' | 'http'; zygote?: boolean; stemCells?: boolean;
}

/** Whether a cold start of `cmd` may take a stem cell. */
export const usesStemCells = (cmd: RuntimeCommand): boolean => cmd.channel === 'pipe' && cmd.stemCells !== false;

export function runtimeCommand(config: FunctionVersion): RuntimeCommand {
  if (config.runtime.startsWith('nodejs')) {
    return { command: process.execPath, args: [...nodeHeapFlags(config.memorySize), NODE_BOOTSTRAP],
      runtimeDir: join(__dirname, '..', 'runtimes', 'node'), channel: 'pipe' };
  }
  if (config.runtime.startsWith('python')) return pythonCommand(config);
  if (config.runtime.startsWith('provided')) return providedCommand(config);
  throw new Error(`no runtime command for ${config.runtime}`);
}

/**
 * V8's heap flags for a memory size. Like Lambda's Node bootstrap, the old space gets 90% of
 * the function's memory. Up to 1 GiB, the young generation's semi-spaces are capped at 8 MiB
 * (V8's default grows them to 16): an environment that has run allocating code then idles at
 * 0.59x the private memory, at no measured cost to its speed (bench/runtime-flags.js, RESULTS.md).
 */
export function nodeHeapFlags(memorySize: number): string[] {
  const heapMb = Math.max(16, Math.floor(memorySize * 0.9));
  return [`--max-old-space-size=${heapMb}`, ...(memorySize <= 1024 ? ['--max-semi-space-size=8'] : [])];
}
