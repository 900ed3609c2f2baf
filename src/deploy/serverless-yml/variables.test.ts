// Serverless variables: each source, defaults, nesting, interpolation, types, files, cycles.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HEAD, load, loadError } from './test-fixture';

const fnEnv = (yml: string, opts = {}, extra = {}) => load(`${HEAD}${yml}`, opts, extra).functions[0].environment;

test('${self:...} reads other keys, deep and through other variables', () => {
  const env = fnEnv(`custom:
  table: orders
  deep: { a: { b: 42 } }
  alias: \${self:custom.table}
functions:
  f:
    handler: h.f
    environment:
      TABLE: \${self:custom.table}
      DEEP: \${self:custom.deep.a.b}
      ALIAS: \${self:custom.alias}
      SERVICE: \${self:service}
`);
  assert.deepEqual(env, { TABLE: 'orders', DEEP: '42', ALIAS: 'orders', SERVICE: 'shop' });
});

test('${sls:stage}, ${opt:stage}, ${opt:region}, ${aws:region}, ${aws:accountId}', () => {
  const yml = `functions:
  f:
    handler: h.f
    environment:
      SLS: \${sls:stage}
      OPT: \${opt:stage, 'none'}
      OPTR: \${opt:region, 'none'}
      REGION: \${aws:region}
      ACCOUNT: \${aws:accountId}
`;
  assert.deepEqual(fnEnv(yml), { SLS: 'dev', OPT: 'none', OPTR: 'none', REGION: 'us-east-1', ACCOUNT: '123456789012' });
  assert.deepEqual(fnEnv(yml, { stage: 'prod', region: 'eu-west-1' }), {
    SLS: 'prod', OPT: 'prod', OPTR: 'eu-west-1', REGION: 'eu-west-1', ACCOUNT: '123456789012',
  });
});

test('provider.stage may itself use ${opt:stage, ...}', () => {
  const plan = load(`service: shop
provider:
  name: aws
  runtime: nodejs20.x
  stage: \${opt:stage, 'staging'}
functions:
  f:
    handler: h.f
    environment:
      S: \${sls:stage}
`);
  assert.equal(plan.stackName, 'shop-staging');
  assert.equal(plan.functions[0].environment.S, 'staging');
});

test('${env:VAR} with and without defaults', () => {
  const yml = `functions:
  f:
    handler: h.f
    environment:
      URL: \${env:DB_URL}
      LEVEL: \${env:LOG_LEVEL, 'info'}
      DQ: \${env:NOPE, "double"}
      NUM: \${env:NOPE, 5}
      CHAIN: \${env:NOPE, env:OTHER, 'last'}
`;
  assert.deepEqual(fnEnv(yml, { env: { DB_URL: 'pg://x', OTHER: 'o' } }), { URL: 'pg://x', LEVEL: 'info', DQ: 'double', NUM: '5', CHAIN: 'o' });
  assert.equal(fnEnv(yml, { env: { DB_URL: 'pg://x', LOG_LEVEL: 'warn' } }).LEVEL, 'warn');
  assert.equal(fnEnv(yml, { env: { DB_URL: 'pg://x' } }).CHAIN, 'last');
});

test('${param:x}: --param, then params.<stage>, then params.default', () => {
  const yml = `params:
  prod: { domain: shop.example.com }
  default: { domain: dev.example.com, color: blue }
functions:
  f:
    handler: h.f
    environment:
      D: \${param:domain}
      C: \${param:color}
`;
  assert.deepEqual(fnEnv(yml), { D: 'dev.example.com', C: 'blue' });
  assert.deepEqual(fnEnv(yml, { stage: 'prod' }), { D: 'shop.example.com', C: 'blue' });
  assert.deepEqual(fnEnv(yml, { stage: 'prod', params: { color: 'red' } }), { D: 'shop.example.com', C: 'red' });
});

test('nested variables and variables inside strings', () => {
  const yml = `custom:
  dev: { table: dev-orders }
  prod: { table: prod-orders }
functions:
  f:
    handler: h.f
    environment:
      TABLE: \${self:custom.\${sls:stage}.table}
      NAME: prefix-\${sls:stage}-\${self:service}-suffix
      CFN: arn:\${AWS::Partition}:sqs:\${Queue}
`;
  assert.deepEqual(fnEnv(yml), { TABLE: 'dev-orders', NAME: 'prefix-dev-shop-suffix', CFN: 'arn:${AWS::Partition}:sqs:${Queue}' });
  assert.equal(fnEnv(yml, { stage: 'prod' }).TABLE, 'prod-orders');
});

test('a whole-value variable keeps its type (number, object)', () => {
  const plan = load(`${HEAD}  environment: \${self:custom.env}
custom:
  memory: 2048
  env: { A: '1' }
functions:
  f:
    handler: h.f
    memorySize: \${self:custom.memory}
    timeout: \${env:T, 20}
`);
  assert.equal(plan.functions[0].memorySize, 2048);
  assert.equal(plan.functions[0].timeout, 20);
  assert.deepEqual(plan.functions[0].environment, { A: '1' });
});

test('${file(...)}: a key of a file, a whole file, nested files and variables inside them', () => {
  const plan = load(`${HEAD}custom: \${file(./config/custom.yml)}
functions:
  f:
    handler: h.f
    environment:
      HOST: \${file(./config/custom.yml):db.host}
      PORT: \${self:custom.db.port}
      STAGE_NAME: \${file(./config/custom.yml):stageName}
      JSON: \${file(./extra.json):key}
      MISSING: \${file(./nope.yml):x, 'fallback'}
`, {}, {
    'config/custom.yml': 'db:\n  host: db.local\n  port: 5432\nstageName: s-${sls:stage}\n',
    'extra.json': '{"key": "from-json"}',
  });
  assert.deepEqual(plan.functions[0].environment, { HOST: 'db.local', PORT: '5432', STAGE_NAME: 's-dev', JSON: 'from-json', MISSING: 'fallback' });
});

test('a cycle of variables is a DeployError naming the chain', () => {
  const err = loadError(`${HEAD}custom:\n  a: \${self:custom.b}\n  b: \${self:custom.a}\nfunctions: {}\n`);
  assert.match(err.message, /variable cycle: custom\.a → custom\.b → custom\.a/);
  assert.equal(err.line, 6);
});

test('an object cannot be interpolated into a string', () => {
  const err = loadError(`${HEAD}custom:\n  o: { a: 1 }\n  s: x-\${self:custom.o}\nfunctions: {}\n`);
  assert.match(err.message, /serverless\.yml:7:3: custom\.s: variable \$\{self:custom\.o\} is an object/);
});
