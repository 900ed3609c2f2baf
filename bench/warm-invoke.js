// Warm invoke through the Lambda API with the official client, p50/p99 and
// invokes/s, next to a bare node:http server answering the same round trip (same
// client, same path, same body) in the same run.
// Usage: node bench/warm-invoke.js [sequential=2000] [concurrency=8] [concurrentTotal=4000]
'use strict';
const { createServer } = require('node:http');
const { InvokeCommand } = require('@aws-sdk/client-lambda');
const { stats, fmt, client, nimbus } = require('./lib');

const SEQ = Number(process.argv[2] || 2000);
const CONC = Number(process.argv[3] || 8);
const TOTAL = Number(process.argv[4] || 4000);

async function measure(lambda, name) {
  const cmd = () => new InvokeCommand({ FunctionName: name, Payload: '{"name":"bench"}' });
  for (let i = 0; i < 200; i++) await lambda.send(cmd()); // warm up
  const lat = [];
  for (let i = 0; i < SEQ; i++) {
    const t0 = performance.now();
    const r = await lambda.send(cmd());
    lat.push(performance.now() - t0);
    if (r.FunctionError) throw new Error('function error');
  }
  let next = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: CONC }, async () => { while (next++ < TOTAL) await lambda.send(cmd()); }));
  const rate = TOTAL / ((performance.now() - t0) / 1000);
  return { ...stats(lat), rate };
}

async function main() {
  const bare = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json', 'x-amz-executed-version': '$LATEST' });
      res.end('{"hello":"bench"}');
    });
  });
  await new Promise((r) => bare.listen(0, '127.0.0.1', r));
  const bareClient = client(`http://127.0.0.1:${bare.address().port}`);
  const b = await measure(bareClient, 'hello');
  bareClient.destroy();
  bare.close();

  const n = await nimbus();
  let w;
  try {
    await n.create('hello');
    w = await measure(n.lambda, 'hello');
  } finally {
    await n.close();
  }
  console.log(`warm invoke (sequential ${SEQ}; then ${TOTAL} with concurrency ${CONC}; @aws-sdk/client-lambda)`);
  console.log(`  baseline node:http   p50 ${fmt(b.p50)}  p99 ${fmt(b.p99)}  ${b.rate.toFixed(0)} invokes/s`);
  console.log(`  nimbus               p50 ${fmt(w.p50)}  p99 ${fmt(w.p99)}  ${w.rate.toFixed(0)} invokes/s`);
  console.log(`  ratio nimbus/bare    p50 ${(w.p50 / b.p50).toFixed(2)}x  p99 ${(w.p99 / b.p99).toFixed(2)}x  throughput ${(w.rate / b.rate).toFixed(2)}x`);
}

main().catch((e) => { console.error(e); process.exit(1); });
