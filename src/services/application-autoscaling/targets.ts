// RegisterScalableTarget, DescribeScalableTargets, DeregisterScalableTarget.
import type { Account } from '../../kernel/arn';
import { AwsError } from '../../kernel/aws-error';
import { hexId } from '../../kernel/ids';
import { LimitExceededException, ObjectNotFoundException, ValidationException } from './errors';
import { Checker, SCALABLE_DIMENSIONS, SERVICE_NAMESPACES, checkSupported, targetMembers } from './input';
import { NOT_SUSPENDED, clamp, type ScalableTarget, type SuspendedState, type TargetKey } from './model';
import { page, pageMembers } from './paging';
import type { Scaler } from './scaler';

export interface Ctx { scaler: Scaler; account: Account }
type Input = Record<string, unknown>;

const lambdaRole = (acc: Account) => `arn:aws:iam::${acc.accountId}:role/aws-service-role/`
  + 'lambda.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_LambdaConcurrency';

export async function registerScalableTarget(ctx: Ctx, input: Input): Promise<unknown> {
  const c = new Checker(input);
  const key = targetMembers(c) as TargetKey;
  const min = c.integer('MinCapacity');
  const max = c.integer('MaxCapacity');
  c.string('RoleARN', { min: 1, max: 1600 });
  const suspendedIn = c.struct('SuspendedState');
  c.done();
  checkSupported(key);
  if (min !== undefined && min < 0) throw new ValidationException('Minimum capacity cannot be less than 0');
  if (max !== undefined && max < 0) throw new ValidationException('Maximum capacity cannot be less than 0');
  return ctx.scaler.serial(async () => {
    const store = ctx.scaler.store;
    const existing = await store.target(key);
    if (!existing && (min === undefined || max === undefined)) {
      throw new ValidationException('MinCapacity and MaxCapacity are required for registering a new scalable target');
    }
    const minCapacity = min ?? existing!.minCapacity;
    const maxCapacity = max ?? existing!.maxCapacity;
    if (minCapacity > maxCapacity) throw new ValidationException('Minimum capacity cannot be greater than maximum capacity');
    if (!existing && (await store.targets(key.namespace)).length >= 3000) {
      throw new LimitExceededException('Maximum number of scalable targets (3000) reached for service namespace lambda');
    }
    const base: ScalableTarget = existing ?? {
      ...key, minCapacity, maxCapacity, capacity: 0, roleArn: lambdaRole(ctx.account), createdAt: ctx.scaler.clock.now(),
      arn: `arn:aws:application-autoscaling:${ctx.account.region}:${ctx.account.accountId}:scalable-target/${hexId(18)}`,
      suspended: NOT_SUSPENDED,
    };
    const target: ScalableTarget = {
      ...base, minCapacity, maxCapacity, capacity: clamp(base.capacity, minCapacity, maxCapacity),
      suspended: suspendedIn ? mergeSuspended(base.suspended, suspendedIn) : base.suspended,
    };
    try {
      await ctx.scaler.pushCapacity(target, existing?.capacity);
    } catch (e) {
      if (e instanceof AwsError) throw new ValidationException(e.message);
      throw e;
    }
    await store.putTarget(target);
    return { ScalableTargetARN: target.arn };
  });
}

function mergeSuspended(s: SuspendedState, input: Input): SuspendedState {
  const flag = (member: string, old: boolean) => {
    const v = input[member];
    if (v === undefined || v === null) return old;
    if (typeof v !== 'boolean') throw new ValidationException(`SuspendedState.${member} must be a boolean`);
    return v;
  };
  return {
    dynamicScalingInSuspended: flag('DynamicScalingInSuspended', s.dynamicScalingInSuspended),
    dynamicScalingOutSuspended: flag('DynamicScalingOutSuspended', s.dynamicScalingOutSuspended),
    scheduledScalingSuspended: flag('ScheduledScalingSuspended', s.scheduledScalingSuspended),
  };
}

export async function describeScalableTargets(ctx: Ctx, input: Input): Promise<unknown> {
  const c = new Checker(input);
  const namespace = c.string('ServiceNamespace', { required: true, oneOf: SERVICE_NAMESPACES });
  const ids = c.strings('ResourceIds', 50);
  const dimension = c.string('ScalableDimension', { oneOf: SCALABLE_DIMENSIONS });
  const paging = pageMembers(c);
  c.done();
  const all = (await ctx.scaler.store.targets(namespace!))
    .filter((t) => (!ids || ids.includes(t.resourceId)) && (!dimension || t.dimension === dimension));
  const { items, nextToken } = page(all, paging);
  return { ScalableTargets: items.map(targetShape), NextToken: nextToken };
}

export async function deregisterScalableTarget(ctx: Ctx, input: Input): Promise<unknown> {
  const c = new Checker(input);
  const key = targetMembers(c) as TargetKey;
  c.done();
  return ctx.scaler.serial(async () => {
    if (!await ctx.scaler.store.deleteTarget(key)) {
      throw new ObjectNotFoundException(`No scalable target found for service namespace: ${key.namespace}, `
        + `resource ID: ${key.resourceId}, scalable dimension: ${key.dimension}`);
    }
    ctx.scaler.disarmTarget(key);
    return {};
  });
}

const seconds = (ms: number) => ms / 1000;

function targetShape(t: ScalableTarget): Record<string, unknown> {
  return {
    ServiceNamespace: t.namespace, ResourceId: t.resourceId, ScalableDimension: t.dimension,
    MinCapacity: t.minCapacity, MaxCapacity: t.maxCapacity, RoleARN: t.roleArn, CreationTime: seconds(t.createdAt),
    SuspendedState: {
      DynamicScalingInSuspended: t.suspended.dynamicScalingInSuspended,
      DynamicScalingOutSuspended: t.suspended.dynamicScalingOutSuspended,
      ScheduledScalingSuspended: t.suspended.scheduledScalingSuspended,
    },
    ScalableTargetARN: t.arn,
  };
}
