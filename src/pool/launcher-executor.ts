// Executor adapter that spawns through the launcher process (launcher/launcher.ts), so the
// server's event loop never pays for a fork. Each environment is still a plain OS process in
// its own process group; its pipes come back over IPC and are read here as if spawned here.
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { Socket } from 'node:net';
import type { EnvironmentProcess, ExitInfo, Executor, ProcessSpec } from './executor';

const LAUNCHER = join(__dirname, 'launcher', 'launcher.js');

type Stream = 'stdout' | 'stderr' | 'channel';

interface Launch {
  spec: ProcessSpec;
  streams: Partial<Record<Stream, Socket>>;
  resolve: (p: EnvironmentProcess) => void;
  exit?: (info: ExitInfo) => void;
}

type LauncherMessage =
  | { type: 'stream'; id: number; name: Stream }
  | { type: 'spawned'; id: number; pid: number }
  | { type: 'error'; id: number; message: string }
  | { type: 'exit'; id: number; code: number | null; signal: string | null };

export class LauncherExecutor implements Executor {
  private launcher?: ChildProcess;
  private launches = new Map<number, Launch>();
  private nextId = 1;
  /** Whether the launcher's channel keeps the server alive: while a spawn is unanswered or a
   * started process has not reported its exit (shutdown waits for those exits). */
  private held = false;

  start(spec: ProcessSpec): Promise<EnvironmentProcess> {
    const id = this.nextId++;
    const launcher = this.process();
    return new Promise<EnvironmentProcess>((resolve) => {
      this.launches.set(id, { spec, streams: {}, resolve });
      this.hold();
      launcher.send({ type: 'spawn', id, spec });
    });
  }

  /** Stops the launcher (the environments it started are killed by their owners). */
  shutdown(): void {
    this.launcher?.kill();
    this.launcher = undefined;
  }

  private process(): ChildProcess {
    if (this.launcher?.connected) return this.launcher;
    // No stdio of the server's: a launcher that outlived it must not hold its output pipes open.
    const child = fork(LAUNCHER, [], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'], serialization: 'json',
      env: { PATH: process.env.PATH ?? '' } });
    child.on('message', (m: LauncherMessage, handle?: Socket) => this.onMessage(m, handle));
    child.on('exit', () => {
      if (this.launcher === child) {
        this.launcher = undefined;
        this.held = false;
      }
      // Spawns it never answered fail; the processes it did start report no exit any more. A
      // spawn it died in the middle of may have sent some of its sockets already: they are
      // closed, or they would keep this process alive, and the process (a runtime exits when its
      // channel closes) with it.
      for (const [id, l] of this.launches) {
        if (!l.exit) {
          for (const s of Object.values(l.streams)) s?.destroy();
          l.resolve(failed(`the launcher exited`));
        } else l.exit({ code: null, signal: 'launcher exited' });
        this.launches.delete(id);
      }
    });
    child.unref();
    channelOf(child)?.unref();
    this.launcher = child;
    return child;
  }

  private hold(): void {
    const want = this.launches.size > 0;
    if (want === this.held || !this.launcher) return;
    this.held = want;
    if (want) channelOf(this.launcher)?.ref();
    else channelOf(this.launcher)?.unref();
  }

  private onMessage(m: LauncherMessage, handle?: Socket): void {
    const l = this.launches.get(m.id);
    if (!l) {
      handle?.destroy();
      return;
    }
    if (m.type === 'stream') {
      if (handle) l.streams[m.name] = handle;
    } else if (m.type === 'error') {
      this.launches.delete(m.id);
      this.hold();
      l.resolve(failed(m.message));
    } else if (m.type === 'spawned') {
      l.resolve(this.launched(m.pid, l));
    } else {
      this.launches.delete(m.id);
      this.hold();
      l.exit?.({ code: m.code, signal: m.signal });
    }
  }

  private launched(pid: number, l: Launch): EnvironmentProcess {
    const { stdout, stderr, channel } = l.streams;
    const listeners: ((stream: 'stdout' | 'stderr', chunk: Buffer) => void)[] = [];
    // Output the process wrote before its owner listens (a fast runtime's first lines) waits here.
    let early: [stream: 'stdout' | 'stderr', chunk: Buffer][] | undefined = [];
    const deliver = (stream: 'stdout' | 'stderr', c: Buffer) => {
      if (early) early.push([stream, c]);
      else for (const fn of listeners) fn(stream, c);
    };
    stdout?.on('data', (c: Buffer) => deliver('stdout', c));
    stderr?.on('data', (c: Buffer) => deliver('stderr', c));
    const closed = (s?: Socket) => new Promise<void>((r) => (s ? s.once('close', () => r()) : r()));
    const streamsDone = Promise.all([closed(stdout), closed(stderr)]);
    const exit = new Promise<ExitInfo>((r) => { l.exit = r; });
    let killed = false;
    return {
      pid,
      channel,
      onOutput: (fn) => {
        listeners.push(fn);
        const waiting = early;
        early = undefined;
        for (const [stream, c] of waiting ?? []) fn(stream, c);
      },
      exited: Promise.all([exit, streamsDone]).then(([info]) => info),
      kill() {
        if (killed) return;
        killed = true;
        try { process.kill(-pid, 'SIGKILL'); } catch { try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ } }
      },
    };
  }
}

function channelOf(child: ChildProcess): { ref(): void; unref(): void } | undefined {
  return (child as unknown as { channel?: { ref(): void; unref(): void } }).channel;
}

function failed(message: string): EnvironmentProcess {
  return { pid: -1, onOutput: () => {}, exited: Promise.resolve({ code: null, signal: `spawn error: ${message}` }), kill: () => {} };
}
