// Executor adapter: each environment is a plain OS process in its own process group,
// so a kill takes down whatever the function's code spawned too.
import { spawn } from 'node:child_process';
import type { Duplex } from 'node:stream';
import type { EnvironmentProcess, ExitInfo, Executor, ProcessSpec } from './executor';

export class ProcessExecutor implements Executor {
  start(spec: ProcessSpec): Promise<EnvironmentProcess> {
    return Promise.resolve(this.spawn(spec));
  }

  private spawn(spec: ProcessSpec): EnvironmentProcess {
    const child = spawn(spec.command, spec.args, {
      env: spec.env,
      cwd: spec.cwd,
      stdio: spec.channel ? ['ignore', 'pipe', 'pipe', 'pipe'] : ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    if (child.pid === undefined) {
      // spawn reports ENOENT and the like asynchronously; surface it as an exit.
      child.on('error', () => {});
    }
    const listeners: ((stream: 'stdout' | 'stderr', chunk: Buffer) => void)[] = [];
    child.stdout!.on('data', (c: Buffer) => { for (const l of listeners) l('stdout', c); });
    child.stderr!.on('data', (c: Buffer) => { for (const l of listeners) l('stderr', c); });
    const exited = new Promise<ExitInfo>((resolve) => {
      child.once('error', (err) => resolve({ code: null, signal: `spawn error: ${err.message}` }));
      child.once('close', (code, signal) => resolve({ code, signal }));
    });
    let killed = false;
    const pid = child.pid ?? -1;
    const channel = spec.channel ? (child.stdio[3] as Duplex) : undefined;
    return {
      pid,
      channel,
      onOutput: (fn) => { listeners.push(fn); },
      exited,
      kill() {
        if (killed || pid < 0) return;
        killed = true;
        try { process.kill(-pid, 'SIGKILL'); } catch { try { child.kill('SIGKILL'); } catch { /* already gone */ } }
      },
    };
  }
}

