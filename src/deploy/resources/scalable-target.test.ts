// AWS::ApplicationAutoScaling::ScalableTarget in both loaders (planned as supported, its
// ResourceId's intrinsics resolved to the function name) and its properties as API requests.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DeployError } from '../deploy-error';
import { HEADER, plan } from '../sam/test-helpers';
import { HEAD, load, loadError } from '../serverless-yml/test-fixture';
import { PropertyError } from './port';
import { scalableTargetRequests } from './scalable-target';
import { isSupported } from './types';

const TARGET = 'AWS::ApplicationAutoScaling::ScalableTarget';

test('SAM: a ScalableTarget is supported, !Sub / !Join / !Ref give the function name', () => {
  const p = plan(`${HEADER}Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties: { FunctionName: orders, Handler: a.b, Runtime: nodejs20.x, AutoPublishAlias: live }
  Other:
    Type: AWS::Serverless::Function
    Properties: { Handler: a.b, Runtime: nodejs20.x, AutoPublishAlias: live }
  Target:
    Type: ${TARGET}
    DependsOn: FnAliaslive
    Properties:
      MaxCapacity: 10
      MinCapacity: 0
      ResourceId: !Sub function:\${Fn}:live
      RoleARN: !Sub arn:aws:iam::\${AWS::AccountId}:role/scaling
      ScalableDimension: lambda:function:ProvisionedConcurrency
      ServiceNamespace: lambda
      ScheduledActions:
        - { ScheduledActionName: up, Schedule: cron(0 8 * * ? *), ScalableTargetAction: { MinCapacity: 5, MaxCapacity: 10 } }
  Joined:
    Type: ${TARGET}
    Properties:
      MaxCapacity: 1
      MinCapacity: 0
      ResourceId: !Join [':', [function, !Ref Other, live]]
      ScalableDimension: lambda:function:ProvisionedConcurrency
      ServiceNamespace: lambda
`);
  const [target, joined] = p.resources;
  assert.equal(target.supported, true);
  assert.equal(target.properties.ResourceId, 'function:orders:live');
  assert.equal(target.properties.RoleARN, 'arn:aws:iam::123456789012:role/scaling');
  assert.deepEqual(target.where, { file: 'template.yaml', line: 10, column: 3, key: 'Resources.Target' });
  assert.equal(joined.properties.ResourceId, `function:${p.functions[1].functionName}:live`);
  assert.match(String(joined.properties.ResourceId), /^function:app-Other-[A-Z0-9]{12}:live$/);
});

test('serverless: a ScalableTarget in resources.Resources is supported, function logical ids resolve', () => {
  const p = load(`${HEAD}functions:
  hello-world:
    handler: h.f
    provisionedConcurrency: 1
resources:
  Resources:
    Target:
      Type: ${TARGET}
      Properties:
        MaxCapacity: 5
        MinCapacity: 1
        ResourceId: !Join [':', [function, !Ref HelloDashworldLambdaFunction, provisioned]]
        RoleARN: !Sub 'arn:aws:iam::\${AWS::AccountId}:role/x'
        ScalableDimension: lambda:function:ProvisionedConcurrency
        ServiceNamespace: lambda
    Sub:
      Type: ${TARGET}
      Properties: { ResourceId: !Sub 'function:\${HelloDashworldLambdaFunction}:provisioned', Arn: !GetAtt HelloDashworldLambdaFunction.Arn }
    Queue:
      Type: AWS::SQS::Queue
      Properties: { QueueName: !Ref HelloDashworldLambdaFunction }
`);
  const [target, sub, queue] = p.resources;
  assert.equal(target.supported, true);
  assert.equal(target.properties.ResourceId, 'function:shop-dev-hello-world:provisioned');
  assert.equal(target.properties.RoleARN, 'arn:aws:iam::123456789012:role/x');
  assert.equal(sub.properties.ResourceId, 'function:shop-dev-hello-world:provisioned');
  assert.equal(sub.properties.Arn, 'arn:aws:lambda:us-east-1:123456789012:function:shop-dev-hello-world');
  assert.deepEqual([queue.supported, queue.properties], [true, { QueueName: 'shop-dev-hello-world' }]);
  const e = loadError(`${HEAD}functions:\n  hello:\n    handler: h.f\nresources:\n  Resources:\n    T:\n      Type: ${TARGET}\n`
    + '      Properties:\n        ResourceId: !Ref HeloLambdaFunction\n');
  assert.match(e.message, /resources\.Resources\.T\.Properties\.ResourceId\.Ref: Ref to unknown resource "HeloLambdaFunction" \(did you mean "HelloLambdaFunction"\?\)/);
  assert.equal(e.line, 13);
});

