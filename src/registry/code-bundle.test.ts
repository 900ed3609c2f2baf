// Deployment packages: entry paths that climb out are refused, symlinks stay inside,
// modes survive, and zipping a directory is reproducible.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync, type ZipOptions } from 'fflate';
import { entryPath, extractedMode, openBundle, writeBundle, zipDirectory } from './code-bundle';
import { readZipEntries } from './zip-entries';

const UNIX = 3;
type Entry = [Uint8Array, ZipOptions];
const link = (target: string): Entry => [strToU8(target), { os: UNIX, attrs: 0o120777 * 0x10000 }];
const file = (body: string, mode = 0o644): Entry => [strToU8(body), { os: UNIX, attrs: (0o100000 | mode) * 0x10000 }];

describe('code bundles', () => {
  let dir: string;
  before(() => { dir = mkdtempSync(join(tmpdir(), 'nimbus-bundle-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('accepts relative entry paths only', () => {
    assert.equal(entryPath('a/b.js'), 'a/b.js');
    assert.equal(entryPath('./a//b.js'), 'a/b.js');
    for (const bad of ['../x', 'a/../../x', '/etc/passwd', 'C:/x', 'a\0b']) assert.equal(entryPath(bad), undefined, bad);
  });

  it('reads names, sizes and Unix modes from the central directory', () => {
    const entries = readZipEntries(zipSync({ 'bin/run': file('#!/bin/sh', 0o755), 'a.txt': file('hello') }))!;
    assert.deepEqual(entries.map((e) => [e.name, e.uncompressedSize, (e.mode ?? 0) & 0o777]), [['bin/run', 9, 0o755], ['a.txt', 5, 0o644]]);
    assert.equal(readZipEntries(strToU8('PK not really')), undefined);
  });

  it('extracts files with the mode in the central directory, read-only', async () => {
    const bundle = openBundle(zipSync({
      bootstrap: file('#!/bin/sh', 0o755), 'bin/owner-only': file('x', 0o700), 'data.json': file('{}', 0o644),
      'secret.txt': file('s', 0o600), 'setuid': file('x', 0o4755),
      'from-windows.exe': [strToU8('MZ'), { os: 0, attrs: 0x20 }],
    }));
    await writeBundle(bundle, join(dir, 'modes'));
    const mode = (p: string) => statSync(join(dir, 'modes', p)).mode & 0o7777;
    assert.equal(mode('bootstrap'), 0o555);
    assert.equal(mode('bin/owner-only'), 0o500);
    assert.equal(mode('data.json'), 0o444);
    assert.equal(mode('secret.txt'), 0o400);
    assert.equal(mode('setuid'), 0o555);
    assert.equal(mode('from-windows.exe'), 0o444); // no Unix mode stored: nothing is executable
    assert.equal(extractedMode(undefined), 0o444);
    assert.equal(extractedMode(0o100000), 0o400); // a mode of no permissions stays readable to its owner
  });

  it('keeps symlinks that stay inside and refuses ones that escape', async () => {
    const inside = openBundle(zipSync({ 'lib/real.js': file('1'), 'alias.js': link('lib/real.js') }));
    await writeBundle(inside, join(dir, 'inside'));
    assert.equal(readlinkSync(join(dir, 'inside', 'alias.js')), 'lib/real.js');
    assert.equal(readFileSync(join(dir, 'inside', 'alias.js'), 'utf8'), '1');
    const escaping = openBundle(zipSync({ 'evil.js': link('../../etc/passwd') }));
    await assert.rejects(writeBundle(escaping, join(dir, 'escaping')), (e: any) => e.code === 'InvalidParameterValueException');
    assert.throws(() => statSync(join(dir, 'escaping')));
  });

  it('zips a directory reproducibly, keeping executable bits', async () => {
    const src = join(dir, 'src');
    mkdirSync(src);
    writeFileSync(join(src, 'index.js'), 'x');
    writeFileSync(join(src, 'bootstrap'), '#!/bin/sh', { mode: 0o755 });
    const a = await zipDirectory(src);
    const b = await zipDirectory(src);
    assert.deepEqual(a, b);
    const modes = Object.fromEntries(readZipEntries(a)!.map((e) => [e.name, (e.mode ?? 0) & 0o111]));
    assert.deepEqual([modes.bootstrap !== 0, modes['index.js']], [true, 0]);
  });
});
