// PutScheduledAction, DescribeScheduledActions, DeleteScheduledAction. Put creates or
// updates (members left out keep their values) and re-arms the action from now.
import { randomUUID } from 'node:crypto';
import { LimitExceededException, ObjectNotFoundException, ValidationException } from './errors';
import { Checker, SCALABLE_DIMENSIONS, SERVICE_NAMESPACES, checkSupported, targetMembers } from './input';
import { MAX_ACTIONS_PER_TARGET, type ScheduledAction, type TargetKey } from './model';
import { page, pageMembers } from './paging';
import { isTimezone, parseSchedule } from './schedule';
import type { Ctx } from './targets';

type Input = Record<string, unknown>;
const ACTION_NAME = /^(?!((^[ ]+.*)|(.*([\u0000-\u001f]|[\u007f-\u009f]|[:/|])+.*)|(.*[ ]+$))).+$/s;

const notFoundTarget = (k: TargetKey) => new ObjectNotFoundException(`No scalable target registered for service namespace: `
  + `${k.namespace}, resource ID: ${k.resourceId}, scalable dimension: ${k.dimension}`);

export async function putScheduledAction(ctx: Ctx, input: Input): Promise<unknown> {
  const c = new Checker(input);
  const key = targetMembers(c) as TargetKey;
  const name = c.string('ScheduledActionName', { required: true, min: 1, max: 256 });
  if (name && !ACTION_NAME.test(name)) c.add('ScheduledActionName', name, `Member must satisfy regular expression pattern: ${ACTION_NAME.source}`);
  const schedule = c.string('Schedule', { min: 1, max: 1600 });
  const timezone = c.string('Timezone', { min: 1, max: 1600 });
  const startTime = c.timestamp('StartTime');
  const endTime = c.timestamp('EndTime');
  const sta = c.struct('ScalableTargetAction');
  const min = sta ? c.integer('MinCapacity', sta) : undefined;
  const max = sta ? c.integer('MaxCapacity', sta) : undefined;
  c.done();
  checkSupported(key);
  if (schedule !== undefined) {
    const parsed = parseSchedule(schedule);
    if (!parsed.ok) throw new ValidationException(parsed.reason);
  }
  if (timezone !== undefined && !isTimezone(timezone)) throw new ValidationException(`Unrecognized timezone: ${timezone}`);
  if (min !== undefined && min < 0) throw new ValidationException('Minimum capacity cannot be less than 0');
  if (max !== undefined && max < 0) throw new ValidationException('Maximum capacity cannot be less than 0');
  if (min !== undefined && max !== undefined && min > max) {
    throw new ValidationException('Minimum capacity cannot be greater than maximum capacity');
  }
  const { scaler } = ctx;
  return scaler.serial(async () => {
    if (!await scaler.store.target(key)) throw notFoundTarget(key);
    const old = await scaler.store.action(key, name!);
    if (!old && schedule === undefined) throw new ValidationException('Schedule is required for a new scheduled action');
    if (!old && await scaler.store.countActions(key) >= MAX_ACTIONS_PER_TARGET) {
      throw new LimitExceededException(`Maximum number of scheduled actions (${MAX_ACTIONS_PER_TARGET}) reached for ${key.resourceId}`);
    }
    const action: ScheduledAction = {
      ...key, name: name!, createdAt: old?.createdAt ?? scaler.clock.now(),
      arn: old?.arn ?? `arn:aws:autoscaling:${ctx.account.region}:${ctx.account.accountId}:scheduledAction:${randomUUID()}`
        + `:resource/${key.namespace}/${key.resourceId}:scheduledActionName/${name}`,
      schedule: schedule ?? old!.schedule,
      timezone: timezone ?? old?.timezone,
      startTime: startTime ?? old?.startTime,
      endTime: endTime ?? old?.endTime,
      minCapacity: sta ? min : old?.minCapacity,
      maxCapacity: sta ? max : old?.maxCapacity,
      nextAt: null,
    };
    if (action.startTime !== undefined && action.endTime !== undefined && action.startTime > action.endTime) {
      throw new ValidationException('StartTime must be earlier than EndTime');
    }
    action.nextAt = scaler.firstFiring(action);
    await scaler.store.putAction(action);
    scaler.arm(action);
    return {};
  });
}

export async function describeScheduledActions(ctx: Ctx, input: Input): Promise<unknown> {
  const c = new Checker(input);
  const namespace = c.string('ServiceNamespace', { required: true, oneOf: SERVICE_NAMESPACES });
  const names = c.strings('ScheduledActionNames', 50);
  const resourceId = c.string('ResourceId', { min: 1, max: 1600 });
  const dimension = c.string('ScalableDimension', { oneOf: SCALABLE_DIMENSIONS });
  const paging = pageMembers(c);
  c.done();
  const all = (await ctx.scaler.store.actions(namespace!)).filter((a) => (!names || names.includes(a.name))
    && (!resourceId || a.resourceId === resourceId) && (!dimension || a.dimension === dimension));
  const { items, nextToken } = page(all, paging);
  return { ScheduledActions: items.map(actionShape), NextToken: nextToken };
}

export async function deleteScheduledAction(ctx: Ctx, input: Input): Promise<unknown> {
  const c = new Checker(input);
  const key = targetMembers(c) as TargetKey;
  const name = c.string('ScheduledActionName', { required: true, min: 1, max: 1600 });
  c.done();
  return ctx.scaler.serial(async () => {
    if (!await ctx.scaler.store.deleteAction(key, name!)) {
      throw new ObjectNotFoundException(`No scheduled action found for service namespace: ${key.namespace}, resource ID: `
        + `${key.resourceId}, scalable dimension: ${key.dimension}, scheduled action name: ${name}`);
    }
    ctx.scaler.disarm({ ...key, name: name! });
    return {};
  });
}

function actionShape(a: ScheduledAction): Record<string, unknown> {
  const sta = a.minCapacity !== undefined || a.maxCapacity !== undefined
    ? { MinCapacity: a.minCapacity, MaxCapacity: a.maxCapacity } : undefined;
  return {
    ScheduledActionName: a.name, ScheduledActionARN: a.arn, ServiceNamespace: a.namespace, Schedule: a.schedule,
    Timezone: a.timezone, ResourceId: a.resourceId, ScalableDimension: a.dimension,
    StartTime: a.startTime === undefined ? undefined : a.startTime / 1000,
    EndTime: a.endTime === undefined ? undefined : a.endTime / 1000,
    ScalableTargetAction: sta, CreationTime: a.createdAt / 1000,
  };
}