test('the registry decides what is served per project kind', () => {
  assert.equal(isSupported(TARGET, 'sam'), true);
  assert.equal(isSupported(TARGET, 'serverless'), true);
  assert.equal(isSupported('AWS::Serverless::Api', 'serverless'), false);
  assert.equal(isSupported('AWS::SQS::Queue', 'sam'), true);
  assert.equal(isSupported('AWS::DynamoDB::Table', 'sam'), true);
  assert.equal(isSupported('AWS::Serverless::SimpleTable', 'serverless'), false);
  assert.equal(isSupported('AWS::S3::Bucket', 'sam'), false);
  assert.equal(isSupported('toString', 'sam'), false);
});

const BASE = { MaxCapacity: '10', MinCapacity: 0, ResourceId: 'function:f:live', ScalableDimension: 'lambda:function:ProvisionedConcurrency',
  ServiceNamespace: 'lambda' };

test('properties become RegisterScalableTarget and PutScheduledAction requests', () => {
  const r = scalableTargetRequests({ ...BASE, ScheduledActions: [
    { ScheduledActionName: 'up', Schedule: 'cron(0 8 * * ? *)', Timezone: 'Europe/Paris', StartTime: '2026-01-05T00:00:00Z',
      EndTime: '2026-02-01T00:00:00', ScalableTargetAction: { MinCapacity: '5' } },
  ] });
  assert.deepEqual(r.register, { ...BASE, MaxCapacity: 10 });
  assert.deepEqual(r.actions, [{ ScheduledActionName: 'up', Schedule: 'cron(0 8 * * ? *)', Timezone: 'Europe/Paris',
    StartTime: Date.parse('2026-01-05T00:00:00Z') / 1000, EndTime: Date.parse('2026-02-01T00:00:00Z') / 1000,
    ScalableTargetAction: { MaxCapacity: undefined, MinCapacity: 5 } }]);
});

test('malformed properties name their path', () => {
  const fails = (props: Record<string, unknown>, path: (string | number)[], message: RegExp) => assert.throws(
    () => scalableTargetRequests(props), (e: unknown) => e instanceof PropertyError && assert.deepEqual(e.path, path) === undefined
      && message.test(e.message));
  fails({ ...BASE, MaxCapacity: undefined }, ['MaxCapacity'], /MaxCapacity is required/);
  fails({ ...BASE, MinCapcity: 1 }, ['MinCapcity'], /unknown property "MinCapcity" \(did you mean "MinCapacity"\?\)/);
  fails({ ...BASE, MinCapacity: 'ten' }, ['MinCapacity'], /expected an integer, got "ten"/);
  fails({ ...BASE, ScheduledActions: [{ ScheduledActionName: 'a' }] }, ['ScheduledActions', 0, 'Schedule'], /Schedule is required/);
  fails({ ...BASE, ScheduledActions: [{ ScheduledActionName: 'a', Schedule: 'rate(1 hour)', StartTime: 'soon' }] },
    ['ScheduledActions', 0, 'StartTime'], /expected a date and time/);
  fails({ ...BASE, ScheduledActions: [{ ScheduledActionName: 'a', Schedule: 'rate(1 hour)' }, { ScheduledActionName: 'a', Schedule: 'rate(2 hours)' }] },
    ['ScheduledActions', 1, 'ScheduledActionName'], /"a" is used twice/);
  assert.ok(!(new PropertyError([], 'x') instanceof DeployError));
});
