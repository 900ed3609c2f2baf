// The floor under the HTTP gateway: what one round trip between the server process and an
// environment process costs on this machine, with nothing else in it. N child Node
// processes each echo 200-byte messages over an inherited socket (fd 3, the built-in
// runtimes' channel), the parent keeps one message in flight per child, for 5 s after all
// children are up. Usage: node bench/process-hop.js [children=8,64]
'use strict';
const { spawn } = require('node:child_process');
const { Socket } = require('node:net');

if (process.argv[2] === 'child') {
  const s = new Socket({ fd: 3, readable: true, writable: true });
  s.on('data', (c) => s.write(c));
  s.on('error', () => process.exit(0));
  return;
}

const MSG = Buffer.alloc(200, 120);

async function run(n) {
  const kids = [];
  let count = 0;
  let up = 0;
  let stopped = false;
  await new Promise((ready) => {
    for (let i = 0; i < n; i++) {
      const c = spawn(process.execPath, [__filename, 'child'], { stdio: ['ignore', 'inherit', 'inherit', 'pipe'] });
      const s = c.stdio[3];
      let first = true;
      s.on('data', () => {
        if (first) { first = false; if (++up === n) ready(); }
        count++;
        if (!stopped) s.write(MSG);
      });
      s.on('error', () => {});
      s.write(MSG);
      kids.push(c);
    }
  });
  await new Promise((r) => setTimeout(r, 1000)); // let every child warm up
  count = 0;
  const t0 = process.hrtime.bigint();
  await new Promise((r) => setTimeout(r, 5000));
  const perSec = count / (Number(process.hrtime.bigint() - t0) / 1e9);
  stopped = true;
  kids.forEach((k) => k.kill('SIGKILL'));
  return perSec;
}

async function main() {
  const sizes = (process.argv[2] || '8,64').split(',').map(Number);
  console.log('process hop (parent ↔ N child Node processes over fd-3 sockets, one message in flight per child)');
  for (const n of sizes) console.log(`  ${String(n).padStart(3)} children   ${(await run(n)).toFixed(0)} round trips/s`);
}

main().catch((e) => { console.error(e); process.exit(1); });
