// `nimbus dev`: deploys a project, prints its endpoints, and serves an edit (saved by
// atomic rename, as editors do) on a following request with a cold start.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from './harness';

const BIN = join(__dirname, '..', '..', 'bin', 'nimbus.js');

describe('nimbus dev', () => {
  let proc: ChildProcess;
  let out = '';
  let project: string;
  let dataDir: string;
  before(async () => {
    project = mkdtempSync(join(tmpdir(), 'nimbus-dev-'));
    dataDir = mkdtempSync(join(tmpdir(), 'nimbus-dev-data-'));
    cpSync(join(__dirname, '..', '..', 'examples', 'http-api'), project, { recursive: true });
    proc = spawn(process.execPath, [BIN, 'dev', project, '--port', '0', '--http-port', '0', '--data-dir', dataDir],
      { stdio: ['ignore', 'pipe', 'pipe'] });
    proc.stdout!.on('data', (c) => { out += c; });
    await eventually(() => out.includes('watching '), 15_000);
  });
  after(async () => {
    proc.kill('SIGTERM');
    await new Promise((r) => proc.once('exit', r));
    rmSync(project, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints every endpoint with its URL', () => {
    assert.match(out, /GET\s+http:\/\/127\.0\.0\.1:\d+\/users\/\{id\}\s+→ nimbus-http-api-dev-user/);
  });

  it('serves an edited handler on a following request', async () => {
    const http = /http=(\S+)/.exec(out)![1];
    assert.deepEqual(await (await fetch(`${http}/users/1`)).json(), { id: '1', query: {} });
    const file = join(project, 'users.js');
    const edited = readFileSync(file, 'utf8').replace('id: event.pathParameters.id', 'id: event.pathParameters.id, v: 2');
    writeFileSync(`${file}.tmp`, edited);
    renameSync(`${file}.tmp`, file);
    const body = await eventually(async () => {
      const b = await (await fetch(`${http}/users/1`)).json() as { v?: number };
      return b.v === 2 ? b : undefined;
    }, 5000);
    assert.deepEqual(body, { id: '1', v: 2, query: {} });
  });

  it('keeps watching after a broken save and says where the file is wrong', async () => {
    const yml = join(project, 'serverless.yml');
    const good = readFileSync(yml, 'utf8');
    writeFileSync(yml, good.replace('runtime: nodejs20.x', 'runtime: [oops'));
    await eventually(() => /nimbus: serverless\.yml:\d+:\d+/.test(out), 5000);
    writeFileSync(yml, good);
    const deploys = out.split('deployed nimbus-http-api-dev').length;
    await eventually(() => out.split('deployed nimbus-http-api-dev').length > deploys, 5000);
  });
});
