// Runs the BlobStore contract on FsBlobStore (a temp directory per test), plus what only
// the filesystem has: hostile ids cannot touch files outside, and crashed puts' temp
// files are swept.
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { blobStoreContract } from '../blob-store-contract';
import { FsBlobStore } from './fs-blob-store';

const roots: string[] = [];
async function freshRoot(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'nimbus-blobs-'));
  roots.push(root);
  return root;
}
after(async () => {
  for (const r of roots) await rm(r, { recursive: true, force: true });
});

blobStoreContract('fs', async () => FsBlobStore.open(join(await freshRoot(), 'blobs')));

describe('FsBlobStore', () => {
  it('never touches a file outside its directory through a hostile id', async () => {
    const root = await freshRoot();
    const store = await FsBlobStore.open(join(root, 'blobs'));
    const victim = join(root, 'victim');
    await writeFile(victim, 'keep me');
    await assert.rejects(store.delete('../victim'));
    await assert.rejects(store.get('../victim'));
    assert.deepEqual((await readdir(root)).sort(), ['blobs', 'victim']);
  });

  it('sweep removes stale temp files, keeps fresh ones and foreign files', async () => {
    const root = await freshRoot();
    const dir = join(root, 'blobs');
    const store = await FsBlobStore.open(dir);
    const id = await store.put(Buffer.from('kept'));
    const stale = join(dir, '.tmp-' + 'a'.repeat(32));
    await writeFile(stale, 'half a blob');
    const old = new Date(Date.now() - 3600_000);
    await utimes(stale, old, old);
    await writeFile(join(dir, '.tmp-' + 'b'.repeat(32)), 'a put in progress');
    await writeFile(join(dir, 'README'), 'not a blob');
    assert.equal(await store.sweep(new Set([id])), 0);
    assert.deepEqual((await readdir(dir)).sort(), ['.tmp-' + 'b'.repeat(32), 'README', id].sort());
  });

  it('leaves no temp file behind after puts', async () => {
    const dir = join(await freshRoot(), 'blobs');
    const store = await FsBlobStore.open(dir);
    const ids = await Promise.all([1, 2, 3].map((n) => store.put(Buffer.alloc(n))));
    assert.deepEqual((await readdir(dir)).sort(), ids.sort());
  });
});
