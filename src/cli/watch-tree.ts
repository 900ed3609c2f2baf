// Watches a project directory for changes: one non-recursive watcher per directory
// (a directory watcher sees edits, atomic rename-saves, creations and deletions of its
// entries; Node 20's recursive mode on Linux watches files and loses a file replaced by
// rename). New directories are picked up on the next change. Skips VCS, data and deps.
import { readdirSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';

const SKIP = new Set(['.git', '.nimbus', 'node_modules', '.serverless', '.aws-sam']);

export function watchTree(root: string, onChange: () => void): { close(): void } {
  const watchers = new Map<string, FSWatcher>();
  const scan = (dir: string) => {
    if (!watchers.has(dir)) {
      try {
        const w = watch(dir, () => { scan(root); onChange(); });
        w.on('error', () => { watchers.delete(dir); });
        watchers.set(dir, w);
      } catch { return; } // vanished meanwhile
    }
    let entries: import('node:fs').Dirent[];
    try { entries = readdirSync(dir, { withFileTypes: true }); } catch { return; }
    for (const e of entries) if (e.isDirectory() && !SKIP.has(e.name)) scan(join(dir, e.name));
  };
  scan(root);
  return { close: () => { for (const w of watchers.values()) w.close(); watchers.clear(); } };
}
