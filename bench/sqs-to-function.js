// SQS → function throughput through an event source mapping: N messages (default 20,000)
// are sent with SendMessageBatch to a queue mapped to a trivial Node function (BatchSize
// 10), and the clock runs until every message was processed and deleted. Reported: the
// drain rate (the queue preloaded, then the mapping created) and end to end (sending and
// draining at once). Baseline in the same run: a raw better-sqlite3 loop over the same
// messages (insert in transactions of 10, then select 10 + delete them per transaction),
// the floor for storing and consuming them on this machine.
// Usage: node bench/sqs-to-function.js [messages=20000]
'use strict';
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const Database = require('better-sqlite3');
const { CreateEventSourceMappingCommand } = require('@aws-sdk/client-lambda');
const { SQSClient, CreateQueueCommand, SendMessageBatchCommand, GetQueueAttributesCommand } = require('@aws-sdk/client-sqs');
const { nimbus } = require('./lib');

const N = Number(process.argv[2] || 20_000);
const body = (i) => JSON.stringify({ order: i, item: 'widget', qty: 1 + (i % 7) });

function floor() {
  const dir = mkdtempSync(join(tmpdir(), 'nimbus-bench-sqlite-'));
  const db = new Database(join(dir, 'q.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE m (seq INTEGER PRIMARY KEY, body TEXT NOT NULL, visible_at INTEGER NOT NULL)');
  const insert = db.prepare('INSERT INTO m (body, visible_at) VALUES (?, 0)');
  const take = db.prepare('SELECT seq, body FROM m WHERE visible_at <= ? ORDER BY seq LIMIT 10');
  const del = db.prepare('DELETE FROM m WHERE seq = ?');
  const t0 = performance.now();
  const send = db.transaction((from) => { for (let i = from; i < Math.min(N, from + 10); i++) insert.run(body(i)); });
  for (let i = 0; i < N; i += 10) send(i);
  const consume = db.transaction(() => { const rows = take.all(Date.now()); for (const r of rows) del.run(r.seq); return rows.length; });
  let n = 0;
  while (n < N) n += consume();
  const ms = performance.now() - t0;
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return N / (ms / 1000);
}

async function sendAll(sqs, url) {
  let next = 0;
  const worker = async () => {
    while (next < N) {
      const from = next;
      next += 10;
      await sqs.send(new SendMessageBatchCommand({ QueueUrl: url,
        Entries: Array.from({ length: Math.min(10, N - from) }, (_, j) => ({ Id: `m${j}`, MessageBody: body(from + j) })) }));
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

async function drained(sqs, url) {
  for (;;) {
    const a = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }))).Attributes;
    if (Number(a.ApproximateNumberOfMessages) + Number(a.ApproximateNumberOfMessagesNotVisible) === 0) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function run(mode) {
  const n = await nimbus({ stemCells: true });
  const sqs = new SQSClient({ endpoint: n.server.awsUrl, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 });
  try {
    await n.create('consumer', 'exports.handler = async (e) => ({ n: e.Records.length });');
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: `bench-${mode}` }));
    const arn = `arn:aws:sqs:us-east-1:000000000000:bench-${mode}`;
    const map = () => n.lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'consumer', EventSourceArn: arn, BatchSize: 10 }));
    let t0;
    if (mode === 'drain') {
      await sendAll(sqs, QueueUrl);
      t0 = performance.now();
      await map();
    } else {
      await map();
      t0 = performance.now();
      await sendAll(sqs, QueueUrl);
    }
    await drained(sqs, QueueUrl);
    return N / ((performance.now() - t0) / 1000);
  } finally {
    sqs.destroy();
    await n.close();
  }
}

(async () => {
  const base = floor();
  const drain = await run('drain');
  const e2e = await run('end-to-end');
  console.log(`messages: ${N}, BatchSize 10`);
  console.log(`raw SQLite insert + select/delete floor: ${base.toFixed(0)} msg/s`);
  console.log(`Nimbus drain (queue preloaded):        ${drain.toFixed(0)} msg/s  (${(drain / base * 100).toFixed(1)}% of the floor)`);
  console.log(`Nimbus end to end (send + process):    ${e2e.toFixed(0)} msg/s  (${(e2e / base * 100).toFixed(1)}% of the floor)`);
})().catch((e) => { console.error(e); process.exit(1); });
