// The BlobStore port on the local filesystem (the default): one file per blob, named by
// its id (32 random hex chars), in one directory. A put is durable before it resolves:
// bytes go to a temp file, which is fsynced, renamed into place, and the directory is
// fsynced so the new name survives a crash. Readers therefore never see partial blobs.
import { mkdir, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { NimbusError } from '../../kernel/errors';
import { hexId } from '../../kernel/ids';
import { BlobStore } from '../blob-store';

const ID = /^[0-9a-f]{32}$/;
const TMP_PREFIX = '.tmp-';
/** A temp file older than this belongs to a put that crashed (puts take milliseconds). */
const STALE_TMP_MS = 60_000;

const codeOf = (e: unknown): unknown => (e as { code?: unknown }).code;
const failed = (what: string, e: unknown): NimbusError =>
  new NimbusError('STORE_FAILED', `blob store: ${what}: ${(e as Error).message}`, { cause: e });

export class FsBlobStore implements BlobStore {
  /** Temp files of this instance's puts still in progress: sweep leaves them alone. */
  private readonly writing = new Set<string>();

  private constructor(readonly dir: string) {}

  /** Opens the store, creating the directory if missing. */
  static async open(dir: string): Promise<FsBlobStore> {
    const abs = resolve(dir);
    await mkdir(abs, { recursive: true }).catch((e) => Promise.reject(failed(`cannot create ${abs}`, e)));
    return new FsBlobStore(abs);
  }

  /**
   * Ids are validated on every call so a hostile id ("../x", "/etc/passwd") can never
   * name a path outside the directory. An invalid id names no blob: BLOB_NOT_FOUND.
   */
  private path(id: string): string {
    if (typeof id !== 'string' || !ID.test(id)) {
      throw new NimbusError('BLOB_NOT_FOUND', `invalid blob id: ${JSON.stringify(id)}`, { id, invalid: true });
    }
    return join(this.dir, id);
  }

  async put(bytes: Uint8Array): Promise<string> {
    const id = hexId(16);
    const tmp = join(this.dir, TMP_PREFIX + id);
    this.writing.add(tmp);
    try {
      const fh = await open(tmp, 'wx');
      try {
        await fh.writeFile(bytes);
        await fh.sync();
      } finally {
        await fh.close();
      }
      await rename(tmp, join(this.dir, id));
      await this.syncDir();
      return id;
    } catch (e) {
      await unlink(tmp).catch(() => undefined);
      throw failed('put failed', e);
    } finally {
      this.writing.delete(tmp);
    }
  }

  async get(id: string): Promise<Buffer> {
    const file = this.path(id);
    try {
      return await readFile(file);
    } catch (e) {
      if (codeOf(e) === 'ENOENT') throw new NimbusError('BLOB_NOT_FOUND', `blob ${id} not found`, { id });
      throw failed(`cannot read blob ${id}`, e);
    }
  }

  async has(id: string): Promise<boolean> {
    const file = this.path(id);
    try {
      return (await stat(file)).isFile();
    } catch (e) {
      if (codeOf(e) === 'ENOENT') return false;
      throw failed(`cannot stat blob ${id}`, e);
    }
  }

  /** Idempotent: deleting an absent blob is not an error. */
  async delete(id: string): Promise<void> {
    const file = this.path(id);
    await unlink(file).catch((e) => (codeOf(e) === 'ENOENT' ? undefined : Promise.reject(failed(`cannot delete blob ${id}`, e))));
  }

  /**
   * Deletes every blob whose id is not in `keep`, and temp files of crashed puts; returns
   * how many blobs it deleted. A blob put but not yet committed is not in `keep` either:
   * run sweep when no put/commit is in flight (at start-up), with `keep` read after.
   * Files that are neither blobs nor temp files are left alone.
   */
  async sweep(keep: ReadonlySet<string>): Promise<number> {
    let deleted = 0;
    const names = await readdir(this.dir).catch((e) => Promise.reject(failed('cannot list blobs', e)));
    for (const name of names) {
      const file = join(this.dir, name);
      if (ID.test(name)) {
        if (keep.has(name)) continue;
        await this.delete(name);
        deleted++;
      } else if (name.startsWith(TMP_PREFIX) && !this.writing.has(file)) {
        const st = await stat(file).catch(() => undefined);
        if (st && Date.now() - st.mtimeMs > STALE_TMP_MS) await unlink(file).catch(() => undefined);
      }
    }
    return deleted;
  }

  /** Makes a rename durable. Some platforms cannot fsync a directory: best effort there. */
  private async syncDir(): Promise<void> {
    const fh = await open(this.dir, 'r');
    try {
      await fh.sync().catch((e) => (['EINVAL', 'EPERM', 'EISDIR'].includes(String(codeOf(e))) ? undefined : Promise.reject(e)));
    } finally {
      await fh.close();
    }
  }
}
