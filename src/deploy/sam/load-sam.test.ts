// loadSam on literal templates: the `sam init` hello world, Globals, parameters,
// conditions, intrinsics, generated names, events and other resources.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadSam } from './load-sam';
import { HEADER, plan, project } from './test-helpers';

const HELLO = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Description: >
  sam-app

Globals:
  Function:
    Timeout: 3

Resources:
  HelloWorldFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: hello-world/
      Handler: app.lambdaHandler
      Runtime: nodejs20.x
      Architectures:
        - x86_64
      Events:
        HelloWorld:
          Type: Api
          Properties:
            Path: /hello
            Method: get

Outputs:
  HelloWorldApi:
    Description: "API Gateway endpoint URL for Prod stage for Hello World function"
    Value: !Sub "https://\${ServerlessRestApi}.execute-api.\${AWS::Region}.amazonaws.com/Prod/hello/"
  HelloWorldFunction:
    Value: !GetAtt HelloWorldFunction.Arn
  HelloWorldFunctionIamRole:
    Value: !GetAtt HelloWorldFunctionRole.Arn
`;

test('the sam init hello-world template', () => {
  const dir = project(HELLO);
  const p = loadSam(dir, { region: 'eu-west-1', accountId: '123456789012' });
  assert.equal(p.source.kind, 'sam');
  assert.equal(p.source.file, join(dir, 'template.yaml'));
  assert.equal(p.stackName, dir.split('/').pop());
  assert.equal(p.functions.length, 1);
  const f = p.functions[0];
  assert.equal(f.logicalId, 'HelloWorldFunction');
  assert.equal(f.handler, 'app.lambdaHandler');
  assert.equal(f.runtime, 'nodejs20.x');
  assert.equal(f.codeDir, join(dir, 'hello-world'));
  assert.equal(f.timeout, 3);
  assert.equal(f.memorySize, 128);
  assert.deepEqual(f.environment, {});
  assert.match(f.functionName, new RegExp(`^${p.stackName}-HelloWorldFunction-[A-Z0-9]{12}$`));
  assert.deepEqual(p.routes, [{
    apiId: 'ServerlessRestApi', kind: 'rest', payloadFormat: '1.0', method: 'GET', path: '/hello',
    functionLogicalId: 'HelloWorldFunction', stage: 'Prod',
  }]);
  assert.deepEqual(p.resources, []);
  assert.deepEqual(p.warnings, []);
});

test('generated names are stable and differ per stack; FunctionName wins; .yml and opts.file are found', () => {
  const t = `${HEADER}Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties: {Handler: a.b, Runtime: nodejs20.x}\n`;
  const a = plan(t).functions[0].functionName;
  assert.equal(plan(t).functions[0].functionName, a);
  assert.notEqual(plan(t, { stackName: 'other' }).functions[0].functionName.slice(-12), a.slice(-12));
  const long = plan(t, { stackName: 'x'.repeat(80) }).functions[0].functionName;
  assert.ok(long.length <= 64);
  assert.equal(plan(t.replace('Handler: a.b', 'Handler: a.b, FunctionName: mine')).functions[0].functionName, 'mine');
  const yml = loadSam(project(t, 'template.yml'), { region: 'us-east-1', accountId: '1', stackName: 's' });
  assert.equal(yml.functions.length, 1);
  const custom = loadSam(project(t, 'infra.yaml'), { region: 'us-east-1', accountId: '1', file: 'infra.yaml' });
  assert.equal(custom.functions[0].codeDir, custom.source.dir);
});

test('Globals.Function: values overridden, maps merged, lists appended; Globals Api/HttpApi Cors', () => {
  const p = plan(`${HEADER}Globals:
  Function:
    Runtime: python3.12
    Handler: app.handler
    MemorySize: 256
    Timeout: 10
    Layers: [arn:aws:lambda:us-east-1:1:layer:a:1]
    Environment:
      Variables: {TABLE: global-table, MODE: global}
  Api:
    Cors: "'*'"
  HttpApi:
    CorsConfiguration:
      AllowOrigins: [https://example.com]
      AllowMethods: [GET]
Resources:
  One:
    Type: AWS::Serverless::Function
    Properties:
      Timeout: 30
      Description: first
      Environment:
        Variables: {MODE: local, EXTRA: 1}
      Events:
        R: {Type: Api, Properties: {Path: /r, Method: any}}
        H: {Type: HttpApi, Properties: {Path: "/h/{id}", Method: post}}
  Two:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      InlineCode: "exports.handler = async () => 1;"
      Events:
        All: {Type: HttpApi}
`);
  const [one, two] = p.functions;
  assert.equal(one.runtime, 'python3.12');
  assert.equal(one.memorySize, 256);
  assert.equal(one.timeout, 30);
  assert.equal(one.description, 'first');
  assert.deepEqual(one.environment, { TABLE: 'global-table', MODE: 'local', EXTRA: '1' });
  assert.equal(two.runtime, 'nodejs20.x');
  assert.equal(two.timeout, 10);
  assert.equal(two.inlineCode, 'exports.handler = async () => 1;');
  assert.deepEqual(two.environment, { TABLE: 'global-table', MODE: 'global' });
  const [r, h, all] = p.routes;
  assert.deepEqual(r.cors, { allowOrigins: ['*'], allowMethods: ['*'], allowHeaders: [] });
  assert.equal(r.method, 'ANY');
  assert.deepEqual([h.kind, h.payloadFormat, h.method, h.path, h.stage, h.apiId], ['http', '2.0', 'POST', '/h/{id}', '$default', 'ServerlessHttpApi']);
  assert.deepEqual(h.cors, { allowOrigins: ['https://example.com'], allowMethods: ['GET'], allowHeaders: [] });
  assert.deepEqual([all.path, all.method, all.functionLogicalId], ['$default', 'ANY', 'Two']);
  assert.deepEqual(one.layers, [{ arn: 'arn:aws:lambda:us-east-1:1:layer:a:1' }], 'Globals.Function.Layers');
});

test('explicit AWS::Serverless::Api / HttpApi give stage, Cors and apiId; other events warn', () => {
  const p = plan(`${HEADER}Resources:
  MyApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: v1
      Cors: {AllowOrigin: "'https://a.example'", AllowMethods: "'GET,POST'", AllowHeaders: "'Content-Type'", MaxAge: "'600'"}
  MyHttp:
    Type: AWS::Serverless::HttpApi
    Properties:
      StageName: dev
      CorsConfiguration: true
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: a.b
      Runtime: nodejs20.x
      Events:
        A: {Type: Api, Properties: {Path: /a, Method: GET, RestApiId: !Ref MyApi}}
        B: {Type: HttpApi, Properties: {ApiId: !Ref MyHttp, Path: /b, Method: get, PayloadFormatVersion: "1.0"}}
        Q: {Type: SQS, Properties: {Queue: !Sub 'arn:aws:sqs:\${AWS::Region}:\${AWS::AccountId}:jobs', BatchSize: 5}}
        S: {Type: Schedule, Properties: {Schedule: rate(1 minute)}}
  Queue:
    Type: AWS::SQS::Queue
`);
  const [a, b] = p.routes;
  assert.deepEqual([a.apiId, a.stage, a.kind], ['MyApi', 'v1', 'rest']);
  assert.deepEqual(a.cors, { allowOrigins: ['https://a.example'], allowMethods: ['GET', 'POST'], allowHeaders: ['Content-Type'], maxAge: 600 });
  assert.deepEqual([b.apiId, b.stage, b.payloadFormat], ['MyHttp', 'dev', '1.0']);
  assert.deepEqual(b.cors, { allowOrigins: ['*'], allowMethods: ['*'], allowHeaders: ['*'] });
  assert.deepEqual(p.warnings, ['event S (Schedule) of Fn is not yet supported']);
  assert.deepEqual(p.resources.map((r) => [r.logicalId, r.supported]), [['MyApi', true], ['MyHttp', true], ['FnQ', true], ['Queue', true]]);
  const q = p.resources.find((r) => r.logicalId === 'FnQ')!;
  assert.equal(q.type, 'AWS::Lambda::EventSourceMapping');
  assert.deepEqual(q.properties, { FunctionName: p.functions[0].functionName, EventSourceArn: 'arn:aws:sqs:us-east-1:123456789012:jobs', BatchSize: 5 });
});

test('an SQS event on !GetAtt of a queue of the template maps that queue (named as CloudFormation would)', () => {
  const p = plan(`${HEADER}Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: a.b
      Runtime: nodejs20.x
      Events:
        Q: {Type: SQS, Properties: {Queue: !GetAtt Queue.Arn}}
  Queue:
    Type: AWS::SQS::Queue
    DeletionPolicy: Retain
`);
  const queue = p.resources.find((r) => r.logicalId === 'Queue')!;
  assert.match(String(queue.properties.QueueName), /^[a-z0-9-]+-Queue-[A-Z0-9]{12}$/);
  assert.equal(queue.deletionPolicy, 'Retain');
  assert.equal(p.resources.find((r) => r.logicalId === 'FnQ')!.properties.EventSourceArn, `arn:aws:sqs:us-east-1:123456789012:${queue.properties.QueueName}`);
});
