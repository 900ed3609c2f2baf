// Cold start: invoke → result for a new environment of a hello function (each
// iteration invokes a function that has never run), next to the floor measured in the
// same run: spawning `node -e 0` with a clean environment until it exits. Cold starts come
// GAP ms apart (default 500, not measured), as they do in real traffic, so the stem cells
// are replenished off the request path; GAP 0 measures back-to-back cold starts.
// "inside Nimbus" is the REPORT's Init Duration + Duration: specialise → result; "accepted →
// answered" is the server's whole share, from the HTTP request's arrival to the end of its
// response (node:http's diagnostics channels): the client round trip minus the client's part.
// Usage: node bench/cold-start.js [iterations=30] [gapMs=500]
'use strict';
const { spawn } = require('node:child_process');
const dc = require('node:diagnostics_channel');
const { InvokeCommand } = require('@aws-sdk/client-lambda');
const { stats, fmt, nimbus } = require('./lib');

const N = Number(process.argv[2] || 30);
const GAP = Number(process.argv[3] ?? 500);

function spawnFloor() {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const p = spawn(process.execPath, ['-e', '0'], { env: { PATH: '/usr/bin:/bin' }, stdio: 'ignore' });
    p.once('error', reject);
    p.once('exit', () => resolve(performance.now() - t0));
  });
}

/** Server time per invocation request: arrival → response finished. */
function serverTimes() {
  const started = new WeakMap();
  const out = [];
  dc.subscribe('http.server.request.start', ({ request }) => {
    if (request.url.endsWith('/invocations')) started.set(request, performance.now());
  });
  dc.subscribe('http.server.response.finish', ({ request }) => {
    const t0 = started.get(request);
    if (t0 !== undefined) out.push(performance.now() - t0);
  });
  return out;
}

async function main() {
  const server = serverTimes();
  const floor = [];
  for (let i = 0; i < N; i++) floor.push(await spawnFloor());
  const n = await nimbus();
  const cold = [];
  const init = [];
  const inside = [];
  try {
    for (let i = 0; i < N; i++) await n.create(`cold-${i}`);
    await n.lambda.send(new InvokeCommand({ FunctionName: 'cold-0', Payload: '{}' })); // warm the client and server paths
    server.length = 0;
    for (let i = 1; i < N; i++) {
      await new Promise((r) => setTimeout(r, GAP));
      const t0 = performance.now();
      const r = await n.lambda.send(new InvokeCommand({ FunctionName: `cold-${i}`, Payload: '{}', LogType: 'Tail' }));
      cold.push(performance.now() - t0);
      const log = Buffer.from(r.LogResult || '', 'base64').toString();
      const m = /Init Duration: ([\d.]+) ms/.exec(log);
      if (!m) throw new Error('an invocation was not a cold start');
      init.push(Number(m[1]));
      inside.push(Number(m[1]) + Number(/\tDuration: ([\d.]+) ms/.exec(log)[1]));
    }
  } finally {
    await n.close();
  }
  const f = stats(floor), c = stats(cold), i = stats(init), x = stats(inside), a = stats(server);
  console.log(`cold start (${c.n} new environments of a hello function, ${GAP} ms apart, invoke → result via @aws-sdk/client-lambda)`);
  console.log(`  floor: node -e 0 spawn→exit   p50 ${fmt(f.p50)}  p99 ${fmt(f.p99)}`);
  console.log(`  nimbus cold invoke            p50 ${fmt(c.p50)}  p99 ${fmt(c.p99)}`);
  console.log(`  of which Init Duration        p50 ${fmt(i.p50)}  p99 ${fmt(i.p99)}`);
  console.log(`  inside Nimbus (Init + Duration) p50 ${fmt(x.p50)}  p99 ${fmt(x.p99)}`);
  console.log(`  server: accepted → answered   p50 ${fmt(a.p50)}  p99 ${fmt(a.p99)}`);
  console.log(`  ratio nimbus/floor            p50 ${(c.p50 / f.p50).toFixed(2)}x  p99 ${(c.p99 / f.p99).toFixed(2)}x`);
}

main().catch((e) => { console.error(e); process.exit(1); });
