// Every DeployError the SAM loader raises: message, line, column and key.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DeployError } from '../deploy-error';
import { HEADER, plan } from './test-helpers';

function fails(template: string, pattern: RegExp, opts: Parameters<typeof plan>[1] = {}): DeployError {
  let caught: unknown;
  try {
    plan(template, opts);
  } catch (err) {
    caught = err;
  }
  assert.ok(caught instanceof DeployError, `expected a DeployError, got ${String(caught)}`);
  assert.match(caught.message, pattern);
  return caught;
}

const fn = (props: string) => `${HEADER}Resources:\n  HelloFunction:\n    Type: AWS::Serverless::Function\n    Properties:\n${props}`;
const BASE = '      Handler: app.handler\n      Runtime: nodejs20.x\n';

test('wrong type names file, line, column and key', () => {
  const e = fails(fn(`${BASE}      Timeout: soon\n`), /Timeout/);
  assert.equal(e.message, 'template.yaml:9:7: Resources.HelloFunction.Properties.Timeout: expected a number of seconds (1-900), got "soon"');
  assert.deepEqual([e.file, e.line, e.column, e.key], ['template.yaml', 9, 7, 'Resources.HelloFunction.Properties.Timeout']);
  fails(fn(`${BASE}      MemorySize: 64\n`), /MemorySize: expected a memory size in MB \(128-10240\), got 64/);
  fails(fn(`${BASE}      Environment: {Variables: {A: [1]}}\n`), /Environment\.Variables\.A: expected a string value/);
  const g = fails(`${HEADER}Globals:\n  Function:\n    Timeout: 9999\nResources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties: {Handler: a.b, Runtime: nodejs20.x}\n`, /Globals\.Function\.Timeout/);
  assert.equal(g.line, 5);
});

test('malformed YAML reports the parser position', () => {
  const e = fails(`${HEADER}Resources:\n  A: [1, 2\n`, /^template\.yaml:\d+:\d+: invalid YAML/);
  assert.ok(e.line! >= 4);
});

test('Serverless types need the Transform', () => {
  const e = fails('Resources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties: {Handler: a.b, Runtime: nodejs20.x}\n',
    /Resources\.F\.Type: AWS::Serverless::Function needs "Transform: AWS::Serverless-2016-10-31"/);
  assert.equal(e.line, 3);
});

test('Handler and Runtime are required unless Globals give them', () => {
  fails(fn('      Runtime: nodejs20.x\n'), /Resources\.HelloFunction\.Properties: Handler is required/);
  fails(fn('      Handler: a.b\n'), /Runtime is required/);
  const ok = plan(`${HEADER}Globals:\n  Function: {Handler: a.b, Runtime: nodejs20.x}\nResources:\n  F:\n    Type: AWS::Serverless::Function\n`);
  assert.equal(ok.functions[0].handler, 'a.b');
});

test('ProvisionedConcurrencyConfig without AutoPublishAlias uses SAM\'s message', () => {
  fails(fn(`${BASE}      ProvisionedConcurrencyConfig: {ProvisionedConcurrentExecutions: 1}\n`),
    /ProvisionedConcurrencyConfig: To set ProvisionedConcurrencyConfig AutoPublishALias must be defined on the function/);
});

test('typos get the closest known name', () => {
  const e = fails(fn(`${BASE}      Timout: 5\n`), /Properties\.Timout: unknown property "Timout" \(did you mean "Timeout"\?\)/);
  assert.equal(e.line, 9);
  fails(fn(`${BASE}      Events:\n        E: {Type: Apii, Properties: {Path: /a, Method: get}}\n`), /did you mean "Api"/);
  fails(`${HEADER}Resource:\n  X: {Type: AWS::SQS::Queue}\n`, /unknown template section "Resource" \(did you mean "Resources"\?\)/);
  fails(`${HEADER}Resources:\n  X: {Type: AWS::SQS::Queue, Condtion: C}\n`, /did you mean "Condition"/);
  fails(`${HEADER}Globals:\n  Function: {FunctionName: x}\nResources: {}\n`, /FunctionName cannot be set in Globals\.Function/);
  const p = plan(fn(`${BASE}      CompletelyNew: 1\n`));
  assert.ok(p.warnings.some((w) => w.includes('CompletelyNew')));
});

test('Ref and GetAtt to unknown names', () => {
  fails(fn(`${BASE}      Environment: {Variables: {Q: !Ref Queu}}\nQueue:\n`.replace('Queue:\n', '')) + '  Queue: {Type: AWS::SQS::Queue}\n',
    /Variables\.Q\.Ref: Ref to unknown resource or parameter "Queu" \(did you mean "Queue"\?\)/);
  fails(fn(`${BASE}      Environment: {Variables: {Q: !GetAtt Nope.Arn}}\n`), /Fn::GetAtt of unknown resource "Nope"/);
  fails(fn(`${BASE}      Environment: {Variables: {Q: !Sub "\${Missing}"}}\n`), /unknown resource or parameter "Missing"/);
  fails(fn(`${BASE}      Environment: {Variables: {Q: !GetAtt HelloFunction.Nope}}\n`), /has no attribute "Nope"/);
  fails(`${HEADER}Resources:\n  X: {Type: AWS::SQS::Queue}\nOutputs:\n  O: {Value: !Ref ServerlessRestApi}\n`, /Outputs\.O\.Value\.Ref: Ref to unknown/);
  fails(fn(`${BASE}      Events:\n        E: {Type: Api, Properties: {Path: /a, Method: get, RestApiId: !Ref Other}}\n`), /RestApiId: expected !Ref to an AWS::Serverless::Api/);
  fails(fn(`${BASE}      Timeout: !If [Nope, 1, 2]\n`), /unknown condition "Nope"/);
});

test('parameter checks: AllowedValues, Number, undeclared overrides, missing values', () => {
  const t = `${HEADER}Parameters:\n  Stage: {Type: String, Default: dev, AllowedValues: [dev, prod]}\n  N: {Type: Number, Default: 1}\nResources: {}\n`;
  fails(t, /parameter Stage must be one of AllowedValues \[dev, prod\], got "qa"/, { parameterOverrides: { Stage: 'qa' } });
  fails(t, /parameter N \(Number\) expects a number, got "x"/, { parameterOverrides: { N: 'x' } });
  fails(t, /parameter override "Stag" is not declared in Parameters \(did you mean "Stage"\?\)/, { parameterOverrides: { Stag: 'dev' } });
  fails(`${HEADER}Parameters:\n  P: {Type: String}\nResources: {}\n`, /Parameters\.P: parameter P has no Default/);
});
