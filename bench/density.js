// Density: how many warm idle Node environments fit, and what each one costs. Creates
// `count` hello functions and invokes each once (bounded parallel batches, so every invoke
// is a cold start of its own environment), then, with all of them idle, reads every
// environment process's /proc/<pid>/smaps_rollup (Pss; USS = Private_Clean + Private_Dirty)
// and /proc/<pid>/status (VmRSS). Baseline in the same run: a bare idle
// `node -e "setInterval(()=>{},1e9)"` process. The idle timeout is off (idleTimeoutMs 0),
// and the ramp stops early if MemAvailable drops under 2 GiB.
// Usage: node bench/density.js [count=1000] [parallel=16]
'use strict';
const { spawn } = require('node:child_process');
const { readFileSync } = require('node:fs');
const { InvokeCommand } = require('@aws-sdk/client-lambda');
const { stats, nimbus, procMemory } = require('./lib');

const COUNT = Number(process.argv[2] || 1000);
const PARALLEL = Number(process.argv[3] || 16);
const MIN_AVAILABLE_KB = 2 * 1024 * 1024;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const mib = (kb) => `${(kb / 1024).toFixed(1)} MiB`;
const memAvailableKb = () => Number(/^MemAvailable:\s+(\d+) kB/m.exec(readFileSync('/proc/meminfo', 'utf8'))[1]);

/** Runs `task(i)` for i in [0, total) with at most `width` at once; stops starting new ones once `stop()` is true. */
async function bounded(total, width, task, stop = () => false) {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < total && !stop()) await task(next++);
  }));
  return next;
}

async function baseline() {
  const p = spawn(process.execPath, ['-e', 'setInterval(()=>{},1e9)'], { env: { PATH: '/usr/bin:/bin' }, stdio: 'ignore' });
  await sleep(1500);
  const m = procMemory(p.pid);
  p.kill();
  await new Promise((r) => p.once('exit', r));
  return m;
}

async function main() {
  const bare = await baseline();
  const n = await nimbus({ idleTimeoutMs: 0 });
  const errors = new Map();
  const fail = (e) => errors.set(e.name || 'Error', (errors.get(e.name || 'Error') || 0) + 1);
  const milestones = [];
  let reached = 0, createMs = 0, invokeMs = 0, stoppedForMemory = false, samples = [];
  const serverBefore = procMemory(process.pid);
  const availableBefore = memAvailableKb();
  try {
    const t0 = performance.now();
    await bounded(COUNT, 8, (i) => n.create(`dense-${i}`).catch(fail));
    createMs = performance.now() - t0;
    await n.lambda.send(new InvokeCommand({ FunctionName: 'dense-0', Payload: '{}' })); // warm the client and server paths
    const t1 = performance.now();
    let done = 1;
    await bounded(COUNT - 1, PARALLEL, async (i) => {
      if (i % 50 === 0 && memAvailableKb() < MIN_AVAILABLE_KB) stoppedForMemory = true;
      try {
        const r = await n.lambda.send(new InvokeCommand({ FunctionName: `dense-${i + 1}`, Payload: '{}' }));
        if (r.FunctionError) fail({ name: `FunctionError:${r.FunctionError}` });
      } catch (e) { fail(e); }
      if (++done % Math.max(1, Math.floor(COUNT / 4)) === 0) milestones.push(`${done} at ${((performance.now() - t1) / 1000).toFixed(1)} s`);
    }, () => stoppedForMemory);
    invokeMs = performance.now() - t1;
    await sleep(3000); // let every environment settle into idle
    const envs = n.server.pool.environments();
    reached = envs.filter((e) => e.state === 'idle').length;
    samples = envs.map((e) => procMemory(e.pid)).filter(Boolean);
  } finally {
    var serverAfter = procMemory(process.pid);
    var availableAtPeak = memAvailableKb();
    await n.close();
  }
  const rss = stats(samples.map((s) => s.rss)), pss = stats(samples.map((s) => s.pss)), uss = stats(samples.map((s) => s.uss));
  const totalPss = samples.reduce((a, s) => a + s.pss, 0), totalUss = samples.reduce((a, s) => a + s.uss, 0);
  const max = (k) => Math.max(...samples.map((s) => s[k]));
  console.log(`density: ${COUNT} hello functions, each invoked once (${PARALLEL} at a time), environments measured idle`);
  console.log(`  environments reached (idle)   ${reached} of ${COUNT}${stoppedForMemory ? ' (stopped: MemAvailable < 2 GiB)' : ''}`);
  console.log(`  errors                        ${errors.size ? [...errors].map(([k, v]) => `${k} x${v}`).join(', ') : 'none'}`);
  console.log(`  time: create ${(createMs / 1000).toFixed(1)} s, invoke all ${(invokeMs / 1000).toFixed(1)} s (${(invokeMs / Math.max(1, COUNT - 1)).toFixed(1)} ms per environment), total ${((createMs + invokeMs) / 1000).toFixed(1)} s`);
  console.log(`  ramp (invokes answered): ${milestones.join(', ')}`);
  console.log(`  per environment   RSS p50 ${mib(rss.p50)} max ${mib(max('rss'))}   PSS p50 ${mib(pss.p50)}   USS p50 ${mib(uss.p50)} max ${mib(max('uss'))}`);
  console.log(`  baseline bare node idle  RSS ${mib(bare.rss)}   PSS ${mib(bare.pss)}   USS ${mib(bare.uss)}   (measured alone)`);
  console.log(`  ratio env/bare    RSS ${(rss.p50 / bare.rss).toFixed(2)}x   USS ${(uss.p50 / bare.uss).toFixed(2)}x`);
  console.log(`  total over ${samples.length} environments   PSS ${(totalPss / 1024 / 1024).toFixed(2)} GiB   USS ${(totalUss / 1024 / 1024).toFixed(2)} GiB`);
  console.log(`  server process (+ bench client) RSS ${mib(serverBefore.rss)} before → ${mib(serverAfter.rss)} with all environments (${((serverAfter.rss - serverBefore.rss) / Math.max(1, samples.length)).toFixed(0)} KiB per environment)`);
  console.log(`  MemAvailable ${(availableBefore / 1024 / 1024).toFixed(1)} GiB before → ${(availableAtPeak / 1024 / 1024).toFixed(1)} GiB with all environments up (${((availableBefore - availableAtPeak) / 1024 / Math.max(1, samples.length)).toFixed(2)} MiB per environment, kernel page tables and stacks included)`);
}

main().catch((e) => { console.error(e); process.exit(1); });
