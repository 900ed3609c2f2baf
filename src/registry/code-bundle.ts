// Deployment packages: opened and checked as Lambda checks them (a readable zip, under
// 250 MB unzipped, no entry escaping the code directory), hashed (CodeSha256), written
// read-only into their own directory, and built deterministically from a local
// directory (same files → same bytes → same CodeSha256).
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readdir, readFile, realpath, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { NimbusError } from '../kernel/errors';
import { hexId } from '../kernel/ids';
import { InvalidParameterValueException } from './errors';
import { readZipEntries, type ZipEntry } from './zip-entries';

export const MAX_UNZIPPED_BYTES = 262_144_000;
const UNZIP_FAILED = 'Could not unzip uploaded file. Please check your file, then try to upload again.';
/** DOS timestamps start in 1980; a fixed one keeps directory zips reproducible. */
const FIXED_MTIME = new Date(1980, 0, 1);

export interface Bundle {
  entries: ZipEntry[];
  files: Record<string, Uint8Array>;
  /** base64 SHA-256 of the zip, as Lambda reports CodeSha256. */
  codeSha256: string;
  codeSize: number;
}

export const sha256Base64 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('base64');

/** Opens a deployment package, refusing what Lambda refuses. */
export function openBundle(zip: Uint8Array): Bundle {
  const entries = readZipEntries(zip);
  if (!entries || entries.some((e) => entryPath(e.name) === undefined)) throw new InvalidParameterValueException(UNZIP_FAILED);
  const tooLarge = () => new InvalidParameterValueException(`Unzipped size must be smaller than ${MAX_UNZIPPED_BYTES} bytes`);
  if (entries.reduce((n, e) => n + e.uncompressedSize, 0) >= MAX_UNZIPPED_BYTES) throw tooLarge();
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip);
  } catch {
    throw new InvalidParameterValueException(UNZIP_FAILED);
  }
  if (Object.values(files).reduce((n, f) => n + f.length, 0) >= MAX_UNZIPPED_BYTES) throw tooLarge();
  return { entries, files, codeSha256: sha256Base64(zip), codeSize: zip.length };
}

/** A safe relative path for an entry name, or undefined when it is absolute or climbs out. */
export function entryPath(name: string): string | undefined {
  if (name.includes('\0') || name.startsWith('/') || /^[a-zA-Z]:/.test(name)) return undefined;
  const parts = name.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.some((p) => p === '..')) return undefined;
  return parts.join('/');
}

/**
 * Writes the bundle's files into `dir` (atomically: a temp directory renamed into place),
 * files read-only and executable where the archive says so. Does nothing if `dir` exists.
 */
export async function writeBundle(bundle: Bundle, dir: string): Promise<void> {
  if (existsSync(dir)) return;
  const tmp = `${dir}.tmp-${hexId(6)}`;
  const root = resolve(tmp);
  await mkdir(root, { recursive: true });
  const modes: [string, number][] = [];
  try {
    for (const e of bundle.entries) {
      const rel = entryPath(e.name);
      if (!rel) continue; // the archive's root itself
      const abs = join(root, rel);
      if (e.isDirectory) { await mkdir(abs, { recursive: true }); continue; }
      await mkdir(dirname(abs), { recursive: true });
      await rm(abs, { force: true });
      const data = bundle.files[e.name] ?? new Uint8Array(0);
      if (e.isSymlink) {
        const target = Buffer.from(data).toString('utf8');
        const resolved = resolve(dirname(abs), target);
        if (!(resolved === root || resolved.startsWith(root + sep))) throw new InvalidParameterValueException(UNZIP_FAILED);
        await symlink(target, abs);
        continue;
      }
      await writeFile(abs, data);
      modes.push([abs, extractedMode(e.mode)]);
    }
    for (const [abs, mode] of modes) await chmod(abs, mode);
    await rename(tmp, dir).catch(async (err) => {
      if (!existsSync(dir)) throw err; // another extraction of the same blob won the race
      await rm(tmp, { recursive: true, force: true });
    });
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    throw err;
  }
}

/**
 * The mode an extracted file gets: the permission bits the archive stored (external attributes
 * >> 16, as `zip` on Unix writes them: 0755 keeps a `bootstrap` executable), without write
 * bits (the code directory is read-only, as /var/task is) or setuid/setgid/sticky, and always
 * readable by the owner. An archive made elsewhere stores no mode: 0444, so nothing in it is
 * executable, as on Lambda.
 */
export function extractedMode(mode: number | undefined): number {
  return mode === undefined ? 0o444 : (mode & 0o555) | 0o400;
}

/** Never part of a deployment package: VCS data, Nimbus's own data dir, other tools' build output. */
const SKIPPED_DIRS = new Set(['.git', '.nimbus', '.serverless', '.aws-sam']);

/** Zips a directory (symlinks followed, sorted, fixed timestamps, Unix modes kept). */
export async function zipDirectory(dir: string): Promise<Uint8Array> {
  const root = resolve(dir);
  const st = await stat(root).catch(() => undefined);
  if (!st?.isDirectory()) throw new NimbusError('CONFIG_INVALID', `The code directory ${root} does not exist or is not a directory`);
  const files: Zippable = {};
  const seen = new Set<string>();
  const walk = async (abs: string, rel: string): Promise<void> => {
    const real = await realpath(abs);
    if (seen.has(real)) return; // a symlink cycle
    seen.add(real);
    for (const name of (await readdir(abs)).sort()) {
      const path = join(abs, name);
      const relPath = rel ? `${rel}/${name}` : name;
      const s = await stat(path).catch(() => undefined); // undefined: a dangling symlink
      if (s?.isDirectory()) { if (!SKIPPED_DIRS.has(name)) await walk(path, relPath); }
      else if (s?.isFile()) {
        files[relPath] = [await readFile(path), { os: 3, attrs: ((s.mode & 0o777) | 0o100000) * 0x10000, mtime: FIXED_MTIME }];
      }
    }
  };
  await walk(root, '');
  return zipSync(files, { level: 1 }); // fast: deploys are on the dev loop's path
}
