// `nimbus tables` and `nimbus scan` against a real server, on tables made with the official client.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CreateTableCommand, DynamoDBClient, PutItemCommand, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import { startTestNimbus, type TestNimbus } from './harness';

const BIN = join(__dirname, '..', '..', 'bin', 'nimbus.js');

function run(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (c) => { stdout += c; });
    p.stderr.on('data', (c) => { stderr += c; });
    p.on('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('nimbus tables / scan', () => {
  let t: TestNimbus;
  let ddb: DynamoDBClient;
  before(async () => {
    t = await startTestNimbus();
    ddb = new DynamoDBClient({ endpoint: t.server.awsUrl, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  });
  after(async () => { ddb.destroy(); await t.close(); });

  it('lists the tables and prints their items as plain JSON', async () => {
    const empty = await run('tables', '--endpoint', t.server.awsUrl);
    assert.match(empty.stdout, /No tables/);
    await ddb.send(new CreateTableCommand({ TableName: 'users', BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }] }));
    await waitUntilTableExists({ client: ddb, maxWaitTime: 20, minDelay: 1, maxDelay: 1 }, { TableName: 'users' });
    await ddb.send(new PutItemCommand({ TableName: 'users', Item: { id: { S: 'u1' }, age: { N: '42' }, tags: { SS: ['a'] },
      address: { M: { city: { S: 'Oslo' } } } } }));
    const tables = await run('tables', '--endpoint', t.server.awsUrl);
    assert.equal(tables.status, 0, tables.stderr);
    assert.match(tables.stdout, /^NAME\s+KEYS\s+STATUS\s+ITEMS\s+STREAM\nusers\s+id \(S, hash\)\s+ACTIVE\s+1\s+-\n$/);
    const scan = await run('scan', 'users', '--endpoint', t.server.awsUrl);
    assert.equal(scan.status, 0, scan.stderr);
    assert.deepEqual(JSON.parse(scan.stdout), { id: 'u1', age: 42, tags: ['a'], address: { city: 'Oslo' } });
    const missing = await run('scan', 'nope', '--endpoint', t.server.awsUrl);
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /ResourceNotFoundException/);
  });
});
