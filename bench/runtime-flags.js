// Runtime flags: what candidate V8/Node flags do to an idle Node environment's memory, to
// start-up time and to hot-code speed. Measurement only; nothing in src/ changes.
// Part 1, standalone processes, per flag set (rounds interleaved across the flag sets, so a
// drifting machine affects them all alike):
//   idle memory   node [flags] -e "<require net, fs, path, url>; 200 JSON round trips; setInterval",
//                 read 1.5 s later (median of 3): RSS, PSS, USS, threads, page tables
//   code speed    inside the process: JSON.parse(JSON.stringify(~1 KB object)) x1,000 then x50,000,
//                 sorting 100k numbers with a JS comparator x5, 300k small objects built in a JS
//                 loop (median of 3); then the process idles and its memory is read again
//                 ("after work": young generation grown by allocation)
//   start-up      node [flags] -e 0, spawn → exit, median of 20
// Part 2, real Nimbus environments (the bench swaps dist/pool/runtimes.js's runtimeCommand
// in this process to insert the flags before the bootstrap path): per flag set, 3 hello
// functions (Init Duration, warm p50/p99, idle memory) and one allocating handler (warm
// p50, idle memory after 200 invokes); warm invokes run in rounds interleaved across the sets.
// Usage: node bench/runtime-flags.js [part=all|1|2] [part 2's flag sets, by label, comma-separated]
'use strict';
const { spawn } = require('node:child_process');
const { InvokeCommand } = require('@aws-sdk/client-lambda');
const runtimes = require('../dist/pool/runtimes');
const { stats, nimbus, procMemory } = require('./lib');

const PART = process.argv[2] || 'all';
const HEAP = '--max-old-space-size=115'; // what the runtime gets at the default 128 MB

const SETS = [
  ['(none)', []],
  ['heap115 (today)', [HEAP]],
  ['+semi1', [HEAP, '--max-semi-space-size=1']],
  ['+single-threaded', [HEAP, '--single-threaded']],
  ['+v8-pool-size=1', [HEAP, '--v8-pool-size=1']],
  ['+single-threaded-gc', [HEAP, '--single-threaded-gc']],
  ['+lite-mode', [HEAP, '--lite-mode']],
  ['+jitless', [HEAP, '--jitless']],
  ['+no-opt', [HEAP, '--no-opt']],
  ['+max-lazy', [HEAP, '--max-lazy']],
  ['+stack-size=256', [HEAP, '--stack-size=256']],
  ['+semi2', [HEAP, '--max-semi-space-size=2']],
  ['+semi4', [HEAP, '--max-semi-space-size=4']],
  ['+semi8', [HEAP, '--max-semi-space-size=8']],
  ['+semi4 +v8-pool-size=1', [HEAP, '--max-semi-space-size=4', '--v8-pool-size=1']],
  ['+semi1 +single-threaded', [HEAP, '--max-semi-space-size=1', '--single-threaded']],
  ['+semi1 +v8-pool-size=1', [HEAP, '--max-semi-space-size=1', '--v8-pool-size=1']],
  ['+semi1 +single-threaded +max-lazy', [HEAP, '--max-semi-space-size=1', '--single-threaded', '--max-lazy']],
  ['+semi1 +single-threaded +lite-mode', [HEAP, '--max-semi-space-size=1', '--single-threaded', '--lite-mode']],
  ['+semi1 +single-threaded +jitless', [HEAP, '--max-semi-space-size=1', '--single-threaded', '--jitless']],
];
const REAL = process.argv[3] ? process.argv[3].split(',') : ['heap115 (today)', '+semi1', '+single-threaded', '+semi1 +single-threaded', '+semi1 +v8-pool-size=1',
  '+semi1 +single-threaded +max-lazy', '+semi1 +single-threaded +lite-mode', '+semi1 +single-threaded +jitless', '+lite-mode', '+jitless', '+semi2', '+semi4', '+semi8', '+semi4 +v8-pool-size=1'];

const REQUIRES = "require('net');require('fs');require('path');require('url');";
const OBJ = "const o={id:1,name:'x'.repeat(40),tags:['a','b','c'],items:Array.from({length:20},(_,i)=>({i,s:'v'+i,f:i/3}))};";
// Idle right after loading what the runtime loads.
const IDLE = REQUIRES + OBJ + 'for(let i=0;i<200;i++)JSON.parse(JSON.stringify(o));setInterval(()=>{},1e9)';
// Work, print the timings, then idle (memory is read 1.5 s later: an environment after busy invokes).
const HOT = REQUIRES + OBJ +
  'let t=performance.now();for(let i=0;i<1000;i++)JSON.parse(JSON.stringify(o));const a=performance.now()-t;' +
  't=performance.now();for(let i=0;i<50000;i++)JSON.parse(JSON.stringify(o));const b=performance.now()-t;' +
  'const arr=Array.from({length:100000},(_,i)=>(i*7919)%100003);' +
  't=performance.now();for(let r=0;r<5;r++)arr.slice().sort((x,y)=>x-y);const c=performance.now()-t;' +
  't=performance.now();let acc=0;for(let i=0;i<300000;i++){const p={x:i,y:String(i)};acc+=p.y.length+(p.x&7)}const d=performance.now()-t;' +
  'console.log(JSON.stringify([a,b,c,d,acc]));setInterval(()=>{},1e9)';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mib = (kb) => (kb / 1024).toFixed(1);
