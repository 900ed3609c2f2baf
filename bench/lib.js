// Shared bench helpers: percentiles, a Nimbus in a temp dir, the hello function.
'use strict';
const { mkdtempSync, readFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { LambdaClient, CreateFunctionCommand } = require('@aws-sdk/client-lambda');
const { zipSync, strToU8 } = require('fflate');
const { startNimbus } = require('../dist/main');

const HELLO = 'exports.handler = async (event) => ({ hello: event.name || "world" });';

function stats(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p) => s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
  return { n: s.length, p50: at(50), p99: at(99), mean: s.reduce((a, b) => a + b, 0) / s.length };
}

const fmt = (ms) => `${ms.toFixed(2)} ms`;

function client(endpoint, extra = {}) {
  return new LambdaClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1, ...extra });
}

// `options`: extra startNimbus options (e.g. idleTimeoutMs, cpuSlots); `clientConfig`: extra
// LambdaClient config (e.g. a requestHandler with more sockets).
async function nimbus(options = {}, clientConfig = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'nimbus-bench-'));
  const server = await startNimbus({ port: 0, httpPort: 0, dataDir, log: () => {}, ...options });
  const lambda = client(server.awsUrl, clientConfig);
  return {
    server, lambda,
    // `code`: the handler source (default: hello); `extra`: more CreateFunction fields (MemorySize...).
    create: (name, code = HELLO, extra = {}) => lambda.send(new CreateFunctionCommand({ FunctionName: name, Runtime: 'nodejs20.x', Handler: 'index.handler',
      Role: 'arn:aws:iam::000000000000:role/bench', Code: { ZipFile: zipSync({ 'index.js': strToU8(code) }) }, ...extra })),
    async close() { lambda.destroy(); await server.stop(); rmSync(dataDir, { recursive: true, force: true }); },
  };
}

/** Memory of one process from /proc, in KiB: rss (VmRSS), pss, uss (Private_Clean + Private_Dirty), pte (VmPTE:
 * page tables, kernel memory outside the other three), and its thread count; null if it is gone. */
function procMemory(pid) {
  try {
    const roll = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (text, key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN);
    return { rss: kb(status, 'VmRSS'), pss: kb(roll, 'Pss'), uss: kb(roll, 'Private_Clean') + kb(roll, 'Private_Dirty'),
      pte: kb(status, 'VmPTE'), threads: Number(/^Threads:\s+(\d+)/m.exec(status)?.[1] ?? NaN) };
  } catch {
    return null;
  }
}

module.exports = { stats, fmt, client, nimbus, procMemory, HELLO };
