// The pool with real environment processes and no API in front: cold then warm,
// retirement of an old revision, shutdown.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Channel } from '../kernel/channel';
import { FakeClock, realClock } from '../kernel/clock';
import type { FunctionVersion } from '../registry/model';
import type { LogEvent } from './output-capture';
import { Pool } from './pool';
import { ProcessExecutor } from './process-executor';

describe('pool with real processes', () => {
  let dir: string;
  let pool: Pool;
  const logs = new Channel<LogEvent>();
  const lines: string[] = [];
  logs.subscribe((e) => lines.push(e.message));
  const config = (revisionId: string): FunctionVersion => ({
    functionName: 'p', version: '$LATEST', functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:p',
    runtime: 'nodejs20.x', handler: 'index.handler', memorySize: 128, timeout: 3, environment: {}, description: '',
    codeSha256: 'x', codeSize: 1, codeDir: join(dir, 'code'), revisionId, state: 'Active', lastUpdateStatus: 'Successful',
  });
  const input = (requestId: string) => ({ requestId, payload: Buffer.from('{}'), invokedArn: 'arn:aws:lambda:us-east-1:000000000000:function:p' });

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'nimbus-pool-'));
    const code = join(dir, 'code');
    require('node:fs').mkdirSync(code);
    writeFileSync(join(code, 'index.js'), 'console.log("init"); exports.handler = async () => process.pid;');
    pool = new Pool({ executor: new ProcessExecutor(), clock: realClock, region: 'us-east-1', envRoot: join(dir, 'envs'),
      logs, watchdogMs: 50, idleTimeoutMs: 0 });
  });
  after(async () => { await pool.shutdown(); rmSync(dir, { recursive: true, force: true }); });

  it('starts cold once, then reuses the environment warm', async () => {
    const a = await pool.invoke(config('r1'), input('req-a'));
    const b = await pool.invoke(config('r1'), input('req-b'));
    assert.equal(a.start, 'cold');
    assert.ok(a.initDurationMs! > 0);
    assert.equal(b.start, 'warm');
    assert.equal(b.initDurationMs, undefined);
    assert.equal(a.payload.toString(), b.payload.toString());
    assert.ok(b.maxMemoryUsedMb > 10 && b.maxMemoryUsedMb < 128);
    assert.ok(lines.some((l) => /\tundefined\tINFO\tinit$/.test(l)), 'Init output is logged with an undefined request id');
    assert.ok(lines.includes('START RequestId: req-a Version: $LATEST'));
    assert.ok(lines.some((l) => l.startsWith('REPORT RequestId: req-a\t') && l.includes('Init Duration')));
    assert.ok(lines.some((l) => l.startsWith('REPORT RequestId: req-b\t') && !l.includes('Init Duration')));
  });

  it('retires environments of an old revision and starts the new one cold', async () => {
    const old = await pool.invoke(config('r1'), input('req-c'));
    pool.retire(config('r2').functionArn, `${config('r2').functionArn}:$LATEST:r2`);
    const fresh = await pool.invoke(config('r2'), input('req-d'));
    assert.equal(fresh.start, 'cold');
    assert.notEqual(fresh.payload.toString(), old.payload.toString());
    const states = pool.environments().map((e) => e.state);
    assert.ok(!states.includes('idle') || states.filter((s) => s === 'idle').length === 1, states.join());
  });

  it('shutdown stops every process', async () => {
    const r = await pool.invoke(config('r2'), input('req-e'));
    await pool.shutdown();
    assert.throws(() => process.kill(Number(r.payload.toString()), 0));
    assert.equal(pool.environments().length, 0);
  });
});

describe('Init limit', () => {
  it('stops an environment whose Init runs past 10 s and answers Sandbox.Timedout', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nimbus-init-'));
    const code = join(dir, 'code');
    require('node:fs').mkdirSync(code);
    writeFileSync(join(code, 'index.mjs'), 'await new Promise(() => setInterval(() => {}, 1000)); export const handler = async () => 1;');
    const clock = new FakeClock();
    const pool = new Pool({ executor: new ProcessExecutor(), clock, region: 'us-east-1', envRoot: join(dir, 'envs'),
      logs: new Channel<LogEvent>(), watchdogMs: 50, idleTimeoutMs: 0 });
    try {
      const pending = pool.invoke({
        functionName: 'slow', version: '$LATEST', functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:slow',
        runtime: 'nodejs20.x', handler: 'index.handler', memorySize: 128, timeout: 3, environment: {}, description: '',
        codeSha256: 'x', codeSize: 1, codeDir: code, revisionId: 'r', state: 'Active', lastUpdateStatus: 'Successful',
      }, { requestId: 'req-init', payload: Buffer.from('{}'), invokedArn: 'arn:aws:lambda:us-east-1:000000000000:function:slow' });
      while (!pool.environments().some((e) => e.state === 'initializing')) await new Promise((r) => setTimeout(r, 5));
      await new Promise((r) => setTimeout(r, 200)); // Init is running (and never ends)
      clock.advance(9_999);
      assert.equal(pool.environments()[0].state, 'initializing');
      clock.advance(1);
      const r = await pending;
      assert.equal(r.ok, false);
      assert.equal(r.errorType, 'Sandbox.Timedout');
      assert.deepEqual(JSON.parse(r.payload.toString()), { errorType: 'Sandbox.Timedout', errorMessage: 'RequestId: req-init Error: Init timed out after 10.00 seconds' });
    } finally {
      await pool.shutdown();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
