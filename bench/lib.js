// Shared bench helpers: percentiles, a Nimbus in a temp dir, the hello function.
'use strict';
const { mkdtempSync, rmSync } = require('node:fs');
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

function client(endpoint) {
  return new LambdaClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 });
}

async function nimbus() {
  const dataDir = mkdtempSync(join(tmpdir(), 'nimbus-bench-'));
  const server = await startNimbus({ port: 0, httpPort: 0, dataDir, log: () => {} });
  const lambda = client(server.awsUrl);
  return {
    server, lambda,
    create: (name) => lambda.send(new CreateFunctionCommand({ FunctionName: name, Runtime: 'nodejs20.x', Handler: 'index.handler',
      Role: 'arn:aws:iam::000000000000:role/bench', Code: { ZipFile: zipSync({ 'index.js': strToU8(HELLO) }) } })),
    async close() { lambda.destroy(); await server.stop(); rmSync(dataDir, { recursive: true, force: true }); },
  };
}

module.exports = { stats, fmt, client, nimbus };
