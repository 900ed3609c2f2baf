// Cold start and warm invoke per runtime family (Node.js, Python, a shell custom runtime),
// next to each one's process-spawn floor measured in the same run: `node -e 0`, the real
// Python interpreter running `pass` (no site), and `/bin/sh -c :`. Cold starts: a new
// function each time, GAP ms apart (stem cells replenish off the request path), measured
// client-side through @aws-sdk/client-lambda, with the REPORT's Init Duration. Warm: WARM
// sequential invokes of one function.
// Usage: node bench/runtimes.js [coldStarts=15] [warmInvokes=200] [gapMs=500]
'use strict';
const { spawn } = require('node:child_process');
const { CreateFunctionCommand, InvokeCommand } = require('@aws-sdk/client-lambda');
const { zipSync, strToU8 } = require('fflate');
const { stats, fmt, nimbus } = require('./lib');
const { resolvePython } = require('../dist/runtimes/python/command');

const N = Number(process.argv[2] || 15);
const WARM = Number(process.argv[3] || 200);
const GAP = Number(process.argv[4] ?? 500);

const SHELL = `#!/bin/sh
API="http://$AWS_LAMBDA_RUNTIME_API/2018-06-01/runtime"
while true; do
  curl -sS -D "$TMPDIR/h" -o "$TMPDIR/e" "$API/invocation/next"
  ID=$(grep -i '^Lambda-Runtime-Aws-Request-Id:' "$TMPDIR/h" | tr -d '\\r' | cut -d' ' -f2)
  curl -sS -o /dev/null -X POST "$API/invocation/$ID/response" --data-binary '{"hello":"world"}'
done
`;
const unix = (name, body, mode) => ({ [name]: [strToU8(body), { os: 3, attrs: (0o100000 | mode) * 0x10000 }] });

const python = resolvePython().executable;
const FAMILIES = [
  { name: 'node', runtime: 'nodejs20.x', handler: 'index.handler', floor: [process.execPath, ['-e', '0']],
    zip: () => zipSync({ 'index.js': strToU8('exports.handler = async () => ({ hello: "world" });') }) },
  { name: 'python', runtime: 'python3.12', handler: 'app.handler', floor: [python, ['-S', '-c', 'pass']],
    zip: () => zipSync({ 'app.py': strToU8('def handler(event, context):\n    return {"hello": "world"}\n') }) },
  { name: 'shell', runtime: 'provided.al2023', handler: 'x', floor: ['/bin/sh', ['-c', ':']],
    zip: () => zipSync(unix('bootstrap', SHELL, 0o755)) },
];

function spawnOnce([cmd, args]) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const p = spawn(cmd, args, { env: { PATH: '/usr/bin:/bin' }, stdio: 'ignore' });
    p.once('error', reject);
    p.once('exit', () => resolve(performance.now() - t0));
  });
}

async function main() {
  const n = await nimbus();
  const rows = [];
  try {
    const create = (f, name) => n.lambda.send(new CreateFunctionCommand({ FunctionName: name, Runtime: f.runtime, Handler: f.handler,
      Role: 'arn:aws:iam::000000000000:role/bench', Code: { ZipFile: f.zip() } }));
    for (const f of FAMILIES) {
      const floor = [];
      for (let i = 0; i < N; i++) floor.push(await spawnOnce(f.floor));
      for (let i = 0; i <= N; i++) await create(f, `${f.name}-${i}`);
      await n.lambda.send(new InvokeCommand({ FunctionName: `${f.name}-0`, Payload: '{}' })); // warms client and server paths
      const cold = [], init = [];
      for (let i = 1; i <= N; i++) {
        await new Promise((r) => setTimeout(r, GAP));
        const t0 = performance.now();
        const r = await n.lambda.send(new InvokeCommand({ FunctionName: `${f.name}-${i}`, Payload: '{}', LogType: 'Tail' }));
        cold.push(performance.now() - t0);
        const m = /Init Duration: ([\d.]+) ms/.exec(Buffer.from(r.LogResult || '', 'base64').toString());
        if (!m || r.FunctionError) throw new Error(`${f.name}: not a successful cold start`);
        init.push(Number(m[1]));
      }
      const warm = [];
      for (let i = 0; i < WARM; i++) {
        const t0 = performance.now();
        await n.lambda.send(new InvokeCommand({ FunctionName: `${f.name}-0`, Payload: '{}' }));
        warm.push(performance.now() - t0);
      }
      rows.push({ f, floor: stats(floor), cold: stats(cold), init: stats(init), warm: stats(warm) });
    }
  } finally {
    await n.close();
  }
  console.log(`runtimes: ${N} cold starts (${GAP} ms apart) and ${WARM} warm invokes each, client-side via @aws-sdk/client-lambda`);
  console.log('| runtime | spawn floor p50 | cold p50 / p99 | Init Duration p50 | cold / floor | warm p50 / p99 |');
  console.log('|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(`| ${r.f.name} (${r.f.floor[0].split('/').pop()} ${r.f.floor[1].join(' ')}) | ${fmt(r.floor.p50)} | ${fmt(r.cold.p50)} / ${fmt(r.cold.p99)} | `
      + `${fmt(r.init.p50)} | ${(r.cold.p50 / r.floor.p50).toFixed(2)}x | ${fmt(r.warm.p50)} / ${fmt(r.warm.p99)} |`);
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
