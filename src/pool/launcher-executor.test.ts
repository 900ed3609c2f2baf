// The launcher executor delivers everything a process writes, including what it wrote before
// its owner started listening (a fast runtime's first lines), in order per stream.
import assert from 'node:assert/strict';
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
});
