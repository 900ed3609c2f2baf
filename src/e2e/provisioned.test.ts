// Provisioned concurrency through the official client against a real Nimbus: environments
// initialised before the first request (no Init Duration, the provisioned initialization
// type), READY status, spill-over to on-demand, and Lambda's errors.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateAliasCommand, DeleteFunctionConcurrencyCommand, DeleteProvisionedConcurrencyConfigCommand, PutFunctionConcurrencyCommand, GetProvisionedConcurrencyConfigCommand, InvokeCommand,
  ListProvisionedConcurrencyConfigsCommand, PublishVersionCommand, PutProvisionedConcurrencyConfigCommand,
} from '@aws-sdk/client-lambda';
import {
  ApplicationAutoScalingClient, DeregisterScalableTargetCommand, RegisterScalableTargetCommand,
} from '@aws-sdk/client-application-auto-scaling';
import { createFunction, eventually, json, startTestNimbus, tail, type TestNimbus } from './harness';

const HANDLER = `const initType = process.env.AWS_LAMBDA_INITIALIZATION_TYPE;
exports.handler = async (e) => { await new Promise((r) => setTimeout(r, e.ms || 0)); return { initType, pid: process.pid }; };`;

describe('provisioned concurrency', () => {
  let t: TestNimbus;
  before(async () => {
    t = await startTestNimbus();
    await createFunction(t.lambda, 'pc', { 'index.js': HANDLER });
    const v = await t.lambda.send(new PublishVersionCommand({ FunctionName: 'pc' }));
    await t.lambda.send(new CreateAliasCommand({ FunctionName: 'pc', Name: 'live', FunctionVersion: v.Version }));
  });
  after(() => t.close());

  it('initialises the environments before any request: READY, then no Init Duration', async () => {
    const put = await t.lambda.send(new PutProvisionedConcurrencyConfigCommand({ FunctionName: 'pc', Qualifier: 'live',
      ProvisionedConcurrentExecutions: 2 }));
    assert.equal(put.$metadata.httpStatusCode, 202);
    assert.equal(put.RequestedProvisionedConcurrentExecutions, 2);
    assert.equal(put.Status, 'IN_PROGRESS');
    const ready = await eventually(async () => {
      const g = await t.lambda.send(new GetProvisionedConcurrencyConfigCommand({ FunctionName: 'pc', Qualifier: 'live' }));
      return g.Status === 'READY' ? g : undefined;
    }, 10_000);
    assert.equal(ready.AllocatedProvisionedConcurrentExecutions, 2);
    assert.equal(ready.AvailableProvisionedConcurrentExecutions, 2);
    const out = await t.lambda.send(new InvokeCommand({ FunctionName: 'pc', Qualifier: 'live', LogType: 'Tail', Payload: '{}' }));
    assert.equal(json(out.Payload).initType, 'provisioned-concurrency');
    const report = tail(out.LogResult).split('\n').find((l) => l.startsWith('REPORT')) ?? '';
    assert.match(report, /^REPORT RequestId: /);
    assert.doesNotMatch(report, /Init Duration/);
    const list = await t.lambda.send(new ListProvisionedConcurrencyConfigsCommand({ FunctionName: 'pc' }));
    assert.deepEqual(list.ProvisionedConcurrencyConfigs?.map((c) => [c.FunctionArn, c.Status]),
      [['arn:aws:lambda:us-east-1:000000000000:function:pc:live', 'READY']]);
  });

  it('spills traffic above the provisioned count over to on-demand environments', async () => {
    const outs = await Promise.all([1, 2, 3].map(() => t.lambda.send(new InvokeCommand({ FunctionName: 'pc', Qualifier: 'live',
      LogType: 'Tail', Payload: JSON.stringify({ ms: 400 }) }))));
    const kinds = outs.map((o) => json(o.Payload).initType).sort();
    assert.deepEqual(kinds, ['on-demand', 'provisioned-concurrency', 'provisioned-concurrency']);
    const onDemand = outs.find((o) => json(o.Payload).initType === 'on-demand')!;
    assert.match(tail(onDemand.LogResult), /Init Duration/);
  });

  it('refuses $LATEST and unknown qualifiers, and answers a missing config with its own error', async () => {
    await assert.rejects(t.lambda.send(new PutProvisionedConcurrencyConfigCommand({ FunctionName: 'pc', Qualifier: '$LATEST',
      ProvisionedConcurrentExecutions: 1 })),
    { name: 'InvalidParameterValueException', message: 'Provisioned Concurrency Configs cannot be applied to unpublished function versions.' });
    await assert.rejects(t.lambda.send(new PutProvisionedConcurrencyConfigCommand({ FunctionName: 'pc', Qualifier: 'nope',
      ProvisionedConcurrentExecutions: 1 })), { name: 'ResourceNotFoundException' });
    await assert.rejects(t.lambda.send(new PutProvisionedConcurrencyConfigCommand({ FunctionName: 'pc', Qualifier: 'live',
      ProvisionedConcurrentExecutions: 0 })), { name: 'ValidationException' });
    await t.lambda.send(new DeleteProvisionedConcurrencyConfigCommand({ FunctionName: 'pc', Qualifier: 'live' }));
    await assert.rejects(t.lambda.send(new GetProvisionedConcurrencyConfigCommand({ FunctionName: 'pc', Qualifier: 'live' })),
      { name: 'ProvisionedConcurrencyConfigNotFoundException' });
  });

  it('follows Application Auto Scaling: a registered target sets the provisioned concurrency', async () => {
    const aas = new ApplicationAutoScalingClient({ endpoint: t.server.awsUrl, region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
    try {
      await aas.send(new RegisterScalableTargetCommand({ ServiceNamespace: 'lambda', ResourceId: 'function:pc:live',
        ScalableDimension: 'lambda:function:ProvisionedConcurrency', MinCapacity: 1, MaxCapacity: 3 }));
      const g = await eventually(async () => {
        const c = await t.lambda.send(new GetProvisionedConcurrencyConfigCommand({ FunctionName: 'pc', Qualifier: 'live' }));
        return c.Status === 'READY' ? c : undefined;
      }, 10_000);
      assert.equal(g.RequestedProvisionedConcurrentExecutions, 1);
      await aas.send(new DeregisterScalableTargetCommand({ ServiceNamespace: 'lambda', ResourceId: 'function:pc:live',
        ScalableDimension: 'lambda:function:ProvisionedConcurrency' }));
    } finally {
      aas.destroy();
    }
  });

  it('refuses more provisioned concurrency than the function has reserved', async () => {
    await t.lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'pc', ReservedConcurrentExecutions: 1 }));
    try {
      await assert.rejects(t.lambda.send(new PutProvisionedConcurrencyConfigCommand({ FunctionName: 'pc', Qualifier: 'live',
        ProvisionedConcurrentExecutions: 2 })),
      { name: 'InvalidParameterValueException', message: /should not be greater than the reservedConcurrentExecution/ });
    } finally {
      await t.lambda.send(new DeleteFunctionConcurrencyCommand({ FunctionName: 'pc' }));
    }
  });

  it('reports FAILED for a function whose Init always fails, without restarting it in a loop', async () => {
    await createFunction(t.lambda, 'pc-broken', { 'index.js': 'throw new Error("no database");' });
    const v = await t.lambda.send(new PublishVersionCommand({ FunctionName: 'pc-broken' }));
    await t.lambda.send(new PutProvisionedConcurrencyConfigCommand({ FunctionName: 'pc-broken', Qualifier: v.Version,
      ProvisionedConcurrentExecutions: 2 }));
    const failed = await eventually(async () => {
      const g = await t.lambda.send(new GetProvisionedConcurrencyConfigCommand({ FunctionName: 'pc-broken', Qualifier: v.Version }));
      return g.Status === 'FAILED' ? g : undefined;
    }, 10_000);
    assert.match(failed.StatusReason ?? '', /Error: Init failed/);
    await new Promise((r) => setTimeout(r, 1000));
    assert.equal(t.server.pool.environments().filter((e) => e.functionName === 'pc-broken').length, 0,
      'the failed environments are not started again');
  });
});
