// What Nimbus accepted survives a kill -9 of its process: functions and versions are
// there after a restart on the same data dir (the stale lock is taken over), and the
// killed server's environment processes do not outlive it.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvokeCommand, LambdaClient, PublishVersionCommand } from '@aws-sdk/client-lambda';
import { createFunction, eventually, json } from './harness';

const BIN = join(__dirname, '..', '..', 'bin', 'nimbus.js');

async function startServer(dataDir: string): Promise<{ proc: ChildProcess; lambda: LambdaClient }> {
  const proc = spawn(process.execPath, [BIN, 'start', '--port', '0', '--http-port', '0', '--data-dir', dataDir],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  const endpoint = await new Promise<string>((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (c) => { out += c; const m = /nimbus ready aws=(\S+)/.exec(out); if (m) resolve(m[1]); });
    proc.once('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
  const lambda = new LambdaClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 1 });
  return { proc, lambda };
}

const alive = (pid: number) => { try { process.kill(pid, 0); return true; } catch { return false; } };

describe('kill -9 of the server', () => {
  it('keeps functions and versions, and takes its environments down with it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'nimbus-kill-'));
    try {
      const first = await startServer(dataDir);
      await createFunction(first.lambda, 'kept', { 'index.js': 'exports.handler = async () => ({ pid: process.pid });' });
      await first.lambda.send(new PublishVersionCommand({ FunctionName: 'kept' }));
      const { pid } = json((await first.lambda.send(new InvokeCommand({ FunctionName: 'kept' }))).Payload);
      assert.ok(alive(pid));
      first.proc.kill('SIGKILL');
      await new Promise((r) => first.proc.once('exit', r));
      first.lambda.destroy();
      await eventually(() => !alive(pid), 5000);

      const second = await startServer(dataDir);
      try {
        const r = await second.lambda.send(new InvokeCommand({ FunctionName: 'kept', Qualifier: '1' }));
        assert.equal(r.FunctionError, undefined);
        assert.equal(r.ExecutedVersion, '1');
      } finally {
        second.lambda.destroy();
        second.proc.kill('SIGTERM');
        await new Promise((r) => second.proc.once('exit', r));
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
