// The registry's read operations for the control plane (GetFunction, ListFunctions,
// ListVersionsByFunction, code downloads, account usage), over its in-memory copy.
import { ResourceNotFoundException } from './errors';
import { locateFunction } from './function-ref';
import { paginate, type Page } from './pagination';
import { publishedVersions, type VersionRecord } from './records';
import type { Registry } from './registry';
import type { FunctionDetails } from './registry-inputs';

/** Sort key of a version: $LATEST first, then numbers in numeric order. */
const versionKey = (version: string): string => (version === '$LATEST' ? '$LATEST' : version.padStart(10, '0'));

export async function getFunction(r: Registry, functionName: string, qualifier?: string): Promise<FunctionDetails> {
  const { name, qualifier: q } = locateFunction(functionName, qualifier, r.account);
  const fn = r.functions.get(name) ?? await r.loadMissing(name);
  if (!fn) throw new ResourceNotFoundException(`Function not found: ${r.arn(name, q)}`);
  if (!q) return { version: fn.latest, tags: fn.tags };
  const target = fn.aliases.get(q)?.functionVersion ?? q;
  const version = target === '$LATEST' ? fn.latest : fn.versions.get(target);
  if (!version) throw new ResourceNotFoundException(`Function not found: ${r.arn(name, q)}`);
  return { version, tags: fn.tags, qualifier: q };
}

export function listFunctions(r: Registry, o: { marker?: string; maxItems?: number; all?: boolean }): Page<VersionRecord> {
  const fns = [...r.functions.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const items = o.all ? fns.flatMap((f) => [f.latest, ...publishedVersions(f)]) : fns.map((f) => f.latest);
  return paginate(items, (v) => `${v.functionName}:${versionKey(v.version)}`, o.marker, o.maxItems);
}

export async function listVersionsByFunction(r: Registry, functionName: string,
  o: { marker?: string; maxItems?: number }): Promise<Page<VersionRecord>> {
  const fn = await r.mustGet(locateFunction(functionName, undefined, r.account).name);
  return paginate([fn.latest, ...publishedVersions(fn)], (v) => versionKey(v.version), o.marker, o.maxItems);
}

/** Only blobs some version or layer version uses can be read: a blob id is not a key to anything else. */
export async function readCode(r: Registry, blobId: string): Promise<Buffer | undefined> {
  for (const fn of r.functions.values()) {
    if ([fn.latest, ...fn.versions.values()].some((v) => v.blobId === blobId)) return r.deps.blobs.get(blobId);
  }
  if ((await r.layers.blobIds()).has(blobId)) return r.deps.blobs.get(blobId);
  return undefined;
}

export function accountUsage(r: Registry): { functionCount: number; totalCodeSize: number } {
  let totalCodeSize = 0;
  for (const fn of r.functions.values()) for (const v of [fn.latest, ...fn.versions.values()]) totalCodeSize += v.codeSize;
  return { functionCount: r.functions.size, totalCodeSize };
}
