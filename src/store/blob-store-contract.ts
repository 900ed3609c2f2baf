// The behaviour suite of the BlobStore port, run against every adapter. Each test opens
// its own fresh store, since sweep deletes whatever it is not told to keep.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { NimbusError } from '../kernel/errors';
import { BlobStore } from './blob-store';

const notFound = (err: unknown): boolean => {
  assert.ok(err instanceof NimbusError, `expected a NimbusError, got ${String(err)}`);
  assert.equal(err.code, 'BLOB_NOT_FOUND');
  return true;
};

/** Ids a caller might be tricked into passing: none may name anything but a blob. */
export const hostileIds = ['../x', '..', '.', '', '/etc/passwd', '../' + 'a'.repeat(32), 'a'.repeat(32) + '/..',
  'a'.repeat(31) + '\0', 'A'.repeat(32), 'a'.repeat(33), '.tmp-' + 'a'.repeat(32), 'a\\..\\b'];

export function blobStoreContract(name: string, open: () => Promise<BlobStore>): void {
  describe(`BlobStore contract: ${name}`, () => {
    it('round-trips binary bytes, including every byte value and the empty blob', async () => {
      const store = await open();
      const all = Uint8Array.from({ length: 256 }, (_, i) => i);
      const big = randomBytes(1 << 20);
      for (const bytes of [all, new Uint8Array(0), big]) {
        const id = await store.put(bytes);
        const got = await store.get(id);
        assert.ok(Buffer.isBuffer(got));
        assert.ok(got.equals(Buffer.from(bytes)), `blob of ${bytes.length} bytes changed`);
      }
    });

    it('gives every put a new unique id, even for equal bytes', async () => {
      const store = await open();
      const bytes = Buffer.from('same');
      const ids = await Promise.all(Array.from({ length: 20 }, () => store.put(bytes)));
      assert.equal(new Set(ids).size, ids.length);
      for (const id of ids) assert.match(id, /^[0-9a-f]{32}$/);
    });

    it('has and delete; delete is idempotent', async () => {
      const store = await open();
      const id = await store.put(Buffer.from('x'));
      assert.equal(await store.has(id), true);
      await store.delete(id);
      assert.equal(await store.has(id), false);
      await assert.rejects(store.get(id), notFound);
      await store.delete(id);
    });

    it('get of an unknown id throws BLOB_NOT_FOUND', async () => {
      const store = await open();
      await assert.rejects(store.get('0'.repeat(32)), notFound);
      assert.equal(await store.has('0'.repeat(32)), false);
    });

    it('rejects malformed ids on every operation', async () => {
      const store = await open();
      await store.put(Buffer.from('bystander'));
      for (const bad of hostileIds) {
        await assert.rejects(store.get(bad), notFound, `get(${JSON.stringify(bad)})`);
        await assert.rejects(store.has(bad), notFound, `has(${JSON.stringify(bad)})`);
        await assert.rejects(store.delete(bad), notFound, `delete(${JSON.stringify(bad)})`);
      }
    });

    it('sweep deletes the blobs not kept and reports how many', async () => {
      const store = await open();
      const [a, b, c] = await Promise.all(['a', 'b', 'c'].map((s) => store.put(Buffer.from(s))));
      assert.equal(await store.sweep(new Set([a, 'not-an-id'])), 2);
      assert.equal((await store.get(a)).toString(), 'a');
      assert.equal(await store.has(b), false);
      assert.equal(await store.has(c), false);
      assert.equal(await store.sweep(new Set([a])), 0);
    });
  });
}
