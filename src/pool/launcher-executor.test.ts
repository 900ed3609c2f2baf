// The launcher executor delivers everything a process writes, including what it wrote before
// its owner started listening (a fast runtime's first lines), in order per stream.
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { LauncherExecutor } from './launcher-executor';

describe('LauncherExecutor', () => {
  const executor = new LauncherExecutor();
  after(() => executor.shutdown());

  it('keeps output written before the owner listens', async () => {
    for (let i = 0; i < 3; i++) {
      const p = await executor.start({ command: '/bin/sh', args: ['-c', 'echo out1; echo err1 >&2; sleep 0.2; echo out2'],
        env: {}, cwd: '/tmp' });
      await new Promise((r) => setTimeout(r, 50)); // the first lines are written by now
      const seen: Record<string, string> = { stdout: '', stderr: '' };
      p.onOutput((stream, chunk) => { seen[stream] += chunk.toString(); });
      const exit = await p.exited;
      assert.equal(exit.code, 0);
      assert.deepEqual(seen, { stdout: 'out1\nout2\n', stderr: 'err1\n' });
    }
  });

  it('answers a command that cannot be spawned with a spawn error exit', async () => {
    const p = await executor.start({ command: '/nonexistent/bootstrap', args: [], env: {}, cwd: '/tmp' });
    const exit = await p.exited;
    assert.match(String(exit.signal), /spawn error/);
  });

  it('closes the sockets of a spawn the launcher died in the middle of, so the process ends', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nimbus-launcher-'));
    const own = new LauncherExecutor();
    try {
      const pidFile = join(dir, 'pid');
      // Writes its pid, then lives exactly as long as its channel (fd 3) is open, as a runtime does.
      const child = `require('fs').writeFileSync(process.env.PID_FILE, String(process.pid));
        const s = new (require('net').Socket)({ fd: 3 }); s.on('close', () => process.exit(0)); s.on('error', () => process.exit(0)); s.resume();`;
      // The launcher dies after the channel's socket reached us and before its "spawned" did: that
      // message is held back here (it can otherwise arrive before the kill does), then it is killed.
      const internals = own as unknown as { onMessage(m: { type: string; name?: string }, h?: unknown): void; launcher: ChildProcess };
      const deliver = internals.onMessage.bind(own);
      internals.onMessage = (m, h) => {
        if (m.type === 'spawned') return internals.launcher?.kill('SIGKILL');
        deliver(m, h);
      };
      const p = await own.start({ command: process.execPath, args: ['-e', child], env: { PID_FILE: pidFile }, cwd: dir, channel: true });
      assert.equal(p.pid, -1, 'the spawn failed');
      let pid = 0;
      for (const end = Date.now() + 5000; Date.now() < end; await new Promise((r) => setTimeout(r, 20))) {
        try { pid = Number(readFileSync(pidFile, 'utf8')); } catch { continue; }
        try { process.kill(pid, 0); } catch { break; } // gone
      }
      assert.ok(pid > 0, 'the process was started');
      assert.throws(() => process.kill(pid, 0), 'the process ended once its channel closed');
    } finally {
      own.shutdown();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
