// The data directory: holds the database, blobs, extracted code and environments'
// scratch space, and `server.json`, which says where the running server listens. One
// server at a time: a lock file with the owner's pid; a stale lock (dead pid) is taken over.
import { mkdirSync, openSync, readFileSync, rmSync, writeFileSync, closeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { NimbusError } from './kernel/errors';

export interface DataDir {
  root: string;
  file(name: string): string;
  writeServerInfo(info: Record<string, unknown>): void;
  release(): void;
}

export function lockDataDir(dir: string): DataDir {
  const root = resolve(dir);
  mkdirSync(root, { recursive: true });
  const lock = join(root, 'server.lock');
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(lock, 'wx');
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw lockError(root, lock, err);
      const owner = Number(readFileSync(lock, 'utf8'));
      if (owner && alive(owner)) {
        throw new NimbusError('DATA_DIR_LOCKED',
          `Another Nimbus server (pid ${owner}) is using the data directory ${root}. Stop it, or start with another --data-dir.`);
      }
      rmSync(lock, { force: true }); // stale: its server died without cleaning up
    }
  }
  const serverJson = join(root, 'server.json');
  return {
    root,
    file: (name) => join(root, name),
    writeServerInfo: (info) => writeFileSync(serverJson, JSON.stringify(info, null, 2) + '\n'),
    release() {
      rmSync(serverJson, { force: true });
      rmSync(lock, { force: true });
    },
  };
}

function alive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch (e) { return (e as NodeJS.ErrnoException).code === 'EPERM'; }
}

function lockError(root: string, lock: string, err: unknown): NimbusError {
  if (err instanceof NimbusError) return err;
  return new NimbusError('DATA_DIR_LOCKED', `Could not lock the data directory ${root} (${lock}): ${(err as Error).message}`);
}
