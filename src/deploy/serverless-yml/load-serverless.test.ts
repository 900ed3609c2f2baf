// loadServerless: defaults, every supported key, environment merge, names and codeDir.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HEAD, load, writeService, ACCOUNT } from './test-fixture';
import { loadServerless } from './load-serverless';

test('defaults: stage dev, region us-east-1, 1024 MB, 6 s, generated names', () => {
  const dir = writeService({ 'serverless.yml': `${HEAD}functions:\n  hello:\n    handler: handler.hello\n` });
  const plan = loadServerless(dir, { env: {}, accountId: ACCOUNT });
  assert.equal(plan.stackName, 'shop-dev');
  assert.equal(plan.region, 'us-east-1');
  assert.deepEqual(plan.source, { kind: 'serverless', file: `${dir}/serverless.yml`, dir });
  assert.deepEqual(plan.functions, [{
    logicalId: 'hello', functionName: 'shop-dev-hello', runtime: 'nodejs20.x', handler: 'handler.hello',
    codeDir: dir, memorySize: 1024, timeout: 6, environment: {},
  }]);
  assert.deepEqual(plan.routes, []);
  assert.deepEqual(plan.resources, []);
  assert.deepEqual(plan.warnings, []);
});

test('serverless.yaml is found too, and service may be {name}', () => {
  const dir = writeService({ 'serverless.yaml': 'service:\n  name: alt\nprovider:\n  name: aws\n  runtime: python3.12\nfunctions:\n  f:\n    handler: app.main\n' });
  const plan = loadServerless(dir, { env: {}, accountId: ACCOUNT });
  assert.equal(plan.functions[0].functionName, 'alt-dev-f');
  assert.equal(plan.functions[0].runtime, 'python3.12');
  assert.ok(plan.source.file.endsWith('serverless.yaml'));
});

test('provider values are defaults; function values win; options override stage and region', () => {
  const plan = load(`service: shop
provider:
  name: aws
  runtime: nodejs18.x
  stage: beta
  region: eu-west-1
  memorySize: 512
  timeout: 10
  tags: { team: core }
  iam:
    role:
      statements: []
  apiGateway: { minimumCompressionSize: 1024 }
functions:
  a:
    handler: src/a.handler
  b:
    handler: src/b.handler
    name: custom-b
    runtime: nodejs20.x
    memorySize: 256
    timeout: 30
    description: the b function
    reservedConcurrency: 5
    provisionedConcurrency: 2
  c:
    handler: c.handler
    provisionedConcurrency: { executions: 3, alias: live }
`, { stage: 'prod', region: 'ap-south-1' });
  assert.equal(plan.stackName, 'shop-prod');
  assert.equal(plan.region, 'ap-south-1');
  const [a, b, c] = plan.functions;
  assert.deepEqual([a.functionName, a.runtime, a.memorySize, a.timeout], ['shop-prod-a', 'nodejs18.x', 512, 10]);
  assert.deepEqual([b.functionName, b.runtime, b.memorySize, b.timeout], ['custom-b', 'nodejs20.x', 256, 30]);
  assert.equal(b.description, 'the b function');
  assert.equal(b.reservedConcurrency, 5);
  assert.equal(b.provisionedConcurrency, 2);
  assert.equal(b.autoPublishAlias, 'provisioned');
  assert.equal(c.provisionedConcurrency, 3);
  assert.equal(c.autoPublishAlias, 'live');
  assert.equal(a.provisionedConcurrency, undefined);
});

test('provider stage and region are used when no option is given', () => {
  const plan = load(`${HEAD}  stage: qa\n  region: eu-central-1\nfunctions:\n  f:\n    handler: h.f\n`);
  assert.equal(plan.stackName, 'shop-qa');
  assert.equal(plan.region, 'eu-central-1');
  assert.equal(plan.functions[0].functionName, 'shop-qa-f');
});

test('function environment is merged over the provider environment; scalars become strings', () => {
  const plan = load(`${HEAD}  environment:
    TABLE: orders
    LEVEL: info
    PORT: 8080
functions:
  f:
    handler: h.f
    environment:
      LEVEL: debug
      DEBUG: true
  g:
    handler: h.g
`);
  assert.deepEqual(plan.functions[0].environment, { TABLE: 'orders', LEVEL: 'debug', PORT: '8080', DEBUG: 'true' });
  assert.deepEqual(plan.functions[1].environment, { TABLE: 'orders', LEVEL: 'info', PORT: '8080' });
});

test('CloudFormation intrinsics in environment are evaluated over the stack; an unknown name is a DeployError', () => {
  const plan = load(`${HEAD}  environment:\n    TOPIC: !Ref Alerts\nfunctions:\n  f:\n    handler: h.f\n    environment:\n      QUEUE: !Ref Jobs
      ARN: !GetAtt [Jobs, Arn]\n      NAME: { 'Fn::Sub': '\${Jobs.QueueName}-\${AWS::Region}' }
resources:\n  Resources:\n    Jobs: { Type: AWS::SQS::Queue, Properties: { QueueName: jobs } }\n    Alerts: { Type: AWS::SNS::Topic }\n`);
  assert.deepEqual(plan.functions[0].environment, { TOPIC: 'arn:aws:sns:us-east-1:123456789012:shop-dev-Alerts-9JLWT38956A2',
    QUEUE: 'http://127.0.0.1:4566/123456789012/jobs', ARN: 'arn:aws:sqs:us-east-1:123456789012:jobs', NAME: 'jobs-us-east-1' });
  assert.deepEqual(plan.warnings, []);
  assert.throws(() => load(`${HEAD}functions:\n  f:\n    handler: h.f\n    environment:\n      QUEUE: !Ref Jobz\nresources:\n  Resources:\n    Jobs: { Type: AWS::SQS::Queue }\n`),
    /serverless\.yml:9:7: functions\.f\.environment\.QUEUE\.Ref: Ref to unknown resource "Jobz" \(did you mean "Jobs"\?\)/);
});

test('custom, params, package, frameworkVersion and useDotenv are accepted without warnings', () => {
  const plan = load(`service: shop
frameworkVersion: '3'
useDotenv: true
provider: { name: aws, runtime: nodejs20.x }
custom: { anything: [1, 2] }
params: { default: { x: 1 } }
package: { individually: true, patterns: ['!tests/**'] }
functions: { f: { handler: h.f } }
`);
  assert.deepEqual(plan.warnings, []);
});

test('provider.stackName overrides the stack name', () => {
  const plan = load(`${HEAD}  stackName: my-stack\nfunctions: {}\n`);
  assert.equal(plan.stackName, 'my-stack');
  assert.deepEqual(plan.functions, []);
});
