// Zygotes, in the launcher: one long-lived process per runtime command that has loaded its
// runtime once and forks a process per request (today the Python runtime's
// nimbus_ric/zygote.py). It is spawned with a Node IPC channel as fd 3; per fork it answers
// with the same messages the launcher sends the server for a spawn (stream stdout, stderr and
// channel, each with its socket as a handle; spawned {pid}; exit {code, signal}), so they are
// passed on as they come. A forked process is in its own process group, like a spawned one.
import { spawn, type ChildProcess } from 'node:child_process';
import type { Socket } from 'node:net';

export interface ForkSpec { command: string; args: string[]; env: Record<string, string>; cwd: string }

type ZygoteMessage =
  | { type: 'stream'; id: number; name: string }
  | { type: 'spawned'; id: number; pid: number }
  | { type: 'exit'; id: number; code: number | null; signal: string | null };

interface Zygote { proc: ChildProcess; waiting: Set<number>; forked: Map<number, number> }

export class Zygotes {
  private byKey = new Map<string, Zygote>();

  /** `send` passes a message (and its handle) on to the server; `holdReads` keeps a handle unread. */
  constructor(private readonly send: (m: object, handle?: Socket) => void,
    private readonly holdReads: (s: Socket | null) => void) {}

  /** Forks a process of `spec` for the server's launch `id`; its streams and exit go to the server. */
  fork(id: number, spec: ForkSpec): void {
    const z = this.zygote(spec);
    if (!z?.proc.connected) return this.send({ type: 'error', id, message: 'the zygote could not be started' });
    z.waiting.add(id);
    z.proc.send({ type: 'fork', id });
  }

  private zygote(spec: ForkSpec): Zygote | undefined {
    const key = JSON.stringify([spec.command, spec.args, spec.cwd, spec.env]);
    const known = this.byKey.get(key);
    if (known) return known;
    let proc: ChildProcess;
    try {
      proc = spawn(spec.command, spec.args, { env: { ...spec.env, _NIMBUS_ZYGOTE: '1' }, cwd: spec.cwd,
        stdio: ['ignore', 'ignore', 'ignore', 'ipc'], serialization: 'json' });
    } catch {
      return undefined;
    }
    const z: Zygote = { proc, waiting: new Set(), forked: new Map() };
    this.byKey.set(key, z);
    proc.on('message', (m: ZygoteMessage, handle?: Socket) => this.onMessage(z, m, handle));
    const gone = () => this.gone(key, z);
    proc.on('error', gone);
    proc.once('exit', gone);
    return z;
  }

  private onMessage(z: Zygote, m: ZygoteMessage, handle?: Socket): void {
    if (handle) this.holdReads(handle); // read by the server only: nothing may be read here
    if (m.type === 'spawned') {
      z.waiting.delete(m.id);
      z.forked.set(m.id, m.pid);
    } else if (m.type === 'exit') {
      z.forked.delete(m.id);
    }
    this.send(m, handle);
  }

  /** The zygote ended: forks it never answered fail, and the processes it forked (whose exits
   * nobody can report any more) are killed and reported ended. */
  private gone(key: string, z: Zygote): void {
    if (this.byKey.get(key) !== z) return;
    this.byKey.delete(key);
    for (const id of z.waiting) this.send({ type: 'error', id, message: 'the zygote exited' });
    for (const [id, pid] of z.forked) {
      try { process.kill(-pid, 'SIGKILL'); } catch { /* already gone */ }
      this.send({ type: 'exit', id, code: null, signal: 'zygote exited' });
    }
    z.waiting.clear();
    z.forked.clear();
  }
}
