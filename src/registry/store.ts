// All SQL of the registry: functions, their versions ($LATEST is the row with version
// '$LATEST') and aliases. Portable SQL for SQLite and PostgreSQL; a version's
// configuration is one JSON text column, its code a blob id committed with it.
import { functionArn, type Account } from '../kernel/arn';
import type { Sql, SqlRunner } from '../store/sql';
import { sql } from '../store/sql';
import type { AliasRecord, FunctionRecord, VersionRecord } from './records';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS lambda_functions (
  name TEXT PRIMARY KEY,
  next_version BIGINT NOT NULL,
  tags TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS lambda_versions (
  function_name TEXT NOT NULL,
  version TEXT NOT NULL,
  version_number BIGINT NOT NULL,
  revision_id TEXT NOT NULL,
  blob_id TEXT NOT NULL,
  config TEXT NOT NULL,
  PRIMARY KEY (function_name, version)
);
CREATE INDEX IF NOT EXISTS lambda_versions_blob ON lambda_versions (blob_id);
CREATE TABLE IF NOT EXISTS lambda_aliases (
  function_name TEXT NOT NULL,
  name TEXT NOT NULL,
  function_version TEXT NOT NULL,
  description TEXT NOT NULL,
  weights TEXT NOT NULL,
  revision_id TEXT NOT NULL,
  PRIMARY KEY (function_name, name)
)`;

export async function applySchema(db: Sql): Promise<void> {
  await db.exec(SCHEMA);
}

interface FunctionRow { name: string; tags: string }
interface VersionRow { function_name: string; version: string; config: string }
interface AliasRow {
  function_name: string; name: string; function_version: string; description: string; weights: string; revision_id: string;
}

/** Where derived members come from when rows become records. */
export interface LoadContext { account: Account; codeDir: (blobId: string) => string }

/** Every function, or just `name`'s (an empty array when it does not exist). */
export async function loadFunctions(db: SqlRunner, ctx: LoadContext, name?: string): Promise<FunctionRecord[]> {
  const fns = name === undefined
    ? await db.all<FunctionRow>(sql`SELECT name, tags FROM lambda_functions`)
    : await db.all<FunctionRow>(sql`SELECT name, tags FROM lambda_functions WHERE name = ${name}`);
  if (fns.length === 0) return [];
  const versions = name === undefined
    ? await db.all<VersionRow>(sql`SELECT function_name, version, config FROM lambda_versions`)
    : await db.all<VersionRow>(sql`SELECT function_name, version, config FROM lambda_versions WHERE function_name = ${name}`);
  const aliases = name === undefined
    ? await db.all<AliasRow>(sql`SELECT * FROM lambda_aliases`)
    : await db.all<AliasRow>(sql`SELECT * FROM lambda_aliases WHERE function_name = ${name}`);
  const byName = new Map<string, Partial<FunctionRecord>>();
  for (const f of fns) byName.set(f.name, { name: f.name, tags: JSON.parse(f.tags), versions: new Map(), aliases: new Map() });
  for (const v of versions) {
    const fn = byName.get(v.function_name);
    if (!fn) continue;
    const rec: VersionRecord = JSON.parse(v.config);
    rec.functionArn = functionArn(ctx.account, rec.functionName);
    rec.codeDir = ctx.codeDir(rec.blobId);
    rec.layers = (rec.layers ?? []).map((l) => ({ ...l, dir: ctx.codeDir(l.blobId) }));
    if (v.version === '$LATEST') fn.latest = rec;
    else fn.versions!.set(v.version, rec);
  }
  for (const a of aliases) {
    byName.get(a.function_name)?.aliases!.set(a.name, {
      functionName: a.function_name, name: a.name, functionVersion: a.function_version,
      description: a.description, weights: JSON.parse(a.weights), revisionId: a.revision_id,
    });
  }
  return [...byName.values()].filter((f): f is FunctionRecord => f.latest !== undefined);
}

/** The stored JSON of a version: derived members (ARN, code and layer directories) are left out. */
function configJson(v: VersionRecord): string {
  const { functionArn: _arn, codeDir: _dir, layers, ...stored } = v;
  return JSON.stringify({ ...stored, layers: layers.map(({ dir: _d, ...l }) => l) });
}

export async function insertFunction(tx: SqlRunner, name: string, tags: Record<string, string>, now: number): Promise<void> {
  await tx.run(sql`INSERT INTO lambda_functions (name, next_version, tags, created_at)
    VALUES (${name}, 1, ${JSON.stringify(tags)}, ${now})`);
}

export async function insertVersion(tx: SqlRunner, v: VersionRecord): Promise<void> {
  const number = v.version === '$LATEST' ? 0 : Number(v.version);
  await tx.run(sql`INSERT INTO lambda_versions (function_name, version, version_number, revision_id, blob_id, config)
    VALUES (${v.functionName}, ${v.version}, ${number}, ${v.revisionId}, ${v.blobId}, ${configJson(v)})`);
}

/** Replaces $LATEST if it is still at `expectedRevision`; false when someone changed it first. */
export async function replaceLatest(tx: SqlRunner, v: VersionRecord, expectedRevision: string): Promise<boolean> {
  const r = await tx.run(sql`UPDATE lambda_versions SET revision_id = ${v.revisionId}, blob_id = ${v.blobId}, config = ${configJson(v)}
    WHERE function_name = ${v.functionName} AND version = '$LATEST' AND revision_id = ${expectedRevision}`);
  return r.changes === 1;
}

/** Takes the function's next version number (numbers are never reused). */
export async function takeVersionNumber(tx: SqlRunner, name: string): Promise<number> {
  const row = await tx.get<{ n: number }>(sql`UPDATE lambda_functions SET next_version = next_version + 1
    WHERE name = ${name} RETURNING next_version - 1 AS n`);
  if (!row) throw new Error(`function ${name} vanished while publishing a version`);
  return Number(row.n);
}

export async function deleteFunctionRows(tx: SqlRunner, name: string): Promise<void> {
  await tx.run(sql`DELETE FROM lambda_aliases WHERE function_name = ${name}`);
  await tx.run(sql`DELETE FROM lambda_versions WHERE function_name = ${name}`);
  await tx.run(sql`DELETE FROM lambda_functions WHERE name = ${name}`);
}

export async function deleteVersionRow(tx: SqlRunner, name: string, version: string): Promise<boolean> {
  const r = await tx.run(sql`DELETE FROM lambda_versions WHERE function_name = ${name} AND version = ${version}`);
  return r.changes === 1;
}

export async function insertAlias(tx: SqlRunner, a: AliasRecord): Promise<void> {
  await tx.run(sql`INSERT INTO lambda_aliases (function_name, name, function_version, description, weights, revision_id)
    VALUES (${a.functionName}, ${a.name}, ${a.functionVersion}, ${a.description}, ${JSON.stringify(a.weights)}, ${a.revisionId})`);
}

/** Replaces an alias if it is still at `expectedRevision`. */
export async function replaceAlias(tx: SqlRunner, a: AliasRecord, expectedRevision: string): Promise<boolean> {
  const r = await tx.run(sql`UPDATE lambda_aliases SET function_version = ${a.functionVersion}, description = ${a.description},
    weights = ${JSON.stringify(a.weights)}, revision_id = ${a.revisionId}
    WHERE function_name = ${a.functionName} AND name = ${a.name} AND revision_id = ${expectedRevision}`);
  return r.changes === 1;
}

export async function deleteAliasRow(tx: SqlRunner, functionName: string, name: string): Promise<void> {
  await tx.run(sql`DELETE FROM lambda_aliases WHERE function_name = ${functionName} AND name = ${name}`);
}

/** Whether any version still uses a code blob. */
export async function blobInUse(db: SqlRunner, blobId: string): Promise<boolean> {
  return (await db.get(sql`SELECT 1 AS used FROM lambda_versions WHERE blob_id = ${blobId} LIMIT 1`)) !== undefined;
}

export async function allBlobIds(db: SqlRunner): Promise<Set<string>> {
  const rows = await db.all<{ blob_id: string }>(sql`SELECT DISTINCT blob_id FROM lambda_versions`);
  return new Set(rows.map((r) => r.blob_id));
}
