// Python cold starts: invoke → result for a new environment (each sample invokes a python3.12
// function that has never run), from a stem cell forked by the zygote (the runtime and boto3
// already imported) against the baseline in the same run: the same Nimbus with stem cells off
// (every cold start spawns an interpreter), and the floor of spawning `python -c <handler's
// imports>` until it exits. Three handlers: hello, `import boto3`, and boto3 + a client made
// in Init (the client's service model and endpoint rules are read from JSON files then).
// Cold starts come GAP ms apart (default 500, not measured), so cells are replenished off the
// request path. "inside Nimbus" is the REPORT's Init Duration + Duration.
// Usage: node bench/python-cold-start.js [iterations=20] [gapMs=500] [handler ...]
'use strict';
const { spawn } = require('node:child_process');
const { CreateFunctionCommand, InvokeCommand } = require('@aws-sdk/client-lambda');
const { zipSync, strToU8 } = require('fflate');
const { resolvePython } = require('../dist/runtimes/python/command');
const { stats, fmt, nimbus, procMemory } = require('./lib');

const N = Number(process.argv[2] || 20);
const GAP = Number(process.argv[3] ?? 500);

const HANDLERS = {
  hello: { code: 'def handler(event, context):\n    return {"hello": event.get("name", "world")}\n', floor: 'pass' },
  'import-boto3': { code: 'import boto3\n\ndef handler(event, context):\n    return boto3.__version__\n', floor: 'import boto3' },
  'boto3-client': {
    code: 'import boto3\nclient = boto3.client("s3")\n\ndef handler(event, context):\n    return {"region": client.meta.region_name}\n',
    floor: 'import boto3; boto3.client("s3", region_name="us-east-1")',
  },
};

function spawnFloor(py, code) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const args = py.sitePath ? ['-S', '-c', `import sys; sys.path += ${JSON.stringify(py.sitePath)}; ${code}`] : ['-c', code];
    const p = spawn(py.executable, args, { env: { PATH: '/usr/bin:/bin', LANG: 'en_US.UTF-8' }, stdio: 'ignore' });
    p.once('error', reject);
    p.once('exit', (c) => (c === 0 ? resolve(performance.now() - t0) : reject(new Error(`floor exited ${c}`))));
  });
}

async function measure(options, kind) {
  const n = await nimbus(options);
  const out = { client: [], inside: [], init: [], uss: [], pss: [] };
  const create = (name) => n.lambda.send(new CreateFunctionCommand({ FunctionName: name, Runtime: 'python3.12',
    Handler: 'app.handler', Role: 'arn:aws:iam::000000000000:role/bench',
    Code: { ZipFile: zipSync({ 'app.py': strToU8(HANDLERS[kind].code) }) } }));
  try {
    for (let i = 0; i <= N; i++) await create(`${kind}-${i}`);
    await n.lambda.send(new InvokeCommand({ FunctionName: `${kind}-0`, Payload: '{}' })); // warm the client and server paths
    for (let i = 1; i <= N; i++) {
      await new Promise((r) => setTimeout(r, GAP));
      const t0 = performance.now();
      const r = await n.lambda.send(new InvokeCommand({ FunctionName: `${kind}-${i}`, Payload: '{}', LogType: 'Tail' }));
      out.client.push(performance.now() - t0);
      if (r.FunctionError) throw new Error(Buffer.from(r.Payload).toString());
      const log = Buffer.from(r.LogResult || '', 'base64').toString();
      const m = /Init Duration: ([\d.]+) ms/.exec(log);
      if (!m) throw new Error('an invocation was not a cold start');
      out.init.push(Number(m[1]));
      out.inside.push(Number(m[1]) + Number(/\tDuration: ([\d.]+) ms/.exec(log)[1]));
      const env = n.server.pool.environments().find((e) => e.functionName === `${kind}-${i}`);
      const mem = env && procMemory(env.pid);
      if (mem) { out.uss.push(mem.uss / 1024); out.pss.push(mem.pss / 1024); }
    }
  } finally {
    await n.close();
  }
  return out;
}

async function main() {
  const py = resolvePython();
  console.log(`python cold start (${N} new environments per row, ${GAP} ms apart, invoke → result via @aws-sdk/client-lambda)`);
  const only = process.argv.slice(4);
  for (const kind of Object.keys(HANDLERS).filter((k) => only.length === 0 || only.includes(k))) {
    const floor = [];
    for (let i = 0; i < N; i++) floor.push(await spawnFloor(py, HANDLERS[kind].floor));
    const spawned = await measure({ stemCells: false }, kind);
    const forked = await measure({}, kind);
    const f = stats(floor), sc = stats(spawned.client), fc = stats(forked.client);
    const si = stats(spawned.inside), fi = stats(forked.inside), sn = stats(spawned.init), fn = stats(forked.init);
    console.log(`\n  ${kind} handler`);
    console.log(`    floor: python -c '${HANDLERS[kind].floor}' spawn→exit      p50 ${fmt(f.p50)}  p99 ${fmt(f.p99)}`);
    console.log(`    stem cells off: cold invoke (client)      p50 ${fmt(sc.p50)}  p99 ${fmt(sc.p99)}`);
    console.log(`      inside Nimbus (Init + Duration)         p50 ${fmt(si.p50)}  p99 ${fmt(si.p99)}  (Init p50 ${fmt(sn.p50)})`);
    console.log(`    zygote cells: cold invoke (client)        p50 ${fmt(fc.p50)}  p99 ${fmt(fc.p99)}`);
    console.log(`      inside Nimbus (Init + Duration)         p50 ${fmt(fi.p50)}  p99 ${fmt(fi.p99)}  (Init p50 ${fmt(fn.p50)})`);
    console.log(`    ratio zygote/spawn: client p50 ${(fc.p50 / sc.p50).toFixed(2)}x  p99 ${(fc.p99 / sc.p99).toFixed(2)}x;`
      + ` inside p50 ${(fi.p50 / si.p50).toFixed(2)}x  p99 ${(fi.p99 / si.p99).toFixed(2)}x; zygote client / floor p50 ${(fc.p50 / f.p50).toFixed(2)}x`);
    if (spawned.uss.length && forked.uss.length) {
      const mean = (a) => a.reduce((x, y) => x + y, 0) / a.length;
      console.log(`    memory per environment after its first invoke: spawned USS ${mean(spawned.uss).toFixed(1)} MiB PSS ${mean(spawned.pss).toFixed(1)} MiB;`
        + ` forked USS ${mean(forked.uss).toFixed(1)} MiB PSS ${mean(forked.pss).toFixed(1)} MiB`);
    }
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
