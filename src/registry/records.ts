// What the registry stores about a function beyond the runnable FunctionVersion: the
// control-plane members of FunctionConfiguration, aliases, and a function's whole record
// as the in-memory cache holds it.
import type { FunctionLayer, FunctionVersion } from './model';

/** A layer of a version as stored: the blob holding its archive (its directory is derived). */
export interface StoredLayer extends FunctionLayer { blobId: string }

export interface VersionRecord extends FunctionVersion {
  layers: StoredLayer[];
  role: string;
  /** Epoch ms of the last change (LastModified). */
  lastModified: number;
  /** Blob holding the deployment package; the code is extracted under codeRoot/<blobId>. */
  blobId: string;
  architectures: string[];
  ephemeralStorageSize: number;
  tracingMode: string;
  /**
   * Hash of everything a published version snapshots (code and configuration) as $LATEST
   * had it: publishing when it equals the last version's publishes nothing new.
   */
  contentSha: string;
}

export interface AliasRecord {
  functionName: string;
  name: string;
  functionVersion: string;
  description: string;
  /** RoutingConfig.AdditionalVersionWeights: version → share of invocations (0..1). */
  weights: Record<string, number>;
  revisionId: string;
}

export interface FunctionRecord {
  name: string;
  latest: VersionRecord;
  /** Published versions by number. */
  versions: Map<string, VersionRecord>;
  aliases: Map<string, AliasRecord>;
  tags: Record<string, string>;
}

/** Lambda's LastModified format: 2024-05-01T12:00:00.000+0000. */
export function lambdaDate(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('Z', '+0000');
}

/** Published versions in number order. */
export function publishedVersions(fn: FunctionRecord): VersionRecord[] {
  return [...fn.versions.values()].sort((a, b) => Number(a.version) - Number(b.version));
}
