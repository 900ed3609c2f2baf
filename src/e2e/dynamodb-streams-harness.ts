// DynamoDB + DynamoDB Streams on one listener over a temp SQLite, with a clock that can jump
// ahead (trimming, iterator expiry), and the SDK v3 clients pointed at it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { startAwsListener } from '../gateway/aws-listener';
import type { Clock } from '../kernel/clock';
import { createDynamoDbService } from '../services/dynamodb';
import { openDynamoDbStreams, tableCatalog, type DynamoDbStreamsService } from '../services/dynamodb-streams';
import { openSqlite } from '../store/sqlite/sqlite-sql';

export interface TestStreams {
  ddb: DynamoDBClient; streams: DynamoDBStreamsClient; service: DynamoDbStreamsService;
  /** Moves the clock ahead. */
  advance(ms: number): void;
  close(): Promise<void>;
}

export async function startTestStreams(): Promise<TestStreams> {
  const dir = mkdtempSync(join(tmpdir(), 'nimbus-ddbs-'));
  const sql = openSqlite(join(dir, 'db.sqlite'));
  let offset = 0;
  const clock: Clock = {
    now: () => Date.now() + offset, monotonic: () => performance.now() + offset,
    setTimer(ms, fn) { const t = setTimeout(fn, ms); t.unref?.(); return { cancel: () => clearTimeout(t) }; },
  };
  const account = { accountId: '000000000000', region: 'us-east-1' };
  const dynamodb = createDynamoDbService({ sql, clock, account, log: (m) => process.stderr.write(`${m}\n`), ttlSweepMs: 3_600_000 });
  await dynamodb.start();
  const service = await openDynamoDbStreams({ sql, clock, account, log: () => {}, catalog: tableCatalog(dynamodb.invoke, () => clock.now(), 0), trimEveryMs: 3_600_000 });
  dynamodb.onItemChange(service.recordChange);
  const listener = await startAwsListener({ port: 0, host: '127.0.0.1', services: [dynamodb.service, service.service], admin: async () => {}, log: () => {} });
  const endpoint = `http://127.0.0.1:${listener.port}`;
  const config = { endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 };
  const ddb = new DynamoDBClient(config);
  const streams = new DynamoDBStreamsClient(config);
  return {
    ddb, streams, service,
    advance(ms) { offset += ms; },
    async close() {
      ddb.destroy();
      streams.destroy();
      service.stop();
      dynamodb.stop();
      await listener.close();
      await sql.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
