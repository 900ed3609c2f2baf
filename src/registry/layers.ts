// Lambda layers: versions published from a ZIP archive (stored as a blob and extracted
// once, read-only, by the CodeStore that function code uses), read, listed with
// Lambda's filters, deleted, and resolved for a function's Layers list. A deleted
// version's content stays while a function version still references it, as on Lambda.
import type { Account } from '../kernel/arn';
import type { Clock } from '../kernel/clock';
import type { Sql } from '../store/sql';
import type { CodeStore } from './code-store';
import { InvalidParameterValueException, ResourceNotFoundException } from './errors';
import { layerArn, layerVersionArn, parseLayerVersionArn } from './layer-arns';
import * as store from './layer-store';
import type { LayerVersionRecord } from './layer-store';
import { paginate, type Page } from './pagination';
import type { StoredLayer } from './records';
import { codeBytes, type CodeInput } from './registry-inputs';
import { LAMBDA_RUNTIMES, RETIRED_RUNTIMES, stringViolations, throwViolations, violation } from './validate';

export type { LayerVersionRecord } from './layer-store';

export interface PublishLayerVersionInput {
  layerName: string;
  content: CodeInput;
  description?: string;
  compatibleRuntimes?: string[];
  compatibleArchitectures?: string[];
  licenseInfo?: string;
}

/** CompatibleRuntime / CompatibleArchitecture filters of ListLayers and ListLayerVersions. */
export interface LayerFilter { compatibleRuntime?: string; compatibleArchitecture?: string; marker?: string; maxItems?: number }

const RUNTIMES = [...RETIRED_RUNTIMES, ...LAMBDA_RUNTIMES];
const ARCHITECTURES = ['x86_64', 'arm64'];
const notFound = () => new ResourceNotFoundException('The resource you requested does not exist.');

export class Layers {
  constructor(private deps: { sql: Sql; code: CodeStore; account: Account; clock: Clock }) {}

  static async open(deps: { sql: Sql; code: CodeStore; account: Account; clock: Clock }): Promise<Layers> {
    await store.applyLayerSchema(deps.sql);
    return new Layers(deps);
  }

  arn(name: string, version?: number): string {
    return version === undefined ? layerArn(this.deps.account, name) : layerVersionArn(this.deps.account, name, version);
  }

  async publish(input: PublishLayerVersionInput): Promise<LayerVersionRecord> {
    throwViolations([
      ...stringViolations('description', input.description ?? '', { max: 256 }),
      ...stringViolations('licenseInfo', input.licenseInfo ?? '', { max: 512 }),
      ...listViolations('compatibleRuntimes', input.compatibleRuntimes, RUNTIMES, 15),
      ...listViolations('compatibleArchitectures', input.compatibleArchitectures, ARCHITECTURES, 2),
    ]);
    if (input.content.zipFile === undefined && input.content.s3Bucket !== undefined) {
      throw new InvalidParameterValueException('Nimbus cannot read layer archives from S3: publish the layer with Content.ZipFile.');
    }
    const code = await this.deps.code.store(codeBytes(input.content), () => undefined);
    const now = this.deps.clock.now();
    try {
      return await this.deps.sql.transaction(async (tx) => {
        const record: LayerVersionRecord = {
          layerName: input.layerName, version: await store.takeLayerVersion(tx, input.layerName, now), blobId: code.blobId,
          description: input.description ?? '', compatibleRuntimes: input.compatibleRuntimes ?? [],
          compatibleArchitectures: input.compatibleArchitectures ?? [], codeSha256: code.codeSha256, codeSize: code.codeSize,
          createdDate: now, deleted: false,
        };
        if (input.licenseInfo !== undefined) record.licenseInfo = input.licenseInfo;
        await store.insertLayerVersion(tx, record);
        return record;
      });
    } catch (err) {
      await this.deps.code.discard(code.blobId);
      throw err;
    }
  }

  async get(name: string, version: number): Promise<LayerVersionRecord> {
    const v = await store.getLayerVersion(this.deps.sql, name, version);
    if (!v || v.deleted) throw notFound();
    return v;
  }

  async getByArn(arn: string): Promise<LayerVersionRecord> {
    const p = parseLayerVersionArn(arn);
    if (!p || p.accountId !== this.deps.account.accountId || p.region !== this.deps.account.region) throw notFound();
    return this.get(p.name, p.version);
  }

