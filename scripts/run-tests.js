#!/usr/bin/env node
// Runs every compiled test file (dist/**/*.test.js) with Node's test runner. Node 20's
// --test neither expands globs nor finds .ts files, so the list is built here, and
// checked against the sources: every src/**/*.test.ts must have its compiled file.
// Usage: node scripts/run-tests.js [path-fragment ...]  (fragments filter the files)
'use strict';
const { readdirSync } = require('node:fs');
const { join, relative } = require('node:path');
const { spawnSync } = require('node:child_process');

const root = join(__dirname, '..');
function find(dir, suffix, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) find(p, suffix, out);
    else if (e.name.endsWith(suffix)) out.push(p);
  }
  return out;
}

const sources = find(join(root, 'src'), '.test.ts').map((p) => relative(join(root, 'src'), p).replace(/\.ts$/, '.js'));
const compiled = new Set(find(join(root, 'dist'), '.test.js').map((p) => relative(join(root, 'dist'), p)));
const missing = sources.filter((s) => !compiled.has(s));
if (missing.length) {
  console.error(`run-tests: ${missing.length} test file(s) were not compiled: ${missing.join(', ')}`);
  process.exit(1);
}
const filters = process.argv.slice(2);
const files = sources
  .filter((s) => filters.length === 0 || filters.some((f) => s.includes(f)))
  .map((s) => join('dist', s));
if (files.length === 0) {
  console.error('run-tests: no test file matched');
  process.exit(1);
}
console.log(`run-tests: ${files.length} test file(s)`);
const r = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...files], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, NIMBUS_TEST_FILES: String(files.length) },
});
process.exit(r.status ?? 1);
