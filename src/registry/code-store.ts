// The registry's code bundles: a deployment package becomes an immutable blob plus a
// read-only directory codeRoot/<blobId>/ extracted from that blob (never from the
// caller's files, so later edits of a source directory change nothing). Extracted once
// per blob, and again on demand when the directory has gone missing.
import { existsSync } from 'node:fs';
import { mkdir, readdir, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { BlobStore } from '../store/blob-store';
import { openBundle, writeBundle } from './code-bundle';
import type { StoredCode } from './versions';

/**
 * codeRoot/package.json ends Node's search for the package.json that decides how a `.js` file
 * loads: on Lambda nothing above /var/task has one, but a data dir inside a project would
 * otherwise inherit the project's ("type": "module" would make a function's CommonJS fail).
 */
const BOUNDARY = 'package.json';
const BOUNDARY_TEXT = `${JSON.stringify({ description: 'Nimbus: function code below has no package.json above it, as on Lambda.' })}\n`;
/** codeRoot/node_modules: the runtime's packages for ES module handlers (see CodeStore's constructor). */
const RUNTIME_MODULES = 'node_modules';

export class CodeStore {
  /** Blobs whose directory this process has seen complete: the invoke path checks only this set. */
  private extracted = new Set<string>();
  readonly root: string;

  /**
   * `runtimeModules`: the node_modules directory whose packages the runtime provides (the AWS
   * SDK v3). CommonJS handlers reach it through NODE_PATH; ES modules ignore NODE_PATH and look
   * in node_modules directories above the importing file, so codeRoot/node_modules links to it:
   * `import ... from '@aws-sdk/client-s3'` works in an .mjs handler, as on Lambda's Node 18+
   * runtimes, and a package the function bundles itself still wins (it is found first).
   */
  constructor(private blobs: BlobStore, root: string, private readonly runtimeModules?: string) {
    this.root = resolve(root);
  }

  async init(): Promise<void> {
    await mkdir(this.root, { recursive: true });
    const boundary = join(this.root, BOUNDARY);
    if (!existsSync(boundary)) await writeFile(boundary, BOUNDARY_TEXT);
    if (this.runtimeModules) await this.linkRuntimeModules(this.runtimeModules);
  }

  /** Points codeRoot/node_modules at `target` (again after Nimbus itself moved). */
  private async linkRuntimeModules(target: string): Promise<void> {
    const link = join(this.root, RUNTIME_MODULES);
    const current = await readlink(link).catch(() => undefined);
    if (current === target) return;
    await rm(link, { recursive: true, force: true });
    await symlink(target, link, 'dir');
  }

  dir(blobId: string): string {
    return join(this.root, blobId);
  }

  /**
   * Checks and stores a package. `reuse` names a blob already holding the same bytes
   * (same CodeSha256), which is then shared instead of stored again.
   */
  async store(zip: Uint8Array, reuse: (codeSha256: string) => string | undefined): Promise<StoredCode> {
    const bundle = openBundle(zip);
    const shared = reuse(bundle.codeSha256);
    if (shared) {
      await this.ensureExtracted(shared);
      return { blobId: shared, codeSha256: bundle.codeSha256, codeSize: bundle.codeSize, codeDir: this.dir(shared) };
    }
    const blobId = await this.blobs.put(zip);
    try {
      await writeBundle(bundle, this.dir(blobId));
    } catch (err) {
      await this.blobs.delete(blobId).catch(() => undefined);
      throw err;
    }
    this.extracted.add(blobId);
    return { blobId, codeSha256: bundle.codeSha256, codeSize: bundle.codeSize, codeDir: this.dir(blobId) };
  }

  isExtracted(blobId: string): boolean {
    return this.extracted.has(blobId);
  }

  /** Makes sure codeRoot/<blobId>/ exists, extracting it from the blob if it does not. */
  async ensureExtracted(blobId: string): Promise<void> {
    if (this.extracted.has(blobId)) return;
    const dir = this.dir(blobId);
    if (!existsSync(dir)) await writeBundle(openBundle(await this.blobs.get(blobId)), dir);
    this.extracted.add(blobId);
  }

  /** Forgets a blob no version uses any more. Its directory goes at the next sweep (a running environment may still use it). */
  async discard(blobId: string): Promise<void> {
    this.extracted.delete(blobId);
    await this.blobs.delete(blobId).catch(() => undefined);
  }

  /** Removes directories of blobs not in `keep` (deleted code, interrupted extractions). */
  async sweep(keep: ReadonlySet<string>): Promise<void> {
    for (const name of await readdir(this.root)) {
      if (!keep.has(name) && name !== BOUNDARY && name !== RUNTIME_MODULES) await rm(join(this.root, name), { recursive: true, force: true });
    }
  }
}