const ENV = { env: { PATH: '/usr/bin:/bin' } };

function startUp(flags) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const p = spawn(process.execPath, [...flags, '-e', '0'], { ...ENV, stdio: 'ignore' });
    p.once('error', reject);
    p.once('exit', () => resolve(performance.now() - t0));
  });
}

/** Runs `script`, waits for its first line of output (or 0.3 s if it prints none), waits 1.5 s, reads its memory. */
async function measure(flags, script) {
  const p = spawn(process.execPath, [...flags, '-e', script], { ...ENV, stdio: ['ignore', 'pipe', 'ignore'] });
  const out = await new Promise((resolve) => {
    let buf = '';
    p.stdout.on('data', (d) => { buf += d; if (buf.includes('\n')) resolve(buf); });
    p.once('exit', () => resolve(buf));
    if (script === IDLE) setTimeout(() => resolve(''), 300);
  });
  await sleep(1500);
  const m = procMemory(p.pid);
  p.kill();
  await new Promise((r) => (p.exitCode !== null || p.signalCode !== null ? r() : p.once('exit', r)));
  return { m, t: out.trim() ? JSON.parse(out) : null };
}

async function part1() {
  const rows = SETS.map(([label, flags]) => ({ label, flags, idle: [], busy: [], hot: [], start: [] }));
  for (let round = 0; round < 3; round++) {
    for (const r of rows) {
      r.idle.push((await measure(r.flags, IDLE)).m);
      const h = await measure(r.flags, HOT);
      r.busy.push(h.m);
      r.hot.push(h.t);
    }
    console.error(`  round ${round + 1}/3 done`);
  }
  for (let round = 0; round < 20; round++) for (const r of rows) r.start.push(await startUp(r.flags));
  const med = (list, k) => median(list.map((x) => x[k]));
  for (const r of rows) {
    r.s = median(r.start);
    r.json1 = median(r.hot.map((h) => h[0])); r.json = median(r.hot.map((h) => h[1]));
    r.sort = median(r.hot.map((h) => h[2])); r.obj = median(r.hot.map((h) => h[3]));
  }
  const base = rows.find((r) => r.label === 'heap115 (today)');
  console.log('\nPart 1a: standalone memory. Idle: `node [flags] -e "<require net, fs, path, url; 200 JSON round trips; idle>"`; after work: the same after the part 1b workload; read 1.5 s later, median of 3 (rounds interleaved across flag sets)');
  console.log('| flags | idle RSS MiB | idle PSS MiB | idle USS MiB | threads | page tables KiB | after-work RSS MiB | after-work USS MiB | after-work USS vs today |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(`| ${r.label} | ${mib(med(r.idle, 'rss'))} | ${mib(med(r.idle, 'pss'))} | ${mib(med(r.idle, 'uss'))} | ${med(r.idle, 'threads')} | ${med(r.idle, 'pte')} | ${mib(med(r.busy, 'rss'))} | ${mib(med(r.busy, 'uss'))} | ${(med(r.busy, 'uss') / med(base.busy, 'uss')).toFixed(2)}x |`);
  }
  console.log('\nPart 1b: start-up `node [flags] -e 0` (median of 20) and code speed inside the process (median of 3): JSON.parse(JSON.stringify(~1 KB object)) first 1,000 then next 50,000; sort 100k numbers with a JS comparator x5; 300k small objects built in a JS loop');
  console.log('| flags | start-up ms | first 1k JSON ms | 50k JSON ms | sort, JS comparator ms | JS object loop ms | JS loops vs today |');
  console.log('|---|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(`| ${r.label} | ${r.s.toFixed(1)} | ${r.json1.toFixed(1)} | ${r.json.toFixed(0)} | ${r.sort.toFixed(0)} | ${r.obj.toFixed(1)} | ${((r.sort + r.obj) / (base.sort + base.obj)).toFixed(2)}x |`);
  }
}

// A handler that does some JavaScript work and allocates ~2 MB per invoke.
const ALLOC = "exports.handler = async () => { const a = []; for (let i = 0; i < 20000; i++) a.push({ i, s: 'v' + i, f: i / 3 }); " +
  "a.sort((x, y) => (y.i % 97) - (x.i % 97)); return { n: JSON.stringify(a).length }; };";

