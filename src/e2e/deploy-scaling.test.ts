// A SAM project that schedules provisioned concurrency with an
// AWS::ApplicationAutoScaling::ScalableTarget: deploying registers the target and its
// scheduled actions, the actions fire on the (fake) clock and change the alias's
// provisioned concurrency, redeploys are idempotent and drop removed actions, and a bad
// target is a deploy error naming its logical id.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  ApplicationAutoScalingClient, DescribeScalableTargetsCommand, DescribeScheduledActionsCommand,
} from '@aws-sdk/client-application-auto-scaling';
import { GetProvisionedConcurrencyConfigCommand } from '@aws-sdk/client-lambda';
import { FakeClock } from '../kernel/clock';
import { eventually, startTestNimbus, type TestNimbus } from './harness';

const START = Date.parse('2026-01-05T00:00:00Z');
const HOUR = 3_600_000;
const HANDLER = 'exports.handler = async () => ({ ok: true });';
const EVENING = `        - ScheduledActionName: evening
          Schedule: cron(0 18 * * ? *)
          ScalableTargetAction: { MinCapacity: 1, MaxCapacity: 1 }
`;

const template = (target: { dimension?: string; resourceId?: string; actions?: string } = {}) => `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: nodejs20.x
      AutoPublishAlias: live
  Target:
    Type: AWS::ApplicationAutoScaling::ScalableTarget
    DependsOn: FnAliaslive
    Properties:
      MaxCapacity: 10
      MinCapacity: 0
      ResourceId: ${target.resourceId ?? '!Sub function:${Fn}:live'}
      RoleARN: !Sub arn:aws:iam::\${AWS::AccountId}:role/scaling
      ScalableDimension: ${target.dimension ?? 'lambda:function:ProvisionedConcurrency'}
      ServiceNamespace: lambda
      ScheduledActions:
        - ScheduledActionName: morning
          Schedule: cron(0 8 * * ? *)
          ScalableTargetAction: { MinCapacity: 2, MaxCapacity: 10 }
${target.actions ?? EVENING}`;

describe('deploying a ScalableTarget with scheduled actions', () => {
  const clock = new FakeClock(START);
  let t: TestNimbus;
  let scaling: ApplicationAutoScalingClient;
  const dirs: string[] = [];
  const project = (text: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'nimbus-scaling-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'app.js'), HANDLER);
    writeFileSync(join(dir, 'template.yaml'), text);
    return dir;
  };
  const actions = async (resourceId: string) => (await scaling.send(new DescribeScheduledActionsCommand({
    ServiceNamespace: 'lambda', ResourceId: resourceId }))).ScheduledActions!;
  const requested = (fn: string) => t.lambda.send(new GetProvisionedConcurrencyConfigCommand({ FunctionName: fn, Qualifier: 'live' }))
    .then((c) => c.RequestedProvisionedConcurrentExecutions, () => undefined);

  before(async () => {
    t = await startTestNimbus({ clock, stemCells: false });
    scaling = new ApplicationAutoScalingClient({ endpoint: t.server.awsUrl, region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
  });
  after(async () => { scaling.destroy(); await t.close(); dirs.forEach((d) => rmSync(d, { recursive: true, force: true })); });

  it('registers the target and its actions, which then scale the alias up at 08:00 and down at 18:00', async () => {
    const dir = project(template());
    const out = await t.server.deployer.deploy(dir);
    const fn = out.functions[0].functionName;
    assert.deepEqual(out.notices.filter((n) => n.includes('Target')), []);
    const id = `function:${fn}:live`;
    const targets = (await scaling.send(new DescribeScalableTargetsCommand({ ServiceNamespace: 'lambda', ResourceIds: [id] }))).ScalableTargets!;
    assert.deepEqual(targets.map((x) => [x.MinCapacity, x.MaxCapacity]), [[0, 10]]);
    const listed = await actions(id);
    assert.deepEqual(listed.map((a) => [a.ScheduledActionName, a.Schedule]).sort(),
      [['evening', 'cron(0 18 * * ? *)'], ['morning', 'cron(0 8 * * ? *)']]);
    assert.equal(await requested(fn), undefined);

    clock.advance(8 * HOUR + 60_000);
    assert.equal(await eventually(async () => ((await requested(fn)) === 2 ? 2 : undefined)), 2);
    clock.advance(10 * HOUR);
    assert.equal(await eventually(async () => ((await requested(fn)) === 1 ? 1 : undefined)), 1);

    // The same template again: the same actions (same ARNs), nothing added.
    await t.server.deployer.deploy(dir);
    assert.deepEqual((await actions(id)).map((a) => a.ScheduledActionARN).sort(), listed.map((a) => a.ScheduledActionARN).sort());
    // Without "evening": the deployment deletes the action it had created.
    writeFileSync(join(dir, 'template.yaml'), template({ actions: '' }));
    await t.server.deployer.deploy(dir);
    assert.deepEqual((await actions(id)).map((a) => a.ScheduledActionName), ['morning']);
  });

  it('a bad target is a deploy error naming the resource', async () => {
    await assert.rejects(t.server.deployer.deploy(project(template({ dimension: 'lambda:function:Concurrency' }))),
      /template\.yaml:10:3: Resources\.Target\.Properties: ValidationException: 1 validation error detected: Value 'lambda:function:Concurrency' at 'scalableDimension'/);
    await assert.rejects(t.server.deployer.deploy(project(template({ resourceId: 'function:nope:live' }))),
      /template\.yaml:10:3: Resources\.Target\.Properties: ValidationException: .*nope/);
    await assert.rejects(t.server.deployer.deploy(project(template({ actions: '        - { ScheduledActionName: x, Schedule: every day }\n' }))),
      /template\.yaml:10:3: Resources\.Target\.Properties\.ScheduledActions\[1\]: ValidationException: /);
  });
});