  /** ListLayers: each layer (by name) with its newest version matching the filter. */
  async list(f: LayerFilter): Promise<Page<{ name: string; latest: LayerVersionRecord }>> {
    checkFilter(f);
    const latest = new Map<string, LayerVersionRecord>();
    for (const v of await store.liveLayerVersions(this.deps.sql)) if (fits(v, f)) latest.set(v.layerName, v);
    const items = [...latest].map(([name, v]) => ({ name, latest: v }));
    return paginate(items, (l) => l.name, f.marker, f.maxItems);
  }

  /** ListLayerVersions: the versions matching the filter, newest first. */
  async listVersions(name: string, f: LayerFilter): Promise<Page<LayerVersionRecord>> {
    checkFilter(f);
    const items = (await store.liveLayerVersions(this.deps.sql, name)).filter((v) => fits(v, f)).reverse();
    return paginate(items, (v) => String(1e12 - v.version).padStart(13, '0'), f.marker, f.maxItems);
  }

  /** DeleteLayerVersion (idempotent). `inUse`: whether a function version still references the ARN. */
  async delete(name: string, version: number, inUse: (arn: string) => boolean): Promise<void> {
    const v = await store.getLayerVersion(this.deps.sql, name, version);
    if (!v || v.deleted) return;
    await store.markLayerVersionDeleted(this.deps.sql, name, version);
    if (!inUse(this.arn(name, version))) await this.forget(v);
  }

  /** A function's Layers, in order: every ARN must name a version of this account that exists. */
  async resolveRefs(arns: readonly string[]): Promise<StoredLayer[]> {
    const out: StoredLayer[] = [];
    for (const arn of arns) {
      const v = await this.getByArn(arn).catch(() => undefined);
      if (!v) throw new InvalidParameterValueException(`Layer version ${arn} does not exist.`);
      await this.deps.code.ensureExtracted(v.blobId);
      out.push({ arn, codeSize: v.codeSize, blobId: v.blobId, dir: this.deps.code.dir(v.blobId) });
    }
    return out;
  }

  /** Drops deleted versions no function version references any more (rows and content). */
  async collect(referenced: ReadonlySet<string>): Promise<void> {
    for (const v of await store.deletedLayerVersions(this.deps.sql)) {
      if (!referenced.has(this.arn(v.layerName, v.version))) await this.forget(v);
    }
  }

  blobIds(): Promise<Set<string>> { return store.layerBlobIds(this.deps.sql); }

  private async forget(v: LayerVersionRecord): Promise<void> {
    await store.removeLayerVersionRow(this.deps.sql, v.layerName, v.version);
    await this.deps.code.discard(v.blobId);
  }
}

function fits(v: LayerVersionRecord, f: LayerFilter): boolean {
  return (f.compatibleRuntime === undefined || v.compatibleRuntimes.includes(f.compatibleRuntime))
    && (f.compatibleArchitecture === undefined || v.compatibleArchitectures.includes(f.compatibleArchitecture));
}

function checkFilter(f: LayerFilter): void {
  const v: string[] = [];
  if (f.compatibleRuntime !== undefined && !RUNTIMES.includes(f.compatibleRuntime)) {
    v.push(violation('compatibleRuntime', f.compatibleRuntime, `Member must satisfy enum value set: [${RUNTIMES.join(', ')}]`));
  }
  if (f.compatibleArchitecture !== undefined && !ARCHITECTURES.includes(f.compatibleArchitecture)) {
    v.push(violation('compatibleArchitecture', f.compatibleArchitecture, 'Member must satisfy enum value set: [x86_64, arm64]'));
  }
  throwViolations(v);
}

function listViolations(member: string, list: string[] | undefined, allowed: string[], max: number): string[] {
  if (list === undefined) return [];
  const shown = `[${list.join(', ')}]`;
  if (list.length > max) return [violation(member, shown, `Member must have length less than or equal to ${max}`)];
  if (list.every((x) => allowed.includes(x))) return [];
  return [violation(member, shown, `Member must satisfy constraint: [Member must satisfy enum value set: [${allowed.join(', ')}]]`)];
}
