// DeployError: malformed YAML, typos, wrong types, missing keys, unresolved variables.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DeployError } from '../deploy-error';
import { loadServerless } from './load-serverless';
import { ACCOUNT, HEAD, loadError, writeService } from './test-fixture';

test('malformed YAML names the parser position', () => {
  const err = loadError(`${HEAD}functions:\n  f:\n    handler: [h.f\n  g: 1\n`);
  assert.equal(err.file, 'serverless.yml');
  assert.equal(err.line, 8);
  assert.match(err.message, /^serverless\.yml:8:\d+: invalid YAML: /);
  assert.ok(err instanceof Error);
});

test('duplicate keys are malformed YAML', () => {
  assert.match(loadError(`${HEAD}functions: {}\nfunctions: {}\n`).message, /^serverless\.yml:6:1: invalid YAML: Map keys must be unique/);
});

test('an unknown key that looks like a typo suggests the known key', () => {
  for (const key of ['memorysize', 'memory_size', 'memorySise']) {
    const err = loadError(`${HEAD}functions:\n  hello:\n    handler: h.hello\n    ${key}: 512\n`);
    assert.equal(err.message, `serverless.yml:8:5: functions.hello.${key}: unknown key "${key}"; did you mean "memorySize"?`);
    assert.deepEqual([err.line, err.column, err.key], [8, 5, `functions.hello.${key}`]);
  }
  assert.match(loadError(`service: s\nprovidr:\n  name: aws\n`).message, /serverless\.yml:2:1: providr: unknown key "providr"; did you mean "provider"\?/);
  assert.match(loadError(`${HEAD}  regoin: eu-west-1\nfunctions: {}\n`).message, /provider\.regoin: .*did you mean "region"/);
});

test('an unknown key that is not close to any known key is a warning', () => {
  const dir = writeService({ 'serverless.yml': `${HEAD}  somethingElse: 1\nfunctions: {}\n` });
  const plan = loadServerless(dir, { env: {}, accountId: ACCOUNT });
  assert.deepEqual(plan.warnings, ['serverless.yml: unknown key provider.somethingElse was ignored']);
});

test('wrong types name the key and what was expected', () => {
  const err = loadError(`${HEAD}functions:\n  hello:\n    handler: h.hello\n    timeout: soon\n`);
  assert.equal(err.message, 'serverless.yml:8:5: functions.hello.timeout: expected a number of seconds (1-900), got "soon"');
  assert.match(loadError(`${HEAD}  memorySize: 99999\nfunctions: {}\n`).message, /provider\.memorySize: expected a memory size in MB \(128-10240\), got 99999/);
  assert.match(loadError(`${HEAD}functions:\n  f:\n    handler: h.f\n    environment: [a]\n`).message, /functions\.f\.environment: expected a map of keys/);
  assert.match(loadError(`${HEAD}functions:\n  f:\n    handler: h.f\n    events: {http: GET x}\n`).message, /functions\.f\.events: expected a list of events/);
  assert.match(loadError(`${HEAD}  httpApi: { payload: '3.0' }\nfunctions: {}\n`).message, /provider\.httpApi\.payload: expected '1\.0' or '2\.0'/);
});

test('missing required keys: service, provider, provider.name aws, handler, runtime', () => {
  assert.match(loadError('provider:\n  name: aws\n').message, /^serverless\.yml:1:1: service: is required/);
  assert.match(loadError('service: s\n').message, /provider: is required/);
  assert.match(loadError('service: s\nprovider:\n  name: azure\n').message, /serverless\.yml:3:3: provider\.name: expected "aws", got "azure"/);
  const handler = loadError(`${HEAD}functions:\n  hello:\n    timeout: 3\n`);
  assert.match(handler.message, /functions\.hello\.handler: is required: expected a handler/);
  assert.equal(handler.line, 6);
  assert.match(loadError(`${HEAD}functions:\n  hello:\n    handler: nodot\n`).message, /expected "path\/file\.export"/);
  assert.match(loadError('service: s\nprovider:\n  name: aws\nfunctions:\n  f:\n    handler: h.f\n').message, /functions\.f\.runtime: no runtime/);
});

test('an unresolved variable names the variable, why, and the key and line where it is used', () => {
  const err = loadError(`${HEAD}functions:\n  f:\n    handler: h.f\n    environment:\n      DB: \${env:DB_URL}\n`);
  assert.equal(err.message, 'serverless.yml:9:7: functions.f.environment.DB: cannot resolve variable ${env:DB_URL}: environment variable DB_URL is not set');
  assert.match(loadError(`${HEAD}custom:\n  x: \${self:custom.nope}\nfunctions: {}\n`).message, /custom\.x: cannot resolve variable \$\{self:custom\.nope\}: no value at custom\.nope/);
  assert.match(loadError(`${HEAD}custom:\n  x: \${ssm:/path}\nfunctions: {}\n`).message, /variable source "ssm" is not supported/);
  assert.match(loadError(`${HEAD}custom:\n  x: \${param:domain}\nfunctions: {}\n`).message, /parameter domain is not set for stage dev/);
  assert.match(loadError(`${HEAD}custom:\n  x: \${file(./missing.yml):a}\nfunctions: {}\n`).message, /file \.\/missing\.yml does not exist/);
});

test('errors inside an included file name that file', () => {
  const err = loadError(`${HEAD}custom: \${file(./conf.yml)}\nfunctions: {}\n`, {}, { 'conf.yml': 'a: 1\nb: ${env:NOPE}\n' });
  assert.equal(err.message, 'conf.yml:2:1: b: cannot resolve variable ${env:NOPE}: environment variable NOPE is not set');
  const bad = loadError(`${HEAD}custom: \${file(./conf.yml)}\nfunctions: {}\n`, {}, { 'conf.yml': 'a: [1\n' });
  assert.equal(bad.file, 'conf.yml');
});

test('no serverless.yml in the directory', () => {
  const dir = writeService({ 'other.txt': '' });
  assert.throws(() => loadServerless(dir, { env: {}, accountId: ACCOUNT }), (e: unknown) => e instanceof DeployError && /no serverless\.yml/.test(e.message));
});
