// Scalable targets and scheduled actions as plain data, and the pure decisions over them:
// clamping the capacity into [min, max], what a fired scheduled action makes of a target.

export const LAMBDA_NAMESPACE = 'lambda';
export const LAMBDA_DIMENSION = 'lambda:function:ProvisionedConcurrency';
/** Scheduled actions one scalable target may have (AWS's quota). */
export const MAX_ACTIONS_PER_TARGET = 200;

export interface TargetKey {
  namespace: string;
  resourceId: string;
  dimension: string;
}

export interface SuspendedState {
  dynamicScalingInSuspended: boolean;
  dynamicScalingOutSuspended: boolean;
  scheduledScalingSuspended: boolean;
}

export interface ScalableTarget extends TargetKey {
  minCapacity: number;
  maxCapacity: number;
  /** The provisioned concurrency Nimbus last set through the port. */
  capacity: number;
  roleArn: string;
  arn: string;
  createdAt: number;
  suspended: SuspendedState;
}

export interface ScheduledAction extends TargetKey {
  name: string;
  arn: string;
  schedule: string;
  timezone?: string;
  startTime?: number;
  endTime?: number;
  minCapacity?: number;
  maxCapacity?: number;
  createdAt: number;
  /** Epoch ms of the next firing; null when the schedule has no more. */
  nextAt: number | null;
}

export const NOT_SUSPENDED: SuspendedState = {
  dynamicScalingInSuspended: false, dynamicScalingOutSuspended: false, scheduledScalingSuspended: false,
};

export const sameTarget = (a: TargetKey, b: TargetKey): boolean =>
  a.namespace === b.namespace && a.resourceId === b.resourceId && a.dimension === b.dimension;

export const clamp = (capacity: number, min: number, max: number): number => Math.min(Math.max(capacity, min), max);

/** A Lambda ResourceId, `function:<name>:<qualifier>`, split; undefined when malformed. */
export function parseLambdaResourceId(resourceId: string): { functionName: string; qualifier: string } | undefined {
  const m = /^function:([a-zA-Z0-9_-]{1,64}):([a-zA-Z0-9_-]{1,128})$/.exec(resourceId);
  return m ? { functionName: m[1], qualifier: m[2] } : undefined;
}

export type Firing =
  | { kind: 'apply'; target: ScalableTarget }
  | { kind: 'skip'; reason: string };

/** What firing `action` does to `target`: new min/max (kept when absent), capacity clamped. */
export function fire(target: ScalableTarget, action: ScheduledAction): Firing {
  if (target.suspended.scheduledScalingSuspended) return { kind: 'skip', reason: 'scheduled scaling is suspended' };
  const min = action.minCapacity ?? target.minCapacity;
  const max = action.maxCapacity ?? target.maxCapacity;
  if (min > max) return { kind: 'skip', reason: `minimum capacity ${min} is greater than maximum capacity ${max}` };
  return { kind: 'apply', target: { ...target, minCapacity: min, maxCapacity: max, capacity: clamp(target.capacity, min, max) } };
}
