// Application Auto Scaling driven by the official @aws-sdk/client-application-auto-scaling
// over the real AWS listener: targets, scheduled actions, and every bad input's SDK error.
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DeleteScheduledActionCommand, DeregisterScalableTargetCommand, DescribeScalableTargetsCommand, DescribeScheduledActionsCommand,
  PutScheduledActionCommand, RegisterScalableTargetCommand,
} from '@aws-sdk/client-application-auto-scaling';
import { openTestSqlite, type TestSql } from '../../store/testing';
import { DIM, NS, START, put, register, run, sdkError, type Running } from './testing';

describe('application auto scaling: targets and scheduled actions', () => {
  let db: TestSql;
  let r: Running;
  afterEach(async () => { await r?.close(); await db?.cleanup(); });
  const open = async () => { db = await openTestSqlite(); r = await run(db.sql); };

  it('registers, describes, re-registers with clamping, and deregisters a target', async () => {
    await open();
    const out = await register(r, 'f', 2, 10);
    assert.match(out.ScalableTargetARN!, /^arn:aws:application-autoscaling:us-east-1:000000000000:scalable-target\/[0-9a-f]{36}$/);
    assert.deepEqual(r.port.calls.map((c) => [c.fn, c.qualifier, c.n]), [['f', 'live', 2]]);
    const d = await r.client.send(new DescribeScalableTargetsCommand({ ServiceNamespace: NS }));
    assert.equal(d.ScalableTargets!.length, 1);
    const t = d.ScalableTargets![0];
    assert.deepEqual([t.ResourceId, t.ScalableDimension, t.MinCapacity, t.MaxCapacity, t.ScalableTargetARN],
      ['function:f:live', DIM, 2, 10, out.ScalableTargetARN]);
    assert.equal(t.CreationTime!.getTime(), START);
    assert.match(t.RoleARN!, /AWSServiceRoleForApplicationAutoScaling_LambdaConcurrency$/);
    assert.equal(t.SuspendedState!.ScheduledScalingSuspended, false);

    await register(r, 'f', 5); // min only: max stays 10, capacity 2 → 5
    await register(r, 'f', undefined, 1).catch(() => undefined); // 5 > 1: rejected
    await register(r, 'f', 0, 3); // capacity 5 → 3
    await register(r, 'f', 0, 4); // capacity 3 stays: no call
    assert.deepEqual(r.port.calls.map((c) => c.n), [2, 5, 3]);
    await register(r, 'g', 0, 1, '7');
    const filtered = await r.client.send(new DescribeScalableTargetsCommand({ ServiceNamespace: NS, ResourceIds: ['function:g:7'] }));
    assert.deepEqual(filtered.ScalableTargets!.map((x) => x.ResourceId), ['function:g:7']);
    const p1 = await r.client.send(new DescribeScalableTargetsCommand({ ServiceNamespace: NS, MaxResults: 1 }));
    const p2 = await r.client.send(new DescribeScalableTargetsCommand({ ServiceNamespace: NS, MaxResults: 1, NextToken: p1.NextToken }));
    assert.deepEqual([...p1.ScalableTargets!, ...p2.ScalableTargets!].map((x) => x.ResourceId), ['function:f:live', 'function:g:7']);
    assert.equal(p2.NextToken, undefined);
    assert.deepEqual((await r.client.send(new DescribeScalableTargetsCommand({ ServiceNamespace: 'ecs' }))).ScalableTargets, []);

    await put(r, 'up', 'rate(1 hour)', 1, 1);
    await r.client.send(new DeregisterScalableTargetCommand({ ServiceNamespace: NS, ScalableDimension: DIM, ResourceId: 'function:f:live' }));
    const left = await r.client.send(new DescribeScalableTargetsCommand({ ServiceNamespace: NS }));
    assert.deepEqual(left.ScalableTargets!.map((x) => x.ResourceId), ['function:g:7']);
    assert.deepEqual((await r.client.send(new DescribeScheduledActionsCommand({ ServiceNamespace: NS }))).ScheduledActions, []);
    await r.advance(2 * 3_600_000, 3_600_000);
    assert.equal(r.port.calls.length, 4, 'a deregistered target\'s actions no longer fire');
  });

  it('puts, describes, updates and deletes scheduled actions', async () => {
    await open();
    await register(r, 'f', 0, 10);
    const startTime = new Date('2026-02-01T00:00:00Z');
    await put(r, 'peak', 'cron(0 9 ? * MON-FRI *)', 5, 10, { Timezone: 'Europe/Paris', StartTime: startTime });
    await put(r, 'night', 'cron(0 18 ? * MON-FRI *)', 0, 10);
    const d = await r.client.send(new DescribeScheduledActionsCommand({ ServiceNamespace: NS, ResourceId: 'function:f:live' }));
    assert.deepEqual(d.ScheduledActions!.map((a) => a.ScheduledActionName), ['night', 'peak']);
    const peak = d.ScheduledActions![1];
    assert.deepEqual([peak.Schedule, peak.Timezone, peak.StartTime?.getTime(), peak.EndTime, peak.ScalableTargetAction],
      ['cron(0 9 ? * MON-FRI *)', 'Europe/Paris', startTime.getTime(), undefined, { MinCapacity: 5, MaxCapacity: 10 }]);
    assert.match(peak.ScheduledActionARN!, /^arn:aws:autoscaling:us-east-1:000000000000:scheduledAction:[0-9a-f-]{36}:resource\/lambda\/function:f:live:scheduledActionName\/peak$/);
    assert.equal(peak.CreationTime!.getTime(), START);

    // An update keeps what it leaves out.
    await r.client.send(new PutScheduledActionCommand({ ServiceNamespace: NS, ScalableDimension: DIM, ResourceId: 'function:f:live',
      ScheduledActionName: 'peak', ScalableTargetAction: { MinCapacity: 6, MaxCapacity: 12 } }));
    const [updated] = (await r.client.send(new DescribeScheduledActionsCommand({ ServiceNamespace: NS, ScheduledActionNames: ['peak'] }))).ScheduledActions!;
    assert.deepEqual([updated.Schedule, updated.Timezone, updated.ScheduledActionARN, updated.ScalableTargetAction],
      [peak.Schedule, 'Europe/Paris', peak.ScheduledActionARN, { MinCapacity: 6, MaxCapacity: 12 }]);

    await r.client.send(new DeleteScheduledActionCommand({ ServiceNamespace: NS, ScalableDimension: DIM, ResourceId: 'function:f:live',
      ScheduledActionName: 'peak' }));
    const rest = await r.client.send(new DescribeScheduledActionsCommand({ ServiceNamespace: NS }));
    assert.deepEqual(rest.ScheduledActions!.map((a) => a.ScheduledActionName), ['night']);
  });

  it('answers bad input with the error names the SDK surfaces', async () => {
    await open();
    const send = (input: object) => r.client.send(new PutScheduledActionCommand(input as any));
    const reg = (input: object) => r.client.send(new RegisterScalableTargetCommand(input as any));
    const base = { ServiceNamespace: NS, ScalableDimension: DIM, ResourceId: 'function:f:live' };
    await assert.rejects(reg({ ServiceNamespace: NS, ScalableDimension: DIM, MinCapacity: 1, MaxCapacity: 2 }),
      sdkError('ValidationException', /^1 validation error detected: Value null at 'resourceId' failed to satisfy constraint: Member must not be null$/));
    await assert.rejects(reg({ ServiceNamespace: 'nope', ScalableDimension: 'bad', ResourceId: 'x' }),
      sdkError('ValidationException', /^2 validation errors detected: Value 'nope' at 'serviceNamespace' .*enum value set.*; Value 'bad' at 'scalableDimension'/));
    await assert.rejects(reg({ ...base, ServiceNamespace: 'ecs', ResourceId: 'service/c/s', MinCapacity: 1, MaxCapacity: 2 }),
      sdkError('ValidationException', /Unsupported service namespace 'ecs'/));
    await assert.rejects(reg({ ...base, ScalableDimension: 'ecs:service:DesiredCount', MinCapacity: 1, MaxCapacity: 2 }),
      sdkError('ValidationException', /Unsupported scalable dimension/));
    for (const id of ['function:f', 'f:live', 'function:f:$LATEST']) {
      await assert.rejects(reg({ ...base, ResourceId: id, MinCapacity: 1, MaxCapacity: 2 }), sdkError('ValidationException', /resource ID/));
    }
    await assert.rejects(reg({ ...base, MinCapacity: 5, MaxCapacity: 2 }),
      sdkError('ValidationException', /^Minimum capacity cannot be greater than maximum capacity$/));
    await assert.rejects(reg({ ...base, MinCapacity: -1, MaxCapacity: 2 }), sdkError('ValidationException'));
    await assert.rejects(reg({ ...base, MinCapacity: 1 }), sdkError('ValidationException', /MinCapacity and MaxCapacity are required/));
    await assert.rejects(reg({ ...base, ResourceId: 'function:missing:live', MinCapacity: 1, MaxCapacity: 2 }),
      sdkError('ValidationException', /Function not found: missing/));
    assert.equal((await r.client.send(new DescribeScalableTargetsCommand({ ServiceNamespace: NS }))).ScalableTargets!.length, 0);

    await assert.rejects(put(r, 'a', 'rate(1 hour)', 1, 1), sdkError('ObjectNotFoundException',
      /^No scalable target registered for service namespace: lambda, resource ID: function:f:live, scalable dimension: lambda:function:ProvisionedConcurrency$/));
    await register(r, 'f', 0, 10);
    for (const bad of ['rate(0 hours)', 'cron(0 9 * * MON *)', 'at(2026-13-01T00:00:00)', 'daily']) {
      await assert.rejects(put(r, 'a', bad, 1, 1), sdkError('ValidationException'), bad);
    }
    await assert.rejects(put(r, 'a', 'rate(1 hour)', 1, 1, { Timezone: 'Mars/Olympus' }), sdkError('ValidationException', /timezone/));
    await assert.rejects(put(r, 'a', 'rate(1 hour)', 3, 1), sdkError('ValidationException', /Minimum capacity cannot be greater/));
    await assert.rejects(put(r, 'a:b', 'rate(1 hour)', 1, 1), sdkError('ValidationException', /scheduledActionName/));
    await assert.rejects(put(r, 'a', 'rate(1 hour)', 1, 1, { StartTime: new Date(START + 10_000), EndTime: new Date(START) }),
      sdkError('ValidationException'));
    await assert.rejects(send({ ...base, ScheduledActionName: 'new-without-schedule' }), sdkError('ValidationException', /Schedule is required/));
    await assert.rejects(send({ ...base }), sdkError('ValidationException', /Value null at 'scheduledActionName'/));
    await assert.rejects(r.client.send(new DeleteScheduledActionCommand({ ...base, ScheduledActionName: 'none' })),
      sdkError('ObjectNotFoundException', /No scheduled action found/));
    await assert.rejects(r.client.send(new DeregisterScalableTargetCommand({ ...base, ResourceId: 'function:g:live' })),
      sdkError('ObjectNotFoundException', /No scalable target found/));
    await assert.rejects(r.client.send(new DescribeScalableTargetsCommand({ ServiceNamespace: NS, MaxResults: 51 })),
      sdkError('ValidationException', /maxResults/));
    await assert.rejects(r.client.send(new DescribeScheduledActionsCommand({ ServiceNamespace: NS, NextToken: 'garbage' })),
      sdkError('InvalidNextTokenException'));
    await assert.rejects(r.client.send(new DescribeScalableTargetsCommand({} as any)),
      sdkError('ValidationException', /Value null at 'serviceNamespace'/));
  });
});
