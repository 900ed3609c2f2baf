// Cold start of a function with a heavy Init (150 ms of module-level work): a plain cold
// start (the function's first invoke: spawn or stem cell, then the Init on the request's path)
// next to the template path measured in the same run: once a version has shown a heavy Init,
// Nimbus keeps a pre-initialised spare, and the next invocation that finds every environment
// busy takes it. Each iteration uses a new function; the spare's invocation is timed while
// another invocation holds the first environment busy.
// Usage: node bench/heavy-init.js [functions=10]
'use strict';
const { InvokeCommand } = require('@aws-sdk/client-lambda');
const { stats, fmt, nimbus } = require('./lib');

const N = Number(process.argv[2] || 10);
const HEAVY = `const until = Date.now() + 150; while (Date.now() < until) {}
exports.handler = async (e) => { await new Promise((r) => setTimeout(r, e.ms || 0)); return { ok: true }; };`;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function main() {
  const n = await nimbus();
  const plain = [];
  const spare = [];
  const kinds = [];
  try {
    const starts = [];
    n.server.records.subscribe((r) => starts.push(r.start));
    for (let i = 0; i < N; i++) {
      const name = `heavy-${i}`;
      await n.create(name, HEAVY);
      await sleep(1000); // the stem cell primed at create is up, as for a function deployed a moment ago
      let t0 = performance.now();
      await n.lambda.send(new InvokeCommand({ FunctionName: name, Payload: '{}' }));
      plain.push(performance.now() - t0);
      for (let w = 0; w < 100; w++) {
        if (n.server.pool.environments().filter((e) => e.functionName === name && e.state === 'idle').length >= 2) break;
        await sleep(50);
      }
      const busy = n.lambda.send(new InvokeCommand({ FunctionName: name, Payload: JSON.stringify({ ms: 1000 }) }));
      await sleep(100);
      t0 = performance.now();
      await n.lambda.send(new InvokeCommand({ FunctionName: name, Payload: '{}' }));
      spare.push(performance.now() - t0);
      kinds.push(starts.at(-1));
      await busy;
    }
  } finally {
    await n.close();
  }
  const p = stats(plain), s = stats(spare);
  console.log(`heavy Init (150 ms), ${N} functions, invoke → result via @aws-sdk/client-lambda`);
  console.log(`  baseline: plain cold start        p50 ${fmt(p.p50)}  p99 ${fmt(p.p99)}`);
  console.log(`  template path (pre-initialised)   p50 ${fmt(s.p50)}  p99 ${fmt(s.p99)}   start kinds: ${[...new Set(kinds)].join(', ')}`);
  console.log(`  ratio plain / template            p50 ${(p.p50 / s.p50).toFixed(1)}x  p99 ${(p.p99 / s.p99).toFixed(1)}x`);
}

main().catch((e) => { console.error(e); process.exit(1); });
