// The registry on both Sql adapters (SQLite and PostgreSQL) with a file BlobStore:
// create, update, publish, aliases, resolve, delete, immutable code, weighted aliases,
// and reopening from storage.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { FakeClock } from '../kernel/clock';
import { FsBlobStore } from '../store/fs/fs-blob-store';
import { openTestPostgres, openTestSqlite, type TestSql } from '../store/testing';
import type { RegistryChange } from './model';
import { Registry } from './registry';

const account = { accountId: '000000000000', region: 'us-east-1' };
const ROLE = 'arn:aws:iam::000000000000:role/lambda-role';
const zip = (files: Record<string, string>) => zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)])));
const code = (body: string) => ({ zipFile: zip({ 'index.js': body }) });
const err = (name: string, message: string) => (e: any) => e.code === name && e.message === message;

for (const [engine, open] of [['SQLite', openTestSqlite], ['PostgreSQL', openTestPostgres]] as const) {
  describe(`Registry on ${engine}`, () => {
    let db: TestSql;
    let dir: string;
    let registry: Registry;
    let clock: FakeClock;
    const changes: RegistryChange[] = [];
    const openRegistry = async (random?: () => number) => Registry.open({
      sql: db.sql, blobs: await FsBlobStore.open(join(dir, 'blobs')), codeRoot: join(dir, 'code'), account, clock, random,
    });

    before(async () => {
      db = await open();
      dir = mkdtempSync(join(tmpdir(), 'nimbus-registry-'));
      clock = new FakeClock(Date.UTC(2024, 4, 1, 12, 0, 0));
      registry = await openRegistry();
      registry.changes.subscribe((c) => changes.push(c));
    });
    after(async () => {
      await db.cleanup();
      rmSync(dir, { recursive: true, force: true });
    });

    it('creates a function whose code is extracted and resolvable at once', async () => {
      const v = await registry.createFunction({ functionName: 'hello', runtime: 'nodejs20.x', role: ROLE, handler: 'index.handler',
        code: code('exports.handler = async () => 1;'), environment: { GREETING: 'hi' } });
      assert.deepEqual([v.version, v.memorySize, v.timeout, v.state, v.lastUpdateStatus], ['$LATEST', 128, 3, 'Active', 'Successful']);
      assert.match(v.codeSha256, /^[A-Za-z0-9+/]{43}=$/);
      const r = await registry.resolve('hello');
      assert.equal(r.invokedArn, 'arn:aws:lambda:us-east-1:000000000000:function:hello');
      assert.equal(r.executedVersion, '$LATEST');
      assert.equal(readFileSync(join(r.config.codeDir, 'index.js'), 'utf8'), 'exports.handler = async () => 1;');
      assert.equal(statSync(join(r.config.codeDir, 'index.js')).mode & 0o222, 0, 'extracted code is read-only');
      assert.deepEqual(r.config.environment, { GREETING: 'hi' });
      await assert.rejects(registry.createFunction({ functionName: 'hello', runtime: 'nodejs20.x', role: ROLE, handler: 'index.handler',
        code: code('x') }), err('ResourceConflictException', 'Function already exist: hello'));
    });

    it('refuses bad packages as Lambda does', async () => {
      const base = { functionName: 'bad', runtime: 'nodejs20.x', role: ROLE, handler: 'index.handler' };
      await assert.rejects(registry.createFunction({ ...base, code: { zipFile: Buffer.from('not a zip') } }),
        err('InvalidParameterValueException', 'Could not unzip uploaded file. Please check your file, then try to upload again.'));
      await assert.rejects(registry.createFunction({ ...base, code: { zipFile: zip({ '../escape.js': 'x' }) } }),
        err('InvalidParameterValueException', 'Could not unzip uploaded file. Please check your file, then try to upload again.'));
      await assert.rejects(registry.createFunction({ ...base, code: {} }),
        err('InvalidParameterValueException', 'Please provide a source for function code.'));
      await assert.rejects(registry.createFunction({ ...base, runtime: 'java21', code: code('x') }), (e: any) => e.code === 'InvalidParameterValueException');
      await assert.rejects(registry.resolve('bad'), err('ResourceNotFoundException', 'Function not found: arn:aws:lambda:us-east-1:000000000000:function:bad'));
    });

    it('updates code and configuration with new revisions and announces each change', async () => {
      const before = (await registry.getFunction('hello')).version;
      clock.advance(1000);
      const updated = await registry.updateFunctionCode('hello', code('exports.handler = async () => 2;'));
      assert.notEqual(updated.revisionId, before.revisionId);
      assert.notEqual(updated.codeSha256, before.codeSha256);
      assert.equal(updated.lastModified, before.lastModified + 1000);
      const conf = await registry.updateFunctionConfiguration('hello', { memorySize: 256, timeout: 10, revisionId: updated.revisionId });
      assert.deepEqual([conf.memorySize, conf.timeout, conf.codeSha256], [256, 10, updated.codeSha256]);
      assert.deepEqual(conf.environment, { GREETING: 'hi' });
      await assert.rejects(registry.updateFunctionConfiguration('hello', { timeout: 5, revisionId: updated.revisionId }),
        (e: any) => e.code === 'PreconditionFailedException');
      const r = await registry.resolve('hello');
      assert.equal(readFileSync(join(r.config.codeDir, 'index.js'), 'utf8'), 'exports.handler = async () => 2;');
      assert.equal(r.config.revisionId, conf.revisionId);
      assert.deepEqual(changes.slice(-2), [{ kind: 'updated', functionName: 'hello' }, { kind: 'updated', functionName: 'hello' }]);
    });

    it('publishes versions, returns the last one when nothing changed, and checks preconditions', async () => {
      const v1 = await registry.publishVersion('hello', { description: 'first' });
      assert.deepEqual([v1.created, v1.version.version, v1.version.description], [true, '1', 'first']);
      const again = await registry.publishVersion('hello');
      assert.deepEqual([again.created, again.version.version], [false, '1']);
      await assert.rejects(registry.publishVersion('hello', { codeSha256: 'abc' }), err('InvalidParameterValueException',
        `CodeSHA256 (abc) is different from current CodeSHA256 in $LATEST (${v1.version.codeSha256}). Please try again with the CodeSHA256 in $LATEST.`));
      await assert.rejects(registry.publishVersion('hello', { revisionId: 'nope' }), (e: any) => e.code === 'PreconditionFailedException');
      await registry.updateFunctionCode('hello', code('exports.handler = async () => 3;'));
      const v2 = await registry.updateFunctionCode('hello', { ...code('exports.handler = async () => 4;'), publish: true });
      assert.equal(v2.version, '2');
      const pinned = await registry.resolve('hello', '1');
      assert.equal(readFileSync(join(pinned.config.codeDir, 'index.js'), 'utf8'), 'exports.handler = async () => 2;');
      assert.deepEqual([pinned.executedVersion, pinned.invokedArn], ['1', 'arn:aws:lambda:us-east-1:000000000000:function:hello:1']);
      assert.equal((await registry.resolve('hello:2')).config.codeSha256, v2.codeSha256);
      assert.equal((await registry.resolve('000000000000:function:hello', '2')).invokedArn, 'arn:aws:lambda:us-east-1:000000000000:function:hello:2');
      await assert.rejects(registry.resolve('hello:1', '2'), err('InvalidParameterValueException',
        'The derived qualifier from the function name does not match the specified qualifier.'));
      assert.deepEqual((await registry.listVersionsByFunction('hello')).items.map((v) => v.version), ['$LATEST', '1', '2']);
      await assert.rejects(registry.resolve('hello', '9'), err('ResourceNotFoundException', 'Function not found: arn:aws:lambda:us-east-1:000000000000:function:hello:9'));
    });

    it('creates, routes, updates and deletes aliases', async () => {
      const live = await registry.createAlias('hello', { name: 'live', functionVersion: '1', description: 'prod' });
      assert.equal(live.functionVersion, '1');
      await assert.rejects(registry.createAlias('hello', { name: 'live', functionVersion: '1' }),
        err('ResourceConflictException', 'Alias already exists: arn:aws:lambda:us-east-1:000000000000:function:hello:live'));
      await assert.rejects(registry.createAlias('hello', { name: 'x', functionVersion: '7' }),
        err('ResourceNotFoundException', 'Function not found: arn:aws:lambda:us-east-1:000000000000:function:hello:7'));
      const r = await registry.resolve('arn:aws:lambda:us-east-1:000000000000:function:hello:live');
      assert.deepEqual([r.executedVersion, r.invokedArn], ['1', 'arn:aws:lambda:us-east-1:000000000000:function:hello:live']);
      await assert.rejects(registry.resolve('hello', 'nope'), err('ResourceNotFoundException', 'Cannot find alias arn: arn:aws:lambda:us-east-1:000000000000:function:hello:nope'));
      await assert.rejects(registry.getAlias('hello', 'nope'), err('ResourceNotFoundException', 'Cannot find alias arn: arn:aws:lambda:us-east-1:000000000000:function:hello:nope'));
      await assert.rejects(registry.updateAlias('hello', { name: 'nope', functionVersion: '1' }),
        err('ResourceNotFoundException', 'Alias not found: arn:aws:lambda:us-east-1:000000000000:function:hello:nope'));
      const moved = await registry.updateAlias('hello', { name: 'live', functionVersion: '2', revisionId: live.revisionId });
      assert.notEqual(moved.revisionId, live.revisionId);
      assert.equal((await registry.resolve('hello:live')).executedVersion, '2');
      await assert.rejects(registry.deleteFunction('hello', '2'), err('ResourceConflictException',
        'Unable to delete version because the following aliases reference it: [live]'));
      await registry.deleteAlias('hello', 'live');
      await registry.deleteAlias('hello', 'live'); // deleting a missing alias succeeds
      assert.deepEqual((await registry.listAliases('hello')).items, []);
    });

    it('splits alias invocations by weight', async () => {
      let draw = 0;
      const seq = await openRegistry(() => { draw = (draw + 0.001) % 1; return draw; });
      await seq.createAlias('hello', { name: 'canary', functionVersion: '1', weights: { 2: 0.3 } });
      const counts: Record<string, number> = {};
      for (let i = 0; i < 1000; i++) {
        const v = (await seq.resolve('hello', 'canary')).executedVersion;
        counts[v] = (counts[v] ?? 0) + 1;
      }
      assert.ok(counts['2'] >= 290 && counts['2'] <= 310, JSON.stringify(counts));
      assert.equal(counts['1'] + counts['2'], 1000);
      await seq.deleteAlias('hello', 'canary');
      await registry.reload('hello');
    });

    it('keeps deployed code immutable: editing the source directory changes nothing', async () => {
      const src = join(dir, 'src');
      mkdirSync(join(src, 'lib'), { recursive: true });
      writeFileSync(join(src, 'index.js'), 'exports.handler = async () => "v1";');
      writeFileSync(join(src, 'lib', 'util.js'), 'module.exports = 1;');
      writeFileSync(join(src, 'bootstrap'), '#!/bin/sh\n');
      chmodSync(join(src, 'bootstrap'), 0o755);
      const v = await registry.deployFromDirectory({ functionName: 'local', runtime: 'nodejs20.x', handler: 'index.handler', dir: src });
      writeFileSync(join(src, 'index.js'), 'exports.handler = async () => "edited";');
      const r = await registry.resolve('local');
      assert.equal(readFileSync(join(r.config.codeDir, 'index.js'), 'utf8'), 'exports.handler = async () => "v1";');
      assert.equal(readFileSync(join(r.config.codeDir, 'lib', 'util.js'), 'utf8'), 'module.exports = 1;');
      assert.notEqual(statSync(join(r.config.codeDir, 'bootstrap')).mode & 0o111, 0, 'executables stay executable');
      writeFileSync(join(src, 'index.js'), 'exports.handler = async () => "v1";');
      const same = await registry.deployFromDirectory({ functionName: 'local', runtime: 'nodejs20.x', handler: 'index.handler', dir: src });
      assert.equal(same.revisionId, v.revisionId, 'an unchanged redeploy changes nothing');
      writeFileSync(join(src, 'index.js'), 'exports.handler = async () => "v2";');
      const next = await registry.deployFromDirectory({ functionName: 'local', runtime: 'nodejs20.x', handler: 'index.handler', dir: src,
        memorySize: 512 });
      assert.equal(next.memorySize, 512);
      assert.equal(readFileSync(join((await registry.resolve('local')).config.codeDir, 'index.js'), 'utf8'), 'exports.handler = async () => "v2";');
    });

    it('re-extracts code that went missing, and reopens from storage', async () => {
      const r = await registry.resolve('hello', '1');
      rmSync(r.config.codeDir, { recursive: true, force: true });
      const reopened = await openRegistry();
      const again = await reopened.resolve('hello', '1');
      assert.equal(readFileSync(join(again.config.codeDir, 'index.js'), 'utf8'), 'exports.handler = async () => 2;');
      assert.deepEqual(reopened.listFunctions().items.map((v) => v.functionName), ['hello', 'local']);
    });

    it('deletes versions and functions', async () => {
      await assert.rejects(registry.deleteFunction('hello', '$LATEST'), err('InvalidParameterValueException',
        '$LATEST version cannot be deleted without deleting the function.'));
      await registry.deleteFunction('hello', '1');
      await assert.rejects(registry.resolve('hello', '1'), (e: any) => e.code === 'ResourceNotFoundException');
      const codeDir = (await registry.resolve('hello')).config.codeDir;
      await registry.deleteFunction('arn:aws:lambda:us-east-1:000000000000:function:hello');
      assert.deepEqual(changes.at(-1), { kind: 'deleted', functionName: 'hello' });
      await assert.rejects(registry.resolve('hello'), err('ResourceNotFoundException', 'Function not found: arn:aws:lambda:us-east-1:000000000000:function:hello'));
      await assert.rejects(registry.deleteFunction('hello'), (e: any) => e.code === 'ResourceNotFoundException');
      assert.ok(existsSync(codeDir), 'a running environment may still use the directory until the next start');
      await openRegistry();
      assert.ok(!existsSync(codeDir), 'the next start sweeps code no version uses');
    });

    it('drops blobs nothing references at the next start', async () => {
      const blobs = await FsBlobStore.open(join(dir, 'blobs'));
      const orphan = await blobs.put(Buffer.from('a package whose function record never committed'));
      const kept = (await registry.resolve('local')).config.codeSha256;
      await openRegistry();
      await assert.rejects(blobs.get(orphan));
      assert.equal((await (await openRegistry()).resolve('local')).config.codeSha256, kept);
    });
  });
}
