// examples/orders deployed as a user would deploy it: its queues (AWS::SQS::Queue resources
// with a dead-letter queue), its orders table (AWS::DynamoDB::Table), the SQS-triggered
// processOrders with ReportBatchItemFailures and the HTTP placeOrder. Good orders are written
// to the table once each and confirmed by one email each, through the SDK clients the runtime
// provides; a redelivered order is neither written nor confirmed again; bad orders are
// reported as batch item failures, retried alone, and moved to the dead-letter queue after
// maxReceiveCount receives.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { GetQueueAttributesCommand, GetQueueUrlCommand, ReceiveMessageCommand, SendMessageBatchCommand, SendMessageCommand,
  type SQSClient } from '@aws-sdk/client-sqs';
import { eventually } from './harness';
import { startSqsNimbus, type SqsNimbus } from './sqs-harness';

const EXAMPLE = join(__dirname, '..', '..', 'examples', 'orders');
/** The example's function timeout and the orders queue's visibility timeout (10 s in the README), shortened so three receives take seconds, not half a minute. */
const SECONDS = 2;

let t: SqsNimbus;
let ddb: DynamoDBClient;
let dir: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nimbus-orders-'));
  cpSync(EXAMPLE, dir, { recursive: true });
  const yml = readFileSync(join(dir, 'serverless.yml'), 'utf8');
  const short = yml.replace('    timeout: 10\n', `    timeout: ${SECONDS}\n`).replace('        VisibilityTimeout: 10\n', `        VisibilityTimeout: ${SECONDS}\n`);
  assert.equal(short.split(`: ${SECONDS}\n`).length, 3, 'the example states its timeout and visibility timeout');
  writeFileSync(join(dir, 'serverless.yml'), short);
  t = await startSqsNimbus();
  ddb = new DynamoDBClient({ endpoint: t.server.awsUrl, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 });
});
after(async () => {
  ddb?.destroy();
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

const url = async (sqs: SQSClient, name: string) => (await sqs.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl!;

async function drain(sqs: SQSClient, queueUrl: string): Promise<{ body: string; receives: number }[]> {
  const out: { body: string; receives: number }[] = [];
  for (;;) {
    const r = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 60,
      MessageSystemAttributeNames: ['ApproximateReceiveCount'] }));
    if (!r.Messages?.length) return out;
    out.push(...r.Messages.map((m) => ({ body: m.Body!, receives: Number(m.Attributes!.ApproximateReceiveCount) })));
  }
}

async function depth(sqs: SQSClient, queueUrl: string): Promise<number> {
  const a = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl,
    AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }))).Attributes!;
  return Number(a.ApproximateNumberOfMessages) + Number(a.ApproximateNumberOfMessagesNotVisible);
}

test('good orders are written and confirmed by email; bad ones are retried alone and dead-lettered', async () => {
  const started = Date.now();
  const result = await t.server.deployer.deploy(dir);
  assert.deepEqual(result.notices, []);
  const [orders, dlq] = await Promise.all(['orders', 'orders-dlq'].map((n) => url(t.sqs, n)));

  const good = Array.from({ length: 12 }, (_, i) => ({ orderId: `o-${i}`, email: `buyer${i}@example.com`,
    items: [{ sku: 'tea', price: 4.5, quantity: i + 1 }] }));
  const bad = ['{"orderId":"no-email","items":[{"sku":"tea","price":1}]}', '{"orderId":"no-items","email":"x@example.com","items":[]}', 'not json'];
  // Good and bad orders share batches, so a bad one must not make its batch's good ones run again.
  const bodies = good.slice(0, 11).map((o) => JSON.stringify(o));
  bad.forEach((b, i) => bodies.splice(2 + 5 * i, 0, b));
  for (let i = 0; i < bodies.length; i += 10) {
    const r = await t.sqs.send(new SendMessageBatchCommand({ QueueUrl: orders,
      Entries: bodies.slice(i, i + 10).map((MessageBody, j) => ({ Id: `e${i + j}`, MessageBody })) }));
    assert.equal(r.Failed?.length ?? 0, 0);
  }
  // One order through the HTTP API (placeOrder enqueues it).
  const placed = await fetch(`${t.server.httpUrl}/orders`, { method: 'POST', body: JSON.stringify(good[11]) });
  assert.equal(placed.status, 202);
  assert.match(((await placed.json()) as { messageId: string }).messageId, /^[0-9a-f-]{36}$/);

  // Each bad order is received 3 times (maxReceiveCount) and moves on the 4th receive.
  await eventually(async () => (await depth(t.sqs, dlq)) === bad.length && (await depth(t.sqs, orders)) === 0, 30_000);
  const dead = await drain(t.sqs, dlq);
  assert.deepEqual(dead.map((m) => m.body).sort(), [...bad].sort());
  // The count moves with the message: its 3 failed receives (the one that moved it is not counted), then ours.
  assert.ok(dead.every((m) => m.receives === 3 + 1), `receive counts ${dead.map((m) => m.receives)}`);

  // The orders table holds each good order once (the table's key is orderId: a Scan sees every item).
  const doc = DynamoDBDocumentClient.from(ddb);
  const scan = async () => ((await doc.send(new ScanCommand({ TableName: 'orders', ConsistentRead: true }))).Items ?? []);
  await eventually(async () => (await scan()).filter((o) => o.confirmedAt).length === good.length, 10_000);
  const written = await scan();
  assert.deepEqual(written.map((o) => o.orderId).sort(), good.map((o) => o.orderId).sort(), 'each good order written once');
  const o3 = written.find((o) => o.orderId === 'o-3')!;
  assert.equal(o3.total, 18);
  assert.ok(!Number.isNaN(Date.parse(o3.processedAt)));

  const { messages } = await (await fetch(`${t.server.awsUrl}/_nimbus/mail?limit=100`)).json() as
    { messages: { to: string[]; source: string; subject: string }[] };
  assert.deepEqual(messages.map((m) => m.subject).sort(), good.map((o) => `Order ${o.orderId} confirmed`).sort(), 'one email per good order');
  const m3 = messages.find((m) => m.subject === 'Order o-3 confirmed')!;
  assert.deepEqual([m3.source, m3.to], ['orders@example.com', ['buyer3@example.com']]);

  // SQS delivers at least once: the same order again is neither written nor confirmed again.
  await t.sqs.send(new SendMessageCommand({ QueueUrl: orders, MessageBody: JSON.stringify({ ...good[3], items: [{ sku: 'other', price: 1 }] }) }));
  await eventually(async () => (await depth(t.sqs, orders)) === 0, 10_000);
  const again = await scan();
  assert.equal(again.length, good.length);
  assert.deepEqual(again.find((o) => o.orderId === 'o-3'), o3);
  const mail = await (await fetch(`${t.server.awsUrl}/_nimbus/mail?limit=100`)).json() as { messages: unknown[] };
  assert.equal(mail.messages.length, good.length, 'no second email');
  process.stdout.write(`# orders example: done in ${Date.now() - started} ms\n`);
});
