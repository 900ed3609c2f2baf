// The `nimbus` CLI as a user runs it: start with the example, invoke, list, logs,
// and a second server on the same data dir refused.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = join(__dirname, '..', '..', 'bin', 'nimbus.js');
const run = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 30_000 });

describe('nimbus CLI', () => {
  let dataDir: string;
  let server: ChildProcess;
  let ready: string;
  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'nimbus-cli-'));
    server = spawn(process.execPath, [BIN, 'start', '--port', '0', '--http-port', '0', '--data-dir', dataDir, '--example'],
      { stdio: ['ignore', 'pipe', 'pipe'] });
    ready = await new Promise<string>((resolve, reject) => {
      let out = '';
      server.stdout!.on('data', (c) => { out += c; const m = /nimbus ready .*\n/.exec(out); if (m) resolve(m[0]); });
      server.once('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
    });
  });
  after(async () => {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints the ready line with both endpoints', () => {
    assert.match(ready, /^nimbus ready aws=http:\/\/127\.0\.0\.1:\d+ http=http:\/\/127\.0\.0\.1:\d+\n$/);
  });

  it('invokes the example function, finding the server through the data dir', () => {
    const r = run(['invoke', 'hello', '--payload', '{"name":"ada"}', '--log', '--data-dir', dataDir]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).message, 'Hello, ada!');
    assert.match(r.stderr, /START RequestId: .*\n[\s\S]*REPORT RequestId: /);
  });

  it('finds the server through NIMBUS_ENDPOINT too', () => {
    const endpoint = /aws=(\S+)/.exec(ready)![1];
    const r = run(['invoke', 'hello'], { NIMBUS_ENDPOINT: endpoint });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).message, 'Hello, world!');
  });

  it('lists functions and prints logs', () => {
    const list = run(['functions', '--data-dir', dataDir]);
    assert.equal(list.status, 0, list.stderr);
    assert.match(list.stdout, /^NAME\s+RUNTIME/);
    assert.match(list.stdout, /\nhello\s+nodejs20\.x\s+128 MB\s+3 s/);
    const logs = run(['logs', 'hello', '--data-dir', dataDir]);
    assert.equal(logs.status, 0, logs.stderr);
    assert.match(logs.stdout, /START RequestId: /);
    assert.match(logs.stdout, /\tINFO\thello invoked with/);
  });

  it('follows new log lines with logs --follow', async () => {
    const follower = spawn(process.execPath, [BIN, 'logs', 'hello', '--follow', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let out = '';
      follower.stdout!.on('data', (c) => { out += c; });
      await new Promise((r) => setTimeout(r, 300));
      const r = run(['invoke', 'hello', '--payload', '{"name":"followed"}', '--data-dir', dataDir]);
      assert.equal(r.status, 0, r.stderr);
      const deadline = Date.now() + 5000;
      while (!out.includes('hello invoked with {"name":"followed"}') && Date.now() < deadline) await new Promise((res) => setTimeout(res, 50));
      assert.match(out, /INFO\thello invoked with \{"name":"followed"\}/);
    } finally {
      follower.kill();
    }
  });

  it('deploys a project into the running server, and names the file and line of a broken one', async () => {
    const ok = run(['deploy', join(__dirname, '..', '..', 'examples', 'http-api'), '--data-dir', dataDir]);
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, /deployed nimbus-http-api-dev: 2 function\(s\)\n[\s\S]*GET\s+http:\/\/127\.0\.0\.1:\d+\/users\/\{id\}/);
    const broken = mkdtempSync(join(tmpdir(), 'nimbus-broken-'));
    writeFileSync(join(broken, 'serverless.yml'), 'service: b\nprovider:\n  name: aws\n  runtime: nodejs20.x\nfunctions:\n  f:\n    handler: h.f\n    timeout: soon\n');
    const bad = run(['deploy', broken, '--data-dir', dataDir]);
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /serverless\.yml:8:\d+: functions\.f\.timeout: /);
    const endpoint = /aws=(\S+)/.exec(ready)![1];
    const res = await fetch(`${endpoint}/_nimbus/deploy`, { method: 'POST', body: '{oops' });
    assert.equal(res.status, 400);
    assert.deepEqual(await res.json(), { message: 'The body must be JSON' });
  });

  it('refuses malformed numeric flags, naming the flag', () => {
    for (const flag of ['--cpu-slots', '--concurrency-limit', '--idle-timeout', '--memory-budget']) {
      const r = run(['start', flag, 'lots', '--data-dir', dataDir]);
      assert.equal(r.status, 1);
      assert.match(r.stderr, new RegExp(`${flag} must be a whole number, not "lots"`));
    }
  });

  it('refuses a second server on the same data dir with a clear message', () => {
    const r = run(['start', '--port', '0', '--http-port', '0', '--data-dir', dataDir]);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /Another Nimbus server \(pid \d+\) is using the data directory/);
  });

  it('says what to do when no server runs or a function is unknown', () => {
    const none = run(['functions', '--data-dir', join(dataDir, 'nowhere')]);
    assert.equal(none.status, 1);
    assert.match(none.stderr, /No running Nimbus server found .*nimbus start/);
    const unknown = run(['invoke', 'nope', '--data-dir', dataDir]);
    assert.equal(unknown.status, 1);
    assert.match(unknown.stderr, /ResourceNotFoundException: Function not found/);
    const bad = run(['invoke', 'hello', '--payload', '{oops', '--data-dir', dataDir]);
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /--payload must be JSON/);
  });
});
