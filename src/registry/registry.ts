// The function registry: functions, versions, aliases and their code, on the Sql port
// and the BlobStore. Reads are served from an in-memory copy kept in step with every
// committed write (resolve() is on every invocation's path); writes are serialised per
// function here and guarded by RevisionId checks in SQL across processes. Every change
// is published on `changes` so the pool can retire environments of old code.
import { functionArn, type Account } from '../kernel/arn';
import { Channel } from '../kernel/channel';
import type { Clock } from '../kernel/clock';
import type { BlobStore } from '../store/blob-store';
import type { Sql, SqlRunner } from '../store/sql';
import { pickAliasVersion } from './alias-routing';
import { CodeStore } from './code-store';
import {
  InvalidParameterValueException, ResourceConflictException, ResourceNotFoundException,
} from './errors';
import { isVersionNumber, locateFunction } from './function-ref';
import type { FunctionResolver, RegistryChange, ResolvedFunction } from './model';
import type { Page } from './pagination';
import { publishedVersions, type FunctionRecord, type StoredLayer, type VersionRecord } from './records';
import * as aliases from './registry-aliases';
import { KeyedLock } from './keyed-lock';
import { checkFunctionLayers, layerListViolations } from './layer-arns';
import { Layers } from './layers';
import { deployFromDirectory } from './registry-deploy';
import * as reads from './registry-reads';
import {
  codeBytes, type CreateFunctionInput, type DeployInput, type FunctionDetails, type PublishVersionInput,
  type UpdateFunctionCodeInput, type UpdateFunctionConfigurationInput,
} from './registry-inputs';
import * as store from './store';
import { checkNewFunctionName, checkRevision, throwViolations, validateConfig } from './validate';
import { bumpedRevision, changedLatest, newLatest, publishedFrom } from './versions';

export type {
  CodeInput, CreateFunctionInput, DeployInput, FunctionDetails, PublishVersionInput, UpdateFunctionCodeInput,
  UpdateFunctionConfigurationInput,
} from './registry-inputs';
export type { AliasInput } from './registry-aliases';
export type { Page } from './pagination';

export interface RegistryDeps {
  sql: Sql;
  blobs: BlobStore;
  /** Directory for extracted code, one read-only directory per code blob. */
  codeRoot: string;
  /** The node_modules whose packages Node runtimes provide, for ES module handlers (CodeStore). */
  runtimeModules?: string;
  account: Account;
  clock: Clock;
  /** Random draws for weighted aliases (tests pass their own). */
  random?: () => number;
}

export class Registry implements FunctionResolver {
  readonly changes = new Channel<RegistryChange>();
  /** @internal shared with registry-aliases */
  readonly functions = new Map<string, FunctionRecord>();
  private readonly locks = new KeyedLock();
  private readonly code: CodeStore;
  private readonly random: () => number;
  /** Lambda layers: published versions and their content (the same code directories as functions'). */
  layers!: Layers;

  private constructor(readonly deps: RegistryDeps) {
    this.code = new CodeStore(deps.blobs, deps.codeRoot, deps.runtimeModules);
    this.random = deps.random ?? Math.random;
  }

  static async open(deps: RegistryDeps): Promise<Registry> {
    await store.applySchema(deps.sql);
    const registry = new Registry(deps);
    await registry.code.init();
    registry.layers = await Layers.open({ sql: deps.sql, code: registry.code, account: deps.account, clock: deps.clock });
    for (const fn of await store.loadFunctions(deps.sql, registry.loadContext())) registry.functions.set(fn.name, fn);
    await registry.layers.collect(registry.referencedLayers());
    const keep = await store.allBlobIds(deps.sql);
    for (const id of await registry.layers.blobIds()) keep.add(id);
    await registry.code.sweep(keep);
    // Blobs no version or layer references (a put whose record never committed, a crash mid-way).
    await deps.blobs.sweep(keep);
    return registry;
  }

  get account(): Account { return this.deps.account; }

  arn(name: string, qualifier?: string): string { return functionArn(this.deps.account, name, qualifier); }

  // ---- the read side: resolve() is on every invocation's path ----

