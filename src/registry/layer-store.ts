// All SQL of layers: one row per layer (its next version number: numbers are never
// reused after a delete, as on Lambda) and one per version, its metadata one JSON text
// column and its archive a blob id. A deleted version keeps its row, marked deleted,
// while a function version still uses its content; portable SQL for SQLite and PostgreSQL.
import type { Sql, SqlRunner } from '../store/sql';
import { sql } from '../store/sql';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS lambda_layers (
  name TEXT PRIMARY KEY,
  next_version BIGINT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS lambda_layer_versions (
  layer_name TEXT NOT NULL,
  version BIGINT NOT NULL,
  blob_id TEXT NOT NULL,
  config TEXT NOT NULL,
  deleted INTEGER NOT NULL,
  PRIMARY KEY (layer_name, version)
)`;

/** One layer version as stored. */
export interface LayerVersionRecord {
  layerName: string;
  version: number;
  blobId: string;
  description: string;
  compatibleRuntimes: string[];
  compatibleArchitectures: string[];
  licenseInfo?: string;
  /** base64 SHA-256 of the archive. */
  codeSha256: string;
  codeSize: number;
  /** Epoch ms. */
  createdDate: number;
  deleted: boolean;
}

interface Row { layer_name: string; version: number; blob_id: string; config: string; deleted: number }

const toRecord = (r: Row): LayerVersionRecord => ({
  ...JSON.parse(r.config), layerName: r.layer_name, version: Number(r.version), blobId: r.blob_id, deleted: Number(r.deleted) === 1,
});

export async function applyLayerSchema(db: Sql): Promise<void> {
  await db.exec(SCHEMA);
}

/** Takes the layer's next version number, creating the layer on its first version. */
export async function takeLayerVersion(tx: SqlRunner, name: string, now: number): Promise<number> {
  await tx.run(sql`INSERT INTO lambda_layers (name, next_version, created_at) VALUES (${name}, 1, ${now})
    ON CONFLICT (name) DO NOTHING`);
  const row = await tx.get<{ n: number }>(sql`UPDATE lambda_layers SET next_version = next_version + 1
    WHERE name = ${name} RETURNING next_version - 1 AS n`);
  if (!row) throw new Error(`layer ${name} vanished while publishing a version`);
  return Number(row.n);
}

export async function insertLayerVersion(tx: SqlRunner, v: LayerVersionRecord): Promise<void> {
  const { layerName, version, blobId, deleted: _d, ...config } = v;
  await tx.run(sql`INSERT INTO lambda_layer_versions (layer_name, version, blob_id, config, deleted)
    VALUES (${layerName}, ${version}, ${blobId}, ${JSON.stringify(config)}, 0)`);
}

/** Versions not deleted: of one layer, or of every layer (by name, then version). */
export async function liveLayerVersions(db: SqlRunner, name?: string): Promise<LayerVersionRecord[]> {
  const rows = name === undefined
    ? await db.all<Row>(sql`SELECT * FROM lambda_layer_versions WHERE deleted = 0 ORDER BY layer_name, version`)
    : await db.all<Row>(sql`SELECT * FROM lambda_layer_versions WHERE deleted = 0 AND layer_name = ${name} ORDER BY version`);
  return rows.map(toRecord);
}

export async function getLayerVersion(db: SqlRunner, name: string, version: number): Promise<LayerVersionRecord | undefined> {
  const row = await db.get<Row>(sql`SELECT * FROM lambda_layer_versions WHERE layer_name = ${name} AND version = ${version}`);
  return row ? toRecord(row) : undefined;
}

export async function markLayerVersionDeleted(db: SqlRunner, name: string, version: number): Promise<void> {
  await db.run(sql`UPDATE lambda_layer_versions SET deleted = 1 WHERE layer_name = ${name} AND version = ${version}`);
}

export async function deletedLayerVersions(db: SqlRunner): Promise<LayerVersionRecord[]> {
  return (await db.all<Row>(sql`SELECT * FROM lambda_layer_versions WHERE deleted = 1`)).map(toRecord);
}

export async function removeLayerVersionRow(db: SqlRunner, name: string, version: number): Promise<void> {
  await db.run(sql`DELETE FROM lambda_layer_versions WHERE layer_name = ${name} AND version = ${version} AND deleted = 1`);
}

export async function layerBlobIds(db: SqlRunner): Promise<Set<string>> {
  const rows = await db.all<{ blob_id: string }>(sql`SELECT DISTINCT blob_id FROM lambda_layer_versions`);
  return new Set(rows.map((r) => r.blob_id));
}
