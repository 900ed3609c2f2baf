// Nothing acknowledged is lost, and a stream never skips or reorders a change of one item:
// a Nimbus started through the CLI takes concurrent UpdateItems (ADD v 1) on a few items of
// a table whose stream feeds a function, is killed with SIGKILL mid-run and restarted on the
// same data dir. Every acknowledged increment is in the table, and the function sees each
// item's values 1..final with no gap, first seen in order (repeats only from the batch in flight).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateEventSourceMappingCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, GetItemCommand, UpdateItemCommand, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import { createFunction, eventually, fileLines } from './harness';
import { alive, descendants, startServerProcess, stopServerProcess, type ServerProcess } from './server-process';

const ITEMS = 20;
const WRITERS = 8;
const BATCH_SIZE = 20;

/** Appends `pk v` per record (its NewImage), one write per batch, after a pause: the stream lags the writes. */
const RECORDER = `const fs = require('fs');
exports.handler = async (event) => {
  await new Promise((r) => setTimeout(r, 50));
  fs.appendFileSync(process.env.OUT, event.Records.map((r) => r.dynamodb.NewImage.pk.S + ' ' + r.dynamodb.NewImage.v.N).join('\\n') + '\\n');
};`;

const clients = (aws: string) => {
  const c = { endpoint: aws, region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 1 };
  return { ddb: new DynamoDBClient(c), lambda: new LambdaClient(c) };
};
const lines = (file: string): [string, number][] =>
  fileLines(file).map((l) => { const [pk, v] = l.split(' '); return [pk, Number(v)] as [string, number]; });

describe('kill -9 during DynamoDB writes with a stream', () => {
  it('keeps every acknowledged write, and the stream neither skips nor reorders an item\'s changes', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'nimbus-k9-ddb-'));
    const work = mkdtempSync(join(tmpdir(), 'nimbus-k9-ddb-out-'));
    const out = join(work, 'stream.txt');
    const logFile = join(work, 'server.log');
    const servers: ServerProcess[] = [];
    try {
      const first = await startServerProcess(dataDir, logFile);
      servers.push(first);
      const c1 = clients(first.aws);
      await c1.ddb.send(new CreateTableCommand({ TableName: 'k9-items', BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' } }));
      await waitUntilTableExists({ client: c1.ddb, maxWaitTime: 20, minDelay: 1, maxDelay: 1 }, { TableName: 'k9-items' });
      const streamArn = (await c1.ddb.send(new DescribeTableCommand({ TableName: 'k9-items' }))).Table!.LatestStreamArn!;
      await createFunction(c1.lambda, 'k9-recorder', { 'index.js': RECORDER }, { env: { OUT: out } });
      await c1.lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'k9-recorder', EventSourceArn: streamArn,
        StartingPosition: 'TRIM_HORIZON', BatchSize: BATCH_SIZE }));

      // Writers increment items round-robin until the server dies under them.
      const acked = new Map<string, number>();
      let stop = false;
      const writers = Array.from({ length: WRITERS }, async (_, w) => {
        for (let i = w; !stop; i += WRITERS) {
          const pk = `item-${i % ITEMS}`;
          try {
            await c1.ddb.send(new UpdateItemCommand({ TableName: 'k9-items', Key: { pk: { S: pk } }, UpdateExpression: 'ADD v :one',
              ExpressionAttributeValues: { ':one': { N: '1' } } }));
            acked.set(pk, (acked.get(pk) ?? 0) + 1);
          } catch {
            return; // the server is gone: this write was not acknowledged
          }
        }
      });
      const totalSoFar = () => [...acked.values()].reduce((a, b) => a + b, 0);
      // Killed while the stream lags (records not yet delivered), so the kill interrupts its delivery.
      await eventually(() => lines(out).length >= 300 && totalSoFar() >= 2000 && totalSoFar() - lines(out).length >= 2 * BATCH_SIZE, 60_000);
      const tree = descendants(first.proc.pid!);
      first.proc.kill('SIGKILL');
      await new Promise((r) => first.proc.once('exit', r));
      stop = true;
      await Promise.all(writers);
      c1.ddb.destroy();
      c1.lambda.destroy();
      await eventually(() => tree.every((pid) => !alive(pid)), 5000).catch(() => assert.fail(`left behind: ${tree.filter(alive).join(', ')}`));
      const totalAcked = [...acked.values()].reduce((a, b) => a + b, 0);
      const seenAtKill = lines(out).length;
      assert.ok(seenAtKill < totalAcked, `changes still unprocessed at the kill: ${totalAcked - seenAtKill}`);

      const second = await startServerProcess(dataDir, logFile);
      servers.push(second);
      const c2 = clients(second.aws);
      const final = new Map<string, number>();
      for (let i = 0; i < ITEMS; i++) {
        const pk = `item-${i}`;
        const item = (await c2.ddb.send(new GetItemCommand({ TableName: 'k9-items', Key: { pk: { S: pk } }, ConsistentRead: true }))).Item;
        const v = Number(item?.v?.N ?? 0);
        // Acknowledged increments are all there; at most one unacknowledged write per writer may have committed too.
        assert.ok(v >= (acked.get(pk) ?? 0), `${pk}: ${v} < ${acked.get(pk)} acknowledged`);
        final.set(pk, v);
      }
      const maxFinal = [...final.values()].reduce((a, b) => a + b, 0);
      assert.ok(maxFinal - totalAcked <= WRITERS, `${maxFinal - totalAcked} writes committed without an acknowledgement`);
      c2.ddb.destroy();
      c2.lambda.destroy();

      // The stream catches up: every value of every item reaches the function.
      await eventually(() => {
        const best = new Map<string, number>();
        for (const [pk, v] of lines(out)) best.set(pk, Math.max(best.get(pk) ?? 0, v));
        return [...final].every(([pk, v]) => (best.get(pk) ?? 0) >= v);
      }, 60_000);
      const seen = lines(out);
      for (const [pk, v] of final) {
        const values = seen.filter(([p]) => p === pk).map(([, x]) => x);
        const firsts = values.filter((x, i) => values.indexOf(x) === i);
        assert.deepEqual(firsts, Array.from({ length: v }, (_, i) => i + 1), `${pk}: every change once, in order`);
      }
      const repeats = seen.length - new Set(seen.map(([p, v]) => `${p} ${v}`)).size;
      assert.ok(repeats <= BATCH_SIZE, `${repeats} records delivered twice (at most the batch in flight)`);
      process.stdout.write(`# kill9-dynamodb: ${totalAcked} acknowledged, ${seenAtKill} stream records seen at the kill, `
        + `${maxFinal - totalAcked} unacknowledged writes committed, ${repeats} records redelivered\n`);
    } finally {
      let hung = false;
      for (const s of servers) hung = (await stopServerProcess(s)) || hung;
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(work, { recursive: true, force: true });
      assert.ok(!hung, 'a server did not stop within 20 s of SIGTERM');
    }
  });
});
