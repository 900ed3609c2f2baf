// Warm HTTP through the gateway to a hello function, with wrk (Debian's package), next
// to a bare node:http hello server measured in the same run. Each side gets a 5 s warm-up
// run at the same concurrency first (the issue asks for warm throughput).
// Usage: node bench/http-gateway.js [duration=10s] [connections=64]
'use strict';
const { spawn } = require('node:child_process');
const { createServer } = require('node:http');
const { join } = require('node:path');
const { nimbus } = require('./lib');

const DURATION = process.argv[2] || '10s';
const CONNS = process.argv[3] || '64';
const WARMUP = '5s';

function wrk(url, duration = DURATION) {
  return new Promise((resolve, reject) => {
    const p = spawn('wrk', ['-t2', `-c${CONNS}`, `-d${duration}`, '--latency', url]);
    let out = '';
    p.stdout.on('data', (c) => { out += c; });
    p.once('error', (e) => reject(new Error(`wrk is needed (apt-get install wrk): ${e.message}`)));
    p.once('exit', () => {
      const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]);
      const pct = (p) => { const m = new RegExp(`\\s${p}%\\s+([\\d.]+)(us|ms|s)`).exec(out); if (!m) return NaN;
        return Number(m[1]) * (m[2] === 'us' ? 0.001 : m[2] === 's' ? 1000 : 1); };
      const errors = /Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1];
      resolve({ rps, p50: pct(50), p99: pct(99), errors: Number(errors || 0) });
    });
  });
}

async function main() {
  const bare = createServer((req, res) => { res.writeHead(200, { 'content-type': 'application/json' }); res.end('{"id":"1","query":{}}'); });
  await new Promise((r) => bare.listen(0, '127.0.0.1', r));
  // Both sides are measured warm: a first run at the same concurrency (JIT, environments) is discarded.
  await wrk(`http://127.0.0.1:${bare.address().port}/users/1`, WARMUP);
  const b = await wrk(`http://127.0.0.1:${bare.address().port}/users/1`);
  bare.close();
  const n = await nimbus();
  let g;
  try {
    await n.server.deployer.deploy(join(__dirname, '..', 'examples', 'http-api'));
    await fetch(`${n.server.httpUrl}/users/1`);
    await wrk(`${n.server.httpUrl}/users/1`, WARMUP);
    g = await wrk(`${n.server.httpUrl}/users/1`);
  } finally {
    await n.close();
  }
  console.log(`HTTP gateway (wrk -t2 -c${CONNS} -d${DURATION}, GET /users/1 of examples/http-api)`);
  console.log(`  baseline node:http   ${b.rps.toFixed(0)} req/s  p50 ${b.p50.toFixed(2)} ms  p99 ${b.p99.toFixed(2)} ms`);
  console.log(`  nimbus gateway       ${g.rps.toFixed(0)} req/s  p50 ${g.p50.toFixed(2)} ms  p99 ${g.p99.toFixed(2)} ms  non-2xx ${g.errors}`);
  console.log(`  ratio nimbus/bare    throughput ${(g.rps / b.rps).toFixed(2)}x  p99 ${(g.p99 / b.p99).toFixed(2)}x`);
}

main().catch((e) => { console.error(e); process.exit(1); });
