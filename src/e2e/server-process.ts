// A Nimbus run as users run it, through the CLI in a process of its own, for the tests that
// kill it: start on a data dir (ports 0, server.json read back), the process tree under it,
// and a stop that reports a server that will not exit.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const BIN = join(__dirname, '..', '..', 'bin', 'nimbus.js');

export interface ServerProcess { proc: ChildProcess; aws: string }

export async function startServerProcess(dataDir: string, logFile: string): Promise<ServerProcess> {
  const log = openSync(logFile, 'a');
  const proc = spawn(process.execPath, [BIN, 'start', '--port', '0', '--http-port', '0', '--data-dir', dataDir],
    { stdio: ['ignore', 'pipe', log] });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (c) => { out += c; if (out.includes('nimbus ready')) resolve(); });
    proc.once('exit', (code) => reject(new Error(`server exited ${code}; see ${logFile}`)));
  });
  const info = JSON.parse(readFileSync(join(dataDir, 'server.json'), 'utf8')) as { pid: number; aws: string };
  assert.equal(info.pid, proc.pid, 'server.json is the new server\'s');
  return { proc, aws: info.aws };
}

/** The pids of every process descended from `root` (the launcher, environments, zygotes), from /proc. */
export function descendants(root: number): number[] {
  const parent = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parent.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch { /* gone meanwhile */ }
  }
  const out: number[] = [];
  const walk = (pid: number) => {
    for (const [child, ppid] of parent) if (ppid === pid) { out.push(child); walk(child); }
  };
  walk(root);
  return out;
}

export const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');
  } catch { return false; }
};

/** SIGTERM, then SIGKILL after `ms`; resolves whether it had to kill (a server that did not stop). */
export async function stopServerProcess(s: ServerProcess, ms = 20_000): Promise<boolean> {
  if (s.proc.exitCode !== null || s.proc.signalCode !== null) return false;
  let hung = false;
  const exited = new Promise((r) => s.proc.once('exit', r));
  s.proc.kill('SIGTERM');
  const timer = setTimeout(() => { hung = true; s.proc.kill('SIGKILL'); }, ms);
  await exited;
  clearTimeout(timer);
  return hung;
}
