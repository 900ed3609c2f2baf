// A DynamoDB-only endpoint for the DynamoDB end-to-end tests: the service on the AWS
// listener over a temp SQLite (or a PostgreSQL test schema), with the SDK v3 client and the
// Document client pointed at it. (Restart durability uses the whole server: dynamodb.test.ts.)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { realClock } from '../kernel/clock';
import { startAwsListener } from '../gateway/aws-listener';
import { createDynamoDbService, type DynamoDbService } from '../services/dynamodb';
import { openSqlite } from '../store/sqlite/sqlite-sql';
import { openTestPostgres } from '../store/testing';

export interface TestDynamo { url: string; ddb: DynamoDBClient; doc: DynamoDBDocumentClient; service: DynamoDbService; close(): Promise<void> }

export type Engine = 'SQLite' | 'PostgreSQL';
export const ENGINES: Engine[] = ['SQLite', 'PostgreSQL'];

export async function startTestDynamo(o: { activationMs?: number; engine?: Engine } = {}): Promise<TestDynamo> {
  const dir = mkdtempSync(join(tmpdir(), 'nimbus-ddb-'));
  const pg = o.engine === 'PostgreSQL' ? await openTestPostgres() : undefined;
  const sql = pg ? pg.sql : openSqlite(join(dir, 'db.sqlite'));
  const service = createDynamoDbService({ sql, clock: realClock, account: { accountId: '000000000000', region: 'us-east-1' },
    log: (m) => process.stderr.write(`${m}\n`), activationMs: o.activationMs, ttlSweepMs: 3_600_000 });
  await service.start();
  const listener = await startAwsListener({ port: 0, host: '127.0.0.1', services: [service.service], admin: async () => {}, log: () => {} });
  const url = `http://127.0.0.1:${listener.port}`;
  const ddb = new DynamoDBClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 });
  const doc = DynamoDBDocumentClient.from(ddb, { marshallOptions: { removeUndefinedValues: true } });
  return {
    url, ddb, doc, service,
    async close() {
      ddb.destroy();
      service.stop();
      await listener.close();
      if (pg) await pg.cleanup(); else await sql.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The error a promise rejects with (fails when it resolves). */
export async function failure(p: Promise<unknown>): Promise<{ name: string; message: string; [k: string]: unknown }> {
  try { await p; } catch (e) { return e as { name: string; message: string }; }
  throw new Error('expected the call to fail');
}
