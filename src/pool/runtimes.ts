// How each runtime's environment process is started. Node runs the prebuilt
// bootstrap (plain JavaScript, no TypeScript loader on the cold-start path); Python and
// custom runtimes (`provided*`) have their own command builders in src/runtimes/.
import { join } from 'node:path';
import type { FunctionVersion } from '../registry/model';
import { pythonCommand } from '../runtimes/python/command';
import { providedCommand } from '../runtimes/provided/command';

export const NODE_BOOTSTRAP = join(__dirname, '..', 'runtimes', 'node', 'bootstrap.js');

/** `channel`: the runtime speaks the private pipe protocol (runtime-api/frames.ts), not HTTP. */
export interface RuntimeCommand { command: string; args: string[]; runtimeDir: string; channel: 'pipe' | 'http' }

export function runtimeCommand(config: FunctionVersion): RuntimeCommand {
  if (config.runtime.startsWith('nodejs')) {
    // Like Lambda's Node bootstrap: the heap gets 90% of the function's memory.
    const heapMb = Math.max(16, Math.floor(config.memorySize * 0.9));
    return { command: process.execPath, args: [`--max-old-space-size=${heapMb}`, NODE_BOOTSTRAP],
      runtimeDir: join(__dirname, '..', 'runtimes', 'node'), channel: 'pipe' };
  }
  if (config.runtime.startsWith('python')) return pythonCommand(config);
  if (config.runtime.startsWith('provided')) return providedCommand(config);
  throw new Error(`no runtime command for ${config.runtime}`);
}