  async resolve(functionName: string, qualifier?: string): Promise<ResolvedFunction> {
    const { name, qualifier: q } = locateFunction(functionName, qualifier, this.deps.account);
    const fn = this.functions.get(name) ?? await this.loadMissing(name);
    if (!fn) throw new ResourceNotFoundException(`Function not found: ${this.arn(name, q)}`);
    let config = fn.latest;
    if (q && q !== '$LATEST') {
      if (isVersionNumber(q)) {
        const v = fn.versions.get(q);
        if (!v) throw new ResourceNotFoundException(`Function not found: ${this.arn(name, q)}`);
        config = v;
      } else {
        const alias = fn.aliases.get(q);
        if (!alias) throw new ResourceNotFoundException(`Cannot find alias arn: ${this.arn(name, q)}`);
        const version = pickAliasVersion(alias, this.random());
        config = version === '$LATEST' ? fn.latest : fn.versions.get(version) ?? fn.latest;
      }
    }
    if (!this.code.isExtracted(config.blobId)) await this.code.ensureExtracted(config.blobId);
    for (const l of config.layers) if (!this.code.isExtracted(l.blobId)) await this.code.ensureExtracted(l.blobId);
    return { config, invokedArn: q ? this.arn(name, q) : config.functionArn, executedVersion: config.version };
  }

  /** A function as GetFunction / GetFunctionConfiguration answer it. */
  getFunction = (functionName: string, qualifier?: string): Promise<FunctionDetails> => reads.getFunction(this, functionName, qualifier);
  /** ListFunctions: $LATEST of every function, or every version with `all`. */
  listFunctions = (o: { marker?: string; maxItems?: number; all?: boolean } = {}): Page<VersionRecord> => reads.listFunctions(this, o);
  listVersionsByFunction = (functionName: string, o: { marker?: string; maxItems?: number } = {}): Promise<Page<VersionRecord>> =>
    reads.listVersionsByFunction(this, functionName, o);
  /** The deployment package behind a code blob of some version (GetFunction's Code.Location). */
  readCode = (blobId: string): Promise<Buffer | undefined> => reads.readCode(this, blobId);
  accountUsage = (): { functionCount: number; totalCodeSize: number } => reads.accountUsage(this);

  // ---- the control plane ----

  async createFunction(input: CreateFunctionInput): Promise<VersionRecord> {
    const { name } = locateFunction(input.functionName, undefined, this.deps.account);
    checkNewFunctionName(name);
    validateConfig(input);
    if (input.runtime === undefined || input.handler === undefined) {
      throw new InvalidParameterValueException('Runtime and Handler are mandatory parameters for functions created with deployment packages.');
    }
    const zip = codeBytes(input.code);
    const layers = await this.layerRefs(input.layers);
    const config = { ...input, layers, runtime: input.runtime, handler: input.handler, role: input.role ?? this.defaultRole() };
    return this.locks.run(name, async () => {
      const conflict = () => new ResourceConflictException(`Function already exist: ${name}`);
      if (this.functions.has(name) || await this.loadMissing(name)) throw conflict();
      const code = await this.code.store(zip, () => undefined);
      const now = this.deps.clock.now();
      const latest = newLatest(this.deps.account, name, config, code, now);
      let result = latest;
      try {
        await this.deps.sql.transaction(async (tx) => {
          await store.insertFunction(tx, name, input.tags ?? {}, now);
          await store.insertVersion(tx, latest);
          if (input.publish) result = await this.publishIn(tx, undefined, latest, undefined, now);
        });
      } catch (err) {
        await this.code.discard(code.blobId);
        throw (err as { details?: { kind?: string } }).details?.kind === 'unique' ? conflict() : err;
      }
      await this.reload(name);
      this.changes.publish({ kind: 'created', functionName: name });
      return result;
    });
  }

  async updateFunctionCode(functionName: string, input: UpdateFunctionCodeInput): Promise<VersionRecord> {
    const { name } = locateFunction(functionName, undefined, this.deps.account);
    validateConfig({ architectures: input.architectures });
    const zip = codeBytes(input);
    return this.locks.run(name, async () => {
      const fn = await this.mustGet(name);
      checkRevision(fn.latest.revisionId, input.revisionId);
      if (input.dryRun) return fn.latest;
      const sameCode = (sha: string) => [fn.latest, ...fn.versions.values()].find((v) => v.codeSha256 === sha)?.blobId;
      const code = await this.code.store(zip, sameCode);
      const next = changedLatest(fn.latest, { architectures: input.architectures }, code, this.deps.clock.now());
      return this.commitLatest(fn, next, input.publish ?? false);
    });
  }