async function part2() {
  const flagsOf = new Map(); // function name → extra flags
  const original = runtimes.runtimeCommand;
  runtimes.runtimeCommand = (config) => {
    const cmd = original(config);
    const extra = (flagsOf.get(config.functionName) || []).filter((f) => !f.startsWith('--max-old-space-size'));
    return { ...cmd, args: [...cmd.args.slice(0, -1), ...extra, cmd.args[cmd.args.length - 1]] };
  };
  const n = await nimbus({ idleTimeoutMs: 0 });
  const payload = JSON.stringify({ name: 'bench', items: Array.from({ length: 20 }, (_, i) => ({ i, s: 'v' + i })) });
  const rows = [];
  const timed = async (name, times, keep) => {
    const lat = [];
    for (let i = 0; i < times; i++) {
      const t0 = performance.now();
      const r = await n.lambda.send(new InvokeCommand({ FunctionName: name, Payload: payload }));
      if (r.FunctionError) throw new Error(`${name}: ${r.FunctionError}`);
      lat.push(performance.now() - t0);
    }
    return { ...stats(lat.slice(times - keep)), samples: lat.slice(times - keep) };
  };
  try {
    await n.create('warmup');
    for (let i = 0; i < 300; i++) await n.lambda.send(new InvokeCommand({ FunctionName: 'warmup', Payload: payload }));
    // Set up every flag set first, then time warm invokes in interleaved rounds (a drifting
    // machine then affects every set alike; the first round is discarded).
    const sets = [];
    for (const [s, label] of REAL.entries()) {
      const flags = SETS.find(([l]) => l === label)[1];
      const hello = Array.from({ length: 3 }, (_, i) => `flags-${s}-${i}`);
      const alloc = `flags-${s}-alloc`;
      for (const name of [...hello, alloc]) flagsOf.set(name, flags);
      for (const name of hello) await n.create(name);
      await n.create(alloc, ALLOC);
      const init = [];
      for (const name of hello) {
        const r = await n.lambda.send(new InvokeCommand({ FunctionName: name, Payload: payload, LogType: 'Tail' }));
        init.push(Number(/Init Duration: ([\d.]+) ms/.exec(Buffer.from(r.LogResult || '', 'base64').toString())?.[1]));
      }
      sets.push({ label, hello, alloc, init, h: [], a: [] });
    }
    for (let round = 0; round < 11; round++) {
      for (const set of sets) {
        const h = await timed(set.hello[0], 40, 40), a = await timed(set.alloc, 20, 20);
        if (round > 0) { set.h.push(...h.samples); set.a.push(...a.samples); }
      }
    }
    await sleep(1500);
    const envs = n.server.pool.environments();
    for (const set of sets) {
      const mem = envs.filter((e) => set.hello.includes(e.functionName)).map((e) => procMemory(e.pid)).filter(Boolean);
      const am = procMemory(envs.find((e) => e.functionName === set.alloc).pid);
      const pick = (k) => median(mem.map((m) => m[k]));
      const h = stats(set.h), a = stats(set.a);
      rows.push({ label: set.label, init: median(set.init), h, a, rss: pick('rss'), pss: pick('pss'), uss: pick('uss'), threads: pick('threads'), pte: pick('pte'), am });
      console.error(`  real ${set.label}: USS ${mib(pick('uss'))} MiB (alloc ${mib(am.uss)}), init ${median(set.init).toFixed(1)} ms, warm p50 ${h.p50.toFixed(2)} / ${a.p50.toFixed(2)} ms`);
    }
  } finally {
    await n.close();
    runtimes.runtimeCommand = original;
  }
  const base = rows[0];
  console.log('\nPart 2: real Nimbus environments. Hello handler: Init Duration (median of 3 cold starts), 400 sequential warm invokes, idle memory (median of 3 environments). Alloc handler (20k objects built, sorted with a JS comparator, stringified: ~2 MB per invoke): 200 warm invokes, then its idle memory. Warm invokes in 10 rounds interleaved across the flag sets (40 hello + 20 alloc per set per round), after a discarded round');
  console.log('| flags | Init Duration ms | hello warm p50 ms | hello p99 ms | alloc warm p50 ms | alloc vs today | hello idle RSS MiB | hello idle USS MiB | threads | page tables KiB | alloc env idle RSS MiB | alloc env idle USS MiB | vs today |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(`| ${r.label} | ${r.init.toFixed(1)} | ${r.h.p50.toFixed(2)} | ${r.h.p99.toFixed(2)} | ${r.a.p50.toFixed(2)} | ${(r.a.p50 / base.a.p50).toFixed(2)}x | ${mib(r.rss)} | ${mib(r.uss)} | ${r.threads} | ${r.pte} | ${mib(r.am.rss)} | ${mib(r.am.uss)} | ${(r.am.uss / base.am.uss).toFixed(2)}x |`);
  }
}

async function main() {
  if (PART === 'all' || PART === '1') await part1();
  if (PART === 'all' || PART === '2') await part2();
}

main().catch((e) => { console.error(e); process.exit(1); });
