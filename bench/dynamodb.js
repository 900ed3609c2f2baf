// DynamoDB throughput through the SDK v3 over HTTP: PutItem, GetItem and Query (100 items per
// partition, one page of 100) against Nimbus (SQLite, its own process) and, in the same run,
// dynalite (the npm package, in-memory LevelDB, its own process). Same client, same
// concurrency; ops/s, p50/p99 and the ratio Nimbus / dynalite.
// Usage: node bench/dynamodb.js [seconds per round=3] [concurrency=16]
'use strict';
const { spawn } = require('node:child_process');
const { mkdtempSync, readFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { Agent } = require('node:http');
const { DynamoDBClient, CreateTableCommand, PutItemCommand, GetItemCommand, QueryCommand, BatchWriteItemCommand, DescribeTableCommand } = require('@aws-sdk/client-dynamodb');
const { NodeHttpHandler } = require('@smithy/node-http-handler');
const { stats } = require('./lib');

const SECONDS = Number(process.argv[2] || 3);
const CONC = Number(process.argv[3] || 16);
const PARTITIONS = 20;

function serve(kind, dir) {
  const code = kind === 'nimbus'
    ? `require('${join(__dirname, '..', 'dist', 'main')}').startNimbus({ port: 0, httpPort: 0, dataDir: ${JSON.stringify(dir)}, stemCells: false, log: () => {} })
        .then((s) => console.log(s.awsUrl))`
    : `const d = require('dynalite')({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 }); d.listen(0, '127.0.0.1', () => console.log('http://127.0.0.1:' + d.address().port))`;
  const p = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    p.stdout.once('data', (d) => resolve({ url: String(d).trim(), pid: p.pid, stop: () => p.kill('SIGKILL') }));
    p.once('exit', (c) => reject(new Error(`${kind} exited ${c}`)));
  });
}

/** CPU time (user + system) of a process in ms, from /proc (Linux). */
function cpuMs(pid) {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) * 10; // clock ticks of 10 ms
  } catch { return NaN; }
}

async function phase(fn, pid) {
  const cpu0 = cpuMs(pid);
  const lat = [];
  const end = Date.now() + SECONDS * 1000;
  let i = 0;
  await Promise.all(Array.from({ length: CONC }, async () => {
    while (Date.now() < end) {
      const n = i++;
      const t = performance.now();
      await fn(n);
      lat.push(performance.now() - t);
    }
  }));
  const s = stats(lat);
  return { ops: lat.length / SECONDS, p50: s.p50, p99: s.p99, cpuUs: ((cpuMs(pid) - cpu0) * 1000) / lat.length };
}

const item = (pk, sk) => ({ pk: { S: pk }, sk: { N: String(sk) }, name: { S: `user ${sk}` }, score: { N: String(sk * 7) }, tags: { SS: ['a', 'b'] } });

/** Creates the table with PARTITIONS × 100 items; returns the SDK operations. */
async function sdkOps(url) {
  const ddb = new DynamoDBClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1,
    requestHandler: new NodeHttpHandler({ httpAgent: new Agent({ keepAlive: true, maxSockets: CONC }) }) });
  await ddb.send(new CreateTableCommand({ TableName: 'bench', BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'N' }],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }] }));
  while ((await ddb.send(new DescribeTableCommand({ TableName: 'bench' }))).Table.TableStatus !== 'ACTIVE') await new Promise((r) => setTimeout(r, 20));
  for (let p = 0; p < PARTITIONS; p++) {
    for (let i = 0; i < 100; i += 25) {
      await ddb.send(new BatchWriteItemCommand({ RequestItems: { bench: Array.from({ length: 25 }, (_, j) => ({ PutRequest: { Item: item(`q${p}`, i + j) } })) } }));
    }
  }
  return {
    PutItem: (n) => ddb.send(new PutItemCommand({ TableName: 'bench', Item: item(`w${n % 1000}`, n) })),
    GetItem: (n) => ddb.send(new GetItemCommand({ TableName: 'bench', Key: { pk: { S: `q${n % PARTITIONS}` }, sk: { N: String(n % 100) } } })),
    Query: async (n) => {
      const r = await ddb.send(new QueryCommand({ TableName: 'bench', KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: `q${n % PARTITIONS}` } } }));
      if (r.Count !== 100) throw new Error(`query returned ${r.Count}`);
    },
  };
}