  async updateFunctionConfiguration(functionName: string, input: UpdateFunctionConfigurationInput): Promise<VersionRecord> {
    const { name } = locateFunction(functionName, undefined, this.deps.account);
    validateConfig(input);
    return this.locks.run(name, async () => {
      const fn = await this.mustGet(name);
      checkRevision(fn.latest.revisionId, input.revisionId);
      const { revisionId: _r, layers: arns, ...changes } = input;
      const layers = await this.layerRefs(arns);
      return this.commitLatest(fn, changedLatest(fn.latest, { ...changes, layers }, undefined, this.deps.clock.now()), false);
    });
  }

  /** PublishVersion; `created` is false when $LATEST was unchanged and the last version is returned. */
  async publishVersion(functionName: string, input: PublishVersionInput = {}): Promise<{ version: VersionRecord; created: boolean }> {
    const { name } = locateFunction(functionName, undefined, this.deps.account);
    if (input.description !== undefined) validateConfig({ description: input.description });
    return this.locks.run(name, async () => {
      const fn = await this.mustGet(name);
      const latest = fn.latest;
      checkRevision(latest.revisionId, input.revisionId);
      if (input.codeSha256 && input.codeSha256 !== latest.codeSha256) {
        throw new InvalidParameterValueException(`CodeSHA256 (${input.codeSha256}) is different from current CodeSHA256 in $LATEST `
          + `(${latest.codeSha256}). Please try again with the CodeSHA256 in $LATEST.`);
      }
      const last = publishedVersions(fn).at(-1);
      if (last && last.contentSha === latest.contentSha) return { version: last, created: false };
      let version!: VersionRecord;
      await this.deps.sql.transaction(async (tx) => {
        version = await this.publishIn(tx, undefined, latest, input.description, this.deps.clock.now());
        if (!await store.replaceLatest(tx, bumpedRevision(latest), latest.revisionId)) throw this.updateInProgress(name);
      });
      await this.reload(name);
      this.changes.publish({ kind: 'updated', functionName: name });
      return { version, created: true };
    });
  }

  /** DeleteFunction: the whole function, or one published version with a Qualifier. */
  async deleteFunction(functionName: string, qualifier?: string): Promise<void> {
    const { name, qualifier: q } = locateFunction(functionName, qualifier, this.deps.account);
    if (q === '$LATEST') throw new InvalidParameterValueException('$LATEST version cannot be deleted without deleting the function.');
    await this.locks.run(name, async () => {
      const fn = await this.mustGet(name);
      if (!q) {
        await this.deps.sql.transaction((tx) => store.deleteFunctionRows(tx, name));
        this.functions.delete(name);
        await this.collect([fn.latest, ...fn.versions.values()].map((v) => v.blobId));
        this.changes.publish({ kind: 'deleted', functionName: name });
        return;
      }
      const version = fn.versions.get(q);
      if (!version) throw new ResourceNotFoundException(`Function not found: ${this.arn(name, q)}`);
      const users = [...fn.aliases.values()].filter((a) => a.functionVersion === q || q in a.weights).map((a) => a.name);
      if (users.length > 0) {
        throw new ResourceConflictException(`Unable to delete version because the following aliases reference it: [${users.join(', ')}]`);
      }
      await this.deps.sql.transaction((tx) => store.deleteVersionRow(tx, name, q));
      await this.reload(name);
      await this.collect([version.blobId]);
      this.changes.publish({ kind: 'updated', functionName: name });
    });
  }

  createAlias = (functionName: string, input: aliases.AliasInput) => aliases.createAlias(this, functionName, input);
  getAlias = (functionName: string, name: string) => aliases.getAlias(this, functionName, name);
  listAliases = (functionName: string, o: { functionVersion?: string; marker?: string; maxItems?: number } = {}) =>
    aliases.listAliases(this, functionName, o);
  updateAlias = (functionName: string, input: aliases.AliasInput) => aliases.updateAlias(this, functionName, input);
  deleteAlias = (functionName: string, name: string) => aliases.deleteAlias(this, functionName, name);

