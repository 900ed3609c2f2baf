// AWS::ApplicationAutoScaling::ScalableTarget: its properties become Application Auto
// Scaling requests (RegisterScalableTarget, then PutScheduledAction per ScheduledActions
// item) sent through the ScalingPort, so the service's own validation and errors apply.
// The deployment owns the actions it put: those dropped from the template are deleted on
// redeploy, and a target whose resource left the template is deregistered.
import { AwsError } from '../../kernel/aws-error';
import { show, suggestKey } from '../deploy-error';
import type { KeyPath } from '../yaml-document';
import { PropertyError, type ScalingPort } from './port';

type Input = Record<string, unknown>;
export interface TargetKey { ServiceNamespace: unknown; ResourceId: unknown; ScalableDimension: unknown }
export interface ScalableTargetState { target: TargetKey; actions: string[] }
export interface ScalableTargetRequests { register: Input; actions: Input[] }

const PROPERTIES = ['MaxCapacity', 'MinCapacity', 'ResourceId', 'RoleARN', 'ScalableDimension', 'ScheduledActions',
  'ServiceNamespace', 'SuspendedState'];
const ACTION_PROPERTIES = ['EndTime', 'ScalableTargetAction', 'Schedule', 'ScheduledActionName', 'StartTime', 'Timezone'];
const CAPACITY_PROPERTIES = ['MaxCapacity', 'MinCapacity'];

/** The template's properties as API requests (pure); a malformed property throws a PropertyError. */
export function scalableTargetRequests(props: Input): ScalableTargetRequests {
  checkKeys(props, PROPERTIES, []);
  for (const k of ['MaxCapacity', 'MinCapacity', 'ResourceId', 'ScalableDimension', 'ServiceNamespace']) {
    if (props[k] === undefined) throw new PropertyError([k], `${k} is required`);
  }
  const register: Input = { ...props, MinCapacity: integer(props.MinCapacity, ['MinCapacity']),
    MaxCapacity: integer(props.MaxCapacity, ['MaxCapacity']) };
  delete register.ScheduledActions;
  const list = props.ScheduledActions ?? [];
  if (!Array.isArray(list)) throw new PropertyError(['ScheduledActions'], `expected a list of scheduled actions, got ${show(list)}`);
  const seen = new Set<unknown>();
  const actions = list.map((a: unknown, i) => {
    const at = ['ScheduledActions', i];
    if (!isMap(a)) throw new PropertyError(at, `expected a scheduled action (a map), got ${show(a)}`);
    checkKeys(a, ACTION_PROPERTIES, at);
    for (const k of ['ScheduledActionName', 'Schedule']) if (a[k] === undefined) throw new PropertyError([...at, k], `${k} is required`);
    if (seen.has(a.ScheduledActionName)) throw new PropertyError([...at, 'ScheduledActionName'], `${show(a.ScheduledActionName)} is used twice`);
    seen.add(a.ScheduledActionName);
    const out: Input = { ...a, StartTime: time(a.StartTime, [...at, 'StartTime']), EndTime: time(a.EndTime, [...at, 'EndTime']) };
    const sta = a.ScalableTargetAction;
    if (sta !== undefined) {
      if (!isMap(sta)) throw new PropertyError([...at, 'ScalableTargetAction'], `expected a map, got ${show(sta)}`);
      checkKeys(sta, CAPACITY_PROPERTIES, [...at, 'ScalableTargetAction']);
      out.ScalableTargetAction = Object.fromEntries(CAPACITY_PROPERTIES.map((k) => [k, integer(sta[k], [...at, 'ScalableTargetAction', k])]));
    }
    return out;
  });
  return { register, actions };
}

export async function applyScalableTarget(props: Input, port: ScalingPort, previous?: ScalableTargetState): Promise<ScalableTargetState> {
  const req = scalableTargetRequests(props);
  const key: TargetKey = { ServiceNamespace: props.ServiceNamespace, ResourceId: props.ResourceId, ScalableDimension: props.ScalableDimension };
  const same = previous !== undefined && JSON.stringify(previous.target) === JSON.stringify(key);
  if (previous && !same) await removeScalableTarget(previous, port);
  await asProperty([], () => port.registerScalableTarget(req.register));
  for (const [i, a] of req.actions.entries()) await asProperty(['ScheduledActions', i], () => port.putScheduledAction({ ...key, ...a }));
  const names = req.actions.map((a) => String(a.ScheduledActionName));
  for (const old of same ? previous.actions : []) {
    if (!names.includes(old)) await port.deleteScheduledAction({ ...key, ScheduledActionName: old }).catch(ignoreNotFound);
  }
  return { target: key, actions: names };
}

/** The resource left the template: its target (and with it every action on it) is deregistered. */
export async function removeScalableTarget(state: ScalableTargetState, port: ScalingPort): Promise<void> {
  await port.deregisterScalableTarget({ ...state.target }).catch(ignoreNotFound);
}

function ignoreNotFound(e: unknown): void {
  if (!(e instanceof AwsError && e.code === 'ObjectNotFoundException')) throw e;
}

/** An API error becomes a PropertyError at `path`: `ValidationException: ...`. */
async function asProperty(path: KeyPath, call: () => Promise<unknown>): Promise<void> {
  try {
    await call();
  } catch (e) {
    if (e instanceof AwsError) throw new PropertyError(path, `${e.code}: ${e.message}`);
    throw e;
  }
}

function checkKeys(obj: Input, known: string[], at: KeyPath): void {
  for (const k of Object.keys(obj)) {
    if (known.includes(k)) continue;
    const hint = suggestKey(k, known);
    throw new PropertyError([...at, k], `unknown property "${k}"${hint ? ` (did you mean "${hint}"?)` : ` (known: ${known.join(', ')})`}`);
  }
}

/** CloudFormation passes numbers as strings too (parameters, !Sub). */
function integer(v: unknown, at: KeyPath): number | undefined {
  if (v === undefined || v === null) return undefined;
  const n = typeof v === 'string' && /^\s*-?\d+\s*$/.test(v) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n)) throw new PropertyError(at, `expected an integer, got ${show(v)}`);
  return n;
}

/** StartTime / EndTime: a date and time string (UTC unless it says otherwise) → epoch seconds, as the API's JSON carries it. */
function time(v: unknown, at: KeyPath): number | undefined {
  if (v === undefined || v === null) return undefined;
  const ms = v instanceof Date ? v.getTime() : typeof v === 'string' ? Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(v) || !v.includes('T') ? v : `${v}Z`) : NaN;
  if (!Number.isFinite(ms)) throw new PropertyError(at, `expected a date and time such as 2026-01-05T08:00:00Z, got ${show(v)}`);
  return ms / 1000;
}

const isMap = (v: unknown): v is Input => v !== null && typeof v === 'object' && !Array.isArray(v);
