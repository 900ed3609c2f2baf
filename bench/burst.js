// Burst: n parallel first invokes of one never-invoked hello function, all sent at once
// through @aws-sdk/client-lambda (one socket each): successes, errors by name, p50/p99
// latency, time to the last answer, environments started. A never-invoked function is not
// under the CPU governor (pool/cpu-slots.ts), so the burst scales out to one environment per
// invoke that finds no idle one. Baseline in the same run: n parallel spawns of `node -e 0`,
// time until the last one exits. `warmSockets` client connections are opened (on another
// function) before the burst; the others connect during it, which paces the burst (see
// RESULTS.md, 2026-11-27 evening: with all n pre-opened, environment starts pile up).
// Usage: node bench/burst.js [n=500] [warmSockets=64]
'use strict';
const http = require('node:http');
const { spawn } = require('node:child_process');
const { InvokeCommand } = require('@aws-sdk/client-lambda');
const { NodeHttpHandler } = require('@smithy/node-http-handler');
const runtimes = require('../dist/pool/runtimes');
const { stats, fmt, nimbus } = require('./lib');

const N = Number(process.argv[2] || 500);
const WARM = Number(process.argv[3] || 64); // connections opened (and server paths warmed) before the burst

function spawnOne() {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const p = spawn(process.execPath, ['-e', '0'], { env: { PATH: '/usr/bin:/bin' }, stdio: 'ignore' });
    p.once('error', () => resolve(NaN));
    p.once('exit', () => resolve(performance.now() - t0));
  });
}

async function floor() {
  const t0 = performance.now();
  const each = await Promise.all(Array.from({ length: N }, spawnOne));
  return { last: performance.now() - t0, ...stats(each.filter((x) => !Number.isNaN(x))) };
}

async function main() {
  const f = await floor();
  // Note when each environment process is started (the pool asks for its command just before).
  const starts = [];
  const original = runtimes.runtimeCommand;
  runtimes.runtimeCommand = (config) => { if (config.functionName === 'burst') starts.push(performance.now()); return original(config); };
  const agent = new http.Agent({ keepAlive: true, maxSockets: N });
  const n = await nimbus({ idleTimeoutMs: 0 }, { requestHandler: new NodeHttpHandler({ httpAgent: agent, connectionTimeout: 60_000, requestTimeout: 120_000 }) });
  const lat = [];
  const errors = new Map();
  let sample = '';
  let ok = 0, cold = 0, last = 0, first = Infinity, envs = 0;
  try {
    await n.create('burst');
    await n.create('warmup');
    // Warm the client and server paths and open WARM sockets, on another function.
    await Promise.all(Array.from({ length: Math.min(N, WARM) }, () => n.lambda.send(new InvokeCommand({ FunctionName: 'warmup', Payload: '{}' }))));
    var t0 = performance.now();
    await Promise.all(Array.from({ length: N }, async () => {
      const s = performance.now();
      try {
        const r = await n.lambda.send(new InvokeCommand({ FunctionName: 'burst', Payload: '{}', LogType: 'Tail' }));
        if (r.FunctionError) {
          const body = Buffer.from(r.Payload || '').toString();
          if (!sample) sample = body.slice(0, 300);
          let type = '';
          try { type = JSON.parse(body).errorType || ''; } catch {}
          throw Object.assign(new Error(r.FunctionError), { name: `FunctionError:${r.FunctionError}${type ? ` (${type})` : ''}` });
        }
        ok++;
        if (/Init Duration/.test(Buffer.from(r.LogResult || '', 'base64').toString())) cold++;
        lat.push(performance.now() - s);
      } catch (e) {
        errors.set(e.name || 'Error', (errors.get(e.name || 'Error') || 0) + 1);
      }
      last = performance.now() - t0;
      first = Math.min(first, last);
    }));
    envs = n.server.pool.environments().filter((e) => e.functionName === 'burst').length;
  } finally {
    await n.close();
    agent.destroy();
    runtimes.runtimeCommand = original;
  }
  const l = stats(lat);
  console.log(`burst: ${N} parallel first invokes of one cold hello function (@aws-sdk/client-lambda, up to ${N} sockets, ${Math.min(N, WARM)} opened before)`);
  console.log(`  floor: ${N} parallel node -e 0 spawn→exit   last exit ${fmt(f.last)}   p50 ${fmt(f.p50)}  p99 ${fmt(f.p99)}`);
  console.log(`  nimbus: ok ${ok}, errors ${errors.size ? [...errors].map(([k, v]) => `${k} x${v}`).join(', ') : 'none'}`);
  console.log(`  nimbus: cold starts (Init Duration in the tail) ${cold}, environments of the function ${envs}`);
  if (sample) console.log(`  first function error payload: ${sample}`);
  if (starts.length) console.log(`  environment starts: first at ${fmt(starts[0] - t0)}, last at ${fmt(starts[starts.length - 1] - t0)} after the burst was sent`);
  console.log(`  nimbus latency   p50 ${fmt(l.p50)}  p99 ${fmt(l.p99)}   first answer ${fmt(first)}   last answer ${fmt(last)}`);
  console.log(`  ratio last answer / last floor exit   ${(last / f.last).toFixed(2)}x`);
}

main().catch((e) => { console.error(e); process.exit(1); });