  /**
   * Creates or updates a function from a local directory (zipped now: later edits of the
   * directory change nothing deployed). Unchanged code or configuration is left alone.
   */
  deployFromDirectory = (o: DeployInput): Promise<VersionRecord> => deployFromDirectory(this, o);

  // ---- shared with registry-aliases ----

  /** @internal Runs `work` holding the function's write lock. */
  withLock<T>(name: string, work: () => Promise<T>): Promise<T> { return this.locks.run(name, work); }

  /** @internal The function, or ResourceNotFoundException with Lambda's message. */
  async mustGet(name: string): Promise<FunctionRecord> {
    const fn = this.functions.get(name) ?? await this.loadMissing(name);
    if (!fn) throw new ResourceNotFoundException(`Function not found: ${this.arn(name)}`);
    return fn;
  }

  /** @internal Re-reads a function after a committed write. */
  async reload(name: string): Promise<void> {
    const [fn] = await store.loadFunctions(this.deps.sql, this.loadContext(), name);
    if (fn) this.functions.set(name, fn);
    else this.functions.delete(name);
  }

  // ---- internals ----

  /** Replaces $LATEST (and publishes it with `publish`), then refreshes, collects old code and announces. */
  private async commitLatest(fn: FunctionRecord, next: VersionRecord, publish: boolean): Promise<VersionRecord> {
    let result = next;
    try {
      await this.deps.sql.transaction(async (tx) => {
        if (!await store.replaceLatest(tx, next, fn.latest.revisionId)) throw this.updateInProgress(fn.name);
        if (publish) result = await this.publishIn(tx, fn, next, undefined, next.lastModified);
      });
    } catch (err) {
      if (next.blobId !== fn.latest.blobId) await this.collect([next.blobId]);
      throw err;
    }
    await this.reload(fn.name);
    await this.collect(next.blobId !== fn.latest.blobId ? [fn.latest.blobId] : []);
    this.changes.publish({ kind: 'updated', functionName: fn.name });
    return result;
  }

  /** Publishes `latest` as a new version unless the last version already has its content. */
  private async publishIn(tx: SqlRunner, fn: FunctionRecord | undefined, latest: VersionRecord,
    description: string | undefined, now: number): Promise<VersionRecord> {
    const last = fn && publishedVersions(fn).at(-1);
    if (last && last.contentSha === latest.contentSha) return last;
    const version = publishedFrom(latest, await store.takeVersionNumber(tx, latest.functionName), description, now);
    await store.insertVersion(tx, version);
    return version;
  }

  /** Deletes code blobs no version uses any more, and the content of deleted layer versions no version references. */
  private async collect(blobIds: string[]): Promise<void> {
    for (const id of new Set(blobIds)) if (!await store.blobInUse(this.deps.sql, id)) await this.code.discard(id);
    await this.layers.collect(this.referencedLayers());
  }

  /** A function's Layers checked (the model's pattern, at most 5, one version per layer) and resolved, in order. */
  private async layerRefs(arns: string[] | undefined): Promise<StoredLayer[] | undefined> {
    if (arns === undefined) return undefined;
    throwViolations(layerListViolations(arns));
    checkFunctionLayers(arns);
    return this.layers.resolveRefs(arns);
  }

  /** Layer version ARNs some function version uses. */
  referencedLayers(): Set<string> {
    const out = new Set<string>();
    for (const fn of this.functions.values()) {
      for (const v of [fn.latest, ...fn.versions.values()]) for (const l of v.layers) out.add(l.arn);
    }
    return out;
  }

  /** @internal A function, looked up in the database too (another node may have created it). */
  async loadMissing(name: string): Promise<FunctionRecord | undefined> {
    const [fn] = await store.loadFunctions(this.deps.sql, this.loadContext(), name);
    if (fn) this.functions.set(name, fn);
    return fn;
  }

  private updateInProgress(name: string): ResourceConflictException {
    return new ResourceConflictException(
      `The operation cannot be performed at this time. An update is in progress for resource: ${this.arn(name)}`);
  }

  private loadContext(): store.LoadContext {
    return { account: this.deps.account, codeDir: (blobId) => this.code.dir(blobId) };
  }

  /** @internal The role of functions created without one (local deploys). */
  defaultRole(): string { return `arn:aws:iam::${this.deps.account.accountId}:role/nimbus-lambda-role`; }
}
