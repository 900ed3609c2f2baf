// Aliases: CreateAlias, GetAlias, ListAliases, UpdateAlias and DeleteAlias with Lambda's
// checks and messages, over the Registry's per-function lock, cache and reload.
import { randomUUID } from 'node:crypto';
import { ResourceConflictException, ResourceNotFoundException } from './errors';
import { locateFunction } from './function-ref';
import { paginate, type Page } from './pagination';
import type { AliasRecord, FunctionRecord } from './records';
import type { Registry } from './registry';
import * as store from './store';
import { aliasViolations, checkRevision, checkRoutingConfig, throwViolations } from './validate';

export interface AliasInput {
  name: string;
  functionVersion?: string;
  description?: string;
  /** RoutingConfig.AdditionalVersionWeights; {} removes the routing. */
  weights?: Record<string, number>;
  revisionId?: string;
}

const nameOf = (r: Registry, functionName: string): string => locateFunction(functionName, undefined, r.account).name;

/** The alias's version and the routed one must exist ($LATEST always does). */
function checkVersions(r: Registry, fn: FunctionRecord, versions: string[]): void {
  for (const v of versions) {
    if (v !== '$LATEST' && !fn.versions.has(v)) throw new ResourceNotFoundException(`Function not found: ${r.arn(fn.name, v)}`);
  }
}

async function committed(r: Registry, fn: string, write: () => Promise<unknown>): Promise<void> {
  await write();
  await r.reload(fn);
  r.changes.publish({ kind: 'updated', functionName: fn });
}

export async function createAlias(r: Registry, functionName: string, input: AliasInput): Promise<AliasRecord> {
  const fnName = nameOf(r, functionName);
  throwViolations(aliasViolations(input));
  const target = input.functionVersion ?? '$LATEST';
  return r.withLock(fnName, async () => {
    const fn = await r.mustGet(fnName);
    checkVersions(r, fn, [target]);
    const exists = () => new ResourceConflictException(`Alias already exists: ${r.arn(fnName, input.name)}`);
    if (fn.aliases.has(input.name)) throw exists();
    const weights = input.weights ?? {};
    checkRoutingConfig(target, weights);
    checkVersions(r, fn, Object.keys(weights));
    const alias: AliasRecord = {
      functionName: fnName, name: input.name, functionVersion: target,
      description: input.description ?? '', weights, revisionId: randomUUID(),
    };
    await committed(r, fnName, () => r.deps.sql.transaction((tx) => store.insertAlias(tx, alias)).catch((err) => {
      throw (err as { details?: { kind?: string } }).details?.kind === 'unique' ? exists() : err;
    }));
    return alias;
  });
}

export async function getAlias(r: Registry, functionName: string, name: string): Promise<AliasRecord> {
  const fn = await r.mustGet(nameOf(r, functionName));
  const alias = fn.aliases.get(name);
  if (!alias) throw new ResourceNotFoundException(`Cannot find alias arn: ${r.arn(fn.name, name)}`);
  return alias;
}

export async function listAliases(r: Registry, functionName: string,
  o: { functionVersion?: string; marker?: string; maxItems?: number }): Promise<Page<AliasRecord>> {
  const fn = await r.mustGet(nameOf(r, functionName));
  const all = [...fn.aliases.values()]
    .filter((a) => o.functionVersion === undefined || a.functionVersion === o.functionVersion)
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  return paginate(all, (a) => a.name, o.marker, o.maxItems);
}

export async function updateAlias(r: Registry, functionName: string, input: AliasInput): Promise<AliasRecord> {
  const fnName = nameOf(r, functionName);
  throwViolations(aliasViolations(input));
  return r.withLock(fnName, async () => {
    const fn = await r.mustGet(fnName);
    const current = fn.aliases.get(input.name);
    if (!current) throw new ResourceNotFoundException(`Alias not found: ${r.arn(fnName, input.name)}`);
    checkRevision(current.revisionId, input.revisionId);
    const next: AliasRecord = {
      ...current,
      functionVersion: input.functionVersion ?? current.functionVersion,
      description: input.description ?? current.description,
      weights: input.weights ?? current.weights,
      revisionId: randomUUID(),
    };
    checkVersions(r, fn, [next.functionVersion]);
    checkRoutingConfig(next.functionVersion, next.weights);
    checkVersions(r, fn, Object.keys(next.weights));
    await committed(r, fnName, () => r.deps.sql.transaction(async (tx) => {
      if (!await store.replaceAlias(tx, next, current.revisionId)) {
        throw new ResourceConflictException(
          `The operation cannot be performed at this time. An update is in progress for resource: ${r.arn(fnName, input.name)}`);
      }
    }));
    return next;
  });
}

/** DeleteAlias: deleting an alias that does not exist succeeds, as it does on Lambda. */
export async function deleteAlias(r: Registry, functionName: string, name: string): Promise<void> {
  const fnName = nameOf(r, functionName);
  await r.withLock(fnName, async () => {
    const fn = await r.mustGet(fnName);
    if (!fn.aliases.has(name)) return;
    await committed(r, fnName, () => r.deps.sql.transaction((tx) => store.deleteAliasRow(tx, fnName, name)));
  });
}
