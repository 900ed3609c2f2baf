// Pure builders of version records: $LATEST as created, $LATEST after a change of code
// or configuration, and a published version snapshotting $LATEST. Every change gets a
// new RevisionId and LastModified; a content hash tells whether anything publishable
// changed since the last version.
import { createHash, randomUUID } from 'node:crypto';
import type { Account } from '../kernel/arn';
import { functionArn } from '../kernel/arn';
import type { StoredLayer, VersionRecord } from './records';
import { DEFAULT_MEMORY_SIZE, DEFAULT_TIMEOUT } from './validate';

export interface StoredCode { blobId: string; codeSha256: string; codeSize: number; codeDir: string }

/** The members UpdateFunctionConfiguration (and CreateFunction) may set. */
export interface ConfigChanges {
  runtime?: string;
  role?: string;
  handler?: string;
  description?: string;
  timeout?: number;
  memorySize?: number;
  environment?: Record<string, string>;
  architectures?: string[];
  ephemeralStorageSize?: number;
  tracingMode?: string;
  /** Layer version ARNs, in order (CreateFunction / UpdateFunctionConfiguration's Layers). */
  layers?: string[];
  /** DeadLetterConfig.TargetArn; '' removes it. */
  deadLetterTargetArn?: string;
}

/** Changes as a record takes them: Layers resolved to the stored layer versions. */
export type RecordChanges = Omit<ConfigChanges, 'layers'> & { layers?: StoredLayer[] };

/** Hash of what a published version snapshots: code and runnable configuration. */
export function contentSha(v: Omit<VersionRecord, 'contentSha'>): string {
  const env = Object.keys(v.environment).sort().map((k) => [k, v.environment[k]]);
  const content = [v.runtime, v.handler, v.memorySize, v.timeout, env, v.description, v.role, v.codeSha256,
    v.architectures, v.ephemeralStorageSize, v.tracingMode, v.layers.map((l) => l.arn),
    ...(v.deadLetterTargetArn ? [v.deadLetterTargetArn] : [])];
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

const seal = (v: Omit<VersionRecord, 'contentSha'>): VersionRecord => ({ ...v, contentSha: contentSha(v) });

/** $LATEST of a new function. */
export function newLatest(account: Account, name: string, c: RecordChanges & { runtime: string; role: string; handler: string },
  code: StoredCode, now: number): VersionRecord {
  return seal({
    functionName: name,
    version: '$LATEST',
    functionArn: functionArn(account, name),
    runtime: c.runtime,
    role: c.role,
    handler: c.handler,
    memorySize: c.memorySize ?? DEFAULT_MEMORY_SIZE,
    timeout: c.timeout ?? DEFAULT_TIMEOUT,
    environment: c.environment ?? {},
    description: c.description ?? '',
    architectures: c.architectures ?? ['x86_64'],
    ephemeralStorageSize: c.ephemeralStorageSize ?? 512,
    tracingMode: c.tracingMode ?? 'PassThrough',
    layers: c.layers ?? [],
    deadLetterTargetArn: c.deadLetterTargetArn || undefined,
    codeSha256: code.codeSha256,
    codeSize: code.codeSize,
    codeDir: code.codeDir,
    blobId: code.blobId,
    revisionId: randomUUID(),
    lastModified: now,
    state: 'Active',
    lastUpdateStatus: 'Successful',
  });
}

/** $LATEST after a configuration change and/or new code. */
export function changedLatest(latest: VersionRecord, changes: RecordChanges, code: StoredCode | undefined, now: number): VersionRecord {
  const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as RecordChanges;
  const { contentSha: _old, ...rest } = latest;
  return seal({ ...rest, ...defined, ...(code ?? {}), revisionId: randomUUID(), lastModified: now });
}

/** A published version: $LATEST's code and configuration under a number. */
export function publishedFrom(latest: VersionRecord, version: number, description: string | undefined, now: number): VersionRecord {
  return {
    ...latest,
    version: String(version),
    description: description ?? latest.description,
    revisionId: randomUUID(),
    lastModified: now,
    contentSha: latest.contentSha,
  };
}

/** $LATEST with only a new RevisionId (publishing a version bumps it, as Lambda does). */
export function bumpedRevision(latest: VersionRecord): VersionRecord {
  return { ...latest, revisionId: randomUUID() };
}