// The same operations as raw HTTP requests (no SDK: the SDK's own CPU cost caps what one
// client process can send on a small machine), to see the servers' own throughput.
function raw(url) {
  const { hostname, port } = new URL(url);
  const agent = new Agent({ keepAlive: true, maxSockets: CONC });
  const auth = 'AWS4-HMAC-SHA256 Credential=x/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date;x-amz-target, Signature=00';
  return (op, body) => new Promise((resolve, reject) => {
    const data = Buffer.from(JSON.stringify(body));
    const req = require('node:http').request({ hostname, port, method: 'POST', path: '/', agent, headers: {
      'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `DynamoDB_20120810.${op}`, 'x-amz-date': '20260101T000000Z',
      authorization: auth, 'content-length': data.length } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => (res.statusCode === 200 ? resolve(Buffer.concat(chunks)) : reject(new Error(`${op}: ${res.statusCode} ${Buffer.concat(chunks)}`))));
    });
    req.once('error', reject);
    req.end(data);
  });
}

function rawOps(url) {
  const call = raw(url);
  return {
    PutItem: (n) => call('PutItem', { TableName: 'bench', Item: item(`r${n % 1000}`, n) }),
    GetItem: (n) => call('GetItem', { TableName: 'bench', Key: { pk: { S: `q${n % PARTITIONS}` }, sk: { N: String(n % 100) } } }),
    Query: (n) => call('Query', { TableName: 'bench', KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: `q${n % PARTITIONS}` } } }),
  };
}

const ROUNDS = 3;
const median = (runs) => [...runs].sort((a, b) => a.ops - b.ops)[Math.floor(runs.length / 2)];

// Both servers run at once; each operation alternates between them for ROUNDS rounds (the
// machine may be shared: alternating spreads any outside load over both), after a warm-up
// round; the median round is reported.
async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'nimbus-ddb-bench-'));
  const servers = {};
  const results = {};
  try {
    for (const kind of ['nimbus', 'dynalite']) {
      try { servers[kind] = await serve(kind, dir); } catch (e) { console.log(`${kind}: ${e.message}`); }
    }
    const ops = {};
    for (const kind of Object.keys(servers)) {
      ops[kind] = await sdkOps(servers[kind].url);
      ops[`${kind}-raw`] = rawOps(servers[kind].url);
    }
    for (const suffix of ['', '-raw']) {
      for (const op of ['PutItem', 'GetItem', 'Query']) {
        const runs = {};
        for (let round = 0; round <= ROUNDS; round++) {
          for (const kind of Object.keys(servers)) {
            const r = await phase(ops[kind + suffix][op], servers[kind].pid);
            if (round > 0) (runs[kind + suffix] ??= []).push(r); // round 0 warms up
          }
        }
        for (const [k, v] of Object.entries(runs)) (results[k] ??= {})[op] = median(v);
      }
    }
  } finally {
    for (const s of Object.values(servers)) s.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const f = (r) => (r ? `${r.ops.toFixed(0).padStart(6)} ops/s  p50 ${r.p50.toFixed(2)} ms  p99 ${r.p99.toFixed(2)} ms  server CPU ${r.cpuUs.toFixed(0)} µs/op` : 'n/a');
  for (const [suffix, title] of [['', 'through the SDK v3'], ['-raw', 'as raw HTTP requests']]) {
    console.log(`DynamoDB ${title}, ${CONC} concurrent requests, median of ${ROUNDS} alternating ${SECONDS} s rounds`);
    for (const op of ['PutItem', 'GetItem', 'Query']) {
      const n = results[`nimbus${suffix}`]?.[op];
      const d = results[`dynalite${suffix}`]?.[op];
      console.log(`  ${op.padEnd(8)} nimbus ${f(n)}\n           dynalite ${f(d)}\n           ratio: ${n && d ? (n.ops / d.ops).toFixed(2) : 'n/a'}x ops/s, ${n && d ? (d.cpuUs / n.cpuUs).toFixed(2) : 'n/a'}x less server CPU per op`);
    }
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
