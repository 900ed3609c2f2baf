// The launcher process: spawns execution environments for the server, which hands it the
// spec over IPC and gets back the child's pipes (as handles), its pid and its exit. Why a
// process of its own: fork() copies the page tables of the process that calls it, so on
// some virtual machines each spawn from the server stalled the server's event loop for
// 50-80 ms (measured); this process is small and has nothing else to do.
// Plain node: builtins only; started by launcher-executor.ts with an IPC channel. A spec with
// `zygote` is forked from the command's zygote instead (zygotes.ts), answered the same way.
import { spawn } from 'node:child_process';
import type { Socket } from 'node:net';
import { Zygotes } from './zygotes';

interface SpawnMessage {
  type: 'spawn';
  id: number;
  spec: { command: string; args: string[]; env: Record<string, string>; cwd: string; channel?: boolean; zygote?: boolean };
}

const send = (message: object, handle?: Socket): void => {
  if (process.connected) process.send!(message, handle as never);
};

process.on('message', (m: SpawnMessage) => {
  if (m?.type !== 'spawn') return;
  const { id, spec } = m;
  if (spec.zygote && spec.channel) return zygotes.fork(id, spec);
  let child;
  try {
    child = spawn(spec.command, spec.args, { env: spec.env, cwd: spec.cwd, detached: true,
      stdio: spec.channel ? ['ignore', 'pipe', 'pipe', 'pipe'] : ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    send({ type: 'error', id, message: (err as Error).message });
    return;
  }
  child.once('error', (err) => send({ type: 'error', id, message: err.message }));
  if (child.pid === undefined) return; // the error event follows
  // Node starts reading a child's pipes at once; nothing may be read here, or it would be
  // lost with the handle: stop reading before the handles go to the server.
  for (const s of [child.stdout, child.stderr, child.stdio[3]]) holdReads(s as Socket | null);
  send({ type: 'stream', id, name: 'stdout' }, child.stdout as Socket);
  send({ type: 'stream', id, name: 'stderr' }, child.stderr as Socket);
  if (spec.channel) send({ type: 'stream', id, name: 'channel' }, child.stdio[3] as Socket);
  send({ type: 'spawned', id, pid: child.pid });
  child.once('exit', (code, signal) => send({ type: 'exit', id, code, signal }));
});

const zygotes = new Zygotes(send, holdReads);

function holdReads(s: Socket | null): void {
  const handle = (s as unknown as { _handle?: { reading?: boolean; readStop?: () => number } } | null)?._handle;
  if (handle?.readStop) {
    handle.reading = false;
    handle.readStop();
  }
}

// The server is gone: nothing left to do (its environments end when their channels close).
// Besides the IPC channel's end, a change of parent says so too (re-parented after a kill -9).
const parent = process.ppid;
process.on('disconnect', () => process.exit(0));
setInterval(() => { if (process.ppid !== parent) process.exit(0); }, 1000).unref();
