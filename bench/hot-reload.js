// Hot reload: file save (atomic rename, as editors save) → first response from the new
// code through `nimbus dev`, p50, next to the baseline measured in the same run:
// restarting `nimbus dev` from scratch until its first response (a reload by restart).
// Usage: node bench/hot-reload.js [edits=20] [restarts=5]
'use strict';
const { spawn } = require('node:child_process');
const { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { stats, fmt } = require('./lib');

const EDITS = Number(process.argv[2] || 20);
const RESTARTS = Number(process.argv[3] || 5);
const BIN = join(__dirname, '..', 'bin', 'nimbus.js');

function startDev(project, dataDir) {
  const proc = spawn(process.execPath, [BIN, 'dev', project, '--port', '0', '--http-port', '0', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'ignore'] });
  return new Promise((resolve) => {
    let out = '';
    proc.stdout.on('data', (c) => { out += c; if (out.includes('watching ')) resolve({ proc, http: /http=(\S+)/.exec(out)[1] }); });
  });
}

async function untilBody(url, test) {
  for (;;) {
    try { const b = await (await fetch(url)).text(); if (test(b)) return; } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 2));
  }
}

const stop = (p) => new Promise((r) => { p.once('exit', r); p.kill('SIGTERM'); });

async function main() {
  const project = mkdtempSync(join(tmpdir(), 'nimbus-reload-'));
  const dataDir = mkdtempSync(join(tmpdir(), 'nimbus-reload-data-'));
  cpSync(join(__dirname, '..', 'examples', 'http-api'), project, { recursive: true });
  const file = join(project, 'users.js');
  const original = readFileSync(file, 'utf8');
  const reload = [];
  const restart = [];
  try {
    const dev = await startDev(project, dataDir);
    await untilBody(`${dev.http}/users/1`, (b) => b.includes('"id"'));
    for (let i = 1; i <= EDITS; i++) {
      const t0 = performance.now();
      writeFileSync(`${file}.tmp`, original.replace('id: event.pathParameters.id', `id: event.pathParameters.id, v: ${i}`));
      renameSync(`${file}.tmp`, file);
      await untilBody(`${dev.http}/users/1`, (b) => b.includes(`"v":${i}`));
      reload.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 100));
    }
    await stop(dev.proc);
    for (let i = 0; i < RESTARTS; i++) {
      const t0 = performance.now();
      const d = await startDev(project, dataDir);
      await untilBody(`${d.http}/users/1`, (b) => b.includes('"id"'));
      restart.push(performance.now() - t0);
      await stop(d.proc);
    }
  } finally {
    rmSync(project, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  }
  const r = stats(reload), b = stats(restart);
  console.log(`hot reload (save → first new response via nimbus dev, ${r.n} edits; baseline: ${b.n} restarts of nimbus dev)`);
  console.log(`  baseline restart → first response   p50 ${fmt(b.p50)}`);
  console.log(`  nimbus dev save → first response   p50 ${fmt(r.p50)}  p99 ${fmt(r.p99)}`);
  console.log(`  ratio reload/restart               p50 ${(r.p50 / b.p50).toFixed(3)}x`);
}

main().catch((e) => { console.error(e); process.exit(1); });
