// Queue attributes as SQS validates them (pure): which names exist, which a caller may
// set, each value's range or form, and the defaults a new queue gets.
import { InvalidAttributeName, InvalidAttributeValue, InvalidParameterValue } from './errors';
import { MAX_MESSAGE_BYTES, nameFromArn } from './model';

/** Attributes only GetQueueAttributes reports. */
export const READ_ONLY = ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible',
  'ApproximateNumberOfMessagesDelayed', 'CreatedTimestamp', 'LastModifiedTimestamp', 'QueueArn'] as const;

const range = (min: number, max: number) => (v: string) => /^-?\d+$/.test(v) && Number(v) >= min && Number(v) <= max;
const bool = (v: string) => v === 'true' || v === 'false';

/** Every settable attribute and its check (a JSON one is checked by its own function). */
const CHECKS: Record<string, ((v: string) => boolean) | 'json'> = {
  DelaySeconds: range(0, 900),
  MaximumMessageSize: range(1024, MAX_MESSAGE_BYTES),
  MessageRetentionPeriod: range(60, 1_209_600),
  ReceiveMessageWaitTimeSeconds: range(0, 20),
  VisibilityTimeout: range(0, 43_200),
  Policy: 'json',
  RedrivePolicy: 'json',
  RedriveAllowPolicy: 'json',
  KmsMasterKeyId: (v) => v.length > 0,
  KmsDataKeyReusePeriodSeconds: range(60, 86_400),
  SqsManagedSseEnabled: bool,
  FifoQueue: bool,
  ContentBasedDeduplication: bool,
  DeduplicationScope: (v) => v === 'messageGroup' || v === 'queue',
  FifoThroughputLimit: (v) => v === 'perQueue' || v === 'perMessageGroupId',
};
const FIFO_ONLY = ['FifoQueue', 'ContentBasedDeduplication', 'DeduplicationScope', 'FifoThroughputLimit'];

export const DEFAULTS: Record<string, string> = {
  DelaySeconds: '0', MaximumMessageSize: String(MAX_MESSAGE_BYTES), MessageRetentionPeriod: '345600',
  ReceiveMessageWaitTimeSeconds: '0', VisibilityTimeout: '30', SqsManagedSseEnabled: 'true',
};
export const FIFO_DEFAULTS: Record<string, string> = {
  FifoQueue: 'true', ContentBasedDeduplication: 'false', DeduplicationScope: 'queue', FifoThroughputLimit: 'perQueue',
};

export interface AttributeContext { fifo: boolean; region: string; accountId: string; creating: boolean }

/** Validates attributes to create or set; returns them normalised (JSON policies re-serialised). */
export function validateQueueAttributes(input: Record<string, string>, ctx: AttributeContext): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, raw] of Object.entries(input)) {
    const check = CHECKS[name];
    if (!check || (FIFO_ONLY.includes(name) && !ctx.fifo) || (name === 'FifoQueue' && !ctx.creating)) {
      throw new InvalidAttributeName(`Unknown Attribute ${name}.`);
    }
    const value = String(raw);
    if (check === 'json') out[name] = checkJsonAttribute(name, value, ctx);
    else if (!check(value)) throw new InvalidAttributeValue(`Invalid value for the parameter ${name}.`);
    else out[name] = value;
  }
  return out;
}

function checkJsonAttribute(name: string, value: string, ctx: AttributeContext): string {
  if (value === '') return '';
  let parsed: unknown;
  try { parsed = JSON.parse(value); } catch { throw new InvalidAttributeValue(`Invalid value for the parameter ${name}. Reason: Invalid JSON.`); }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new InvalidAttributeValue(`Invalid value for the parameter ${name}.`);
  const o = parsed as Record<string, unknown>;
  if (name === 'RedrivePolicy') return JSON.stringify(redrivePolicy(o, ctx));
  if (name === 'RedriveAllowPolicy') return JSON.stringify(redriveAllowPolicy(o));
  return value;
}

function redrivePolicy(o: Record<string, unknown>, ctx: AttributeContext) {
  const bad = (why: string) => new InvalidParameterValue(`Value ${JSON.stringify(o)} for parameter RedrivePolicy is invalid. Reason: ${why}`);
  const target = o.deadLetterTargetArn;
  const max = Number(o.maxReceiveCount);
  if (typeof target !== 'string' || o.maxReceiveCount === undefined) {
    throw bad('Redrive policy does not contain mandatory attribute: ' + (typeof target !== 'string' ? 'deadLetterTargetArn' : 'maxReceiveCount') + '.');
  }
  if (!Number.isInteger(max) || max < 1 || max > 1000) throw bad('Invalid value for maxReceiveCount: ' + String(o.maxReceiveCount) + ', valid values are from 1 to 1000 both inclusive.');
  const dlqName = nameFromArn(target, ctx.region, ctx.accountId);
  if (!dlqName) throw bad('Dead-letter target ARN is invalid.');
  if (dlqName.endsWith('.fifo') !== ctx.fifo) throw bad('Dead-letter queue must be same type of queue as the source..');
  return { deadLetterTargetArn: target, maxReceiveCount: max };
}

function redriveAllowPolicy(o: Record<string, unknown>) {
  const bad = (why: string) => new InvalidParameterValue(`Value ${JSON.stringify(o)} for parameter RedriveAllowPolicy is invalid. Reason: ${why}`);
  const permission = o.redrivePermission;
  if (permission !== 'allowAll' && permission !== 'denyAll' && permission !== 'byQueue') {
    throw bad('Invalid value for redrivePermission: should be one of allowAll, denyAll, byQueue.');
  }
  const arns = o.sourceQueueArns;
  if (permission === 'byQueue') {
    if (!Array.isArray(arns) || arns.length === 0 || arns.length > 10 || !arns.every((a) => typeof a === 'string')) {
      throw bad('sourceQueueArns must be a list of 1 to 10 queue ARNs when redrivePermission is byQueue.');
    }
    return { redrivePermission: permission, sourceQueueArns: arns };
  }
  if (arns !== undefined) throw bad('sourceQueueArns is only allowed when redrivePermission is byQueue.');
  return { redrivePermission: permission };
}

/** Whether a DLQ's RedriveAllowPolicy lets `sourceArn` use it as dead-letter queue. */
export function redriveAllowed(dlqAttributes: Record<string, string>, sourceArn: string): boolean {
  if (!dlqAttributes.RedriveAllowPolicy) return true;
  const p = JSON.parse(dlqAttributes.RedriveAllowPolicy) as { redrivePermission: string; sourceQueueArns?: string[] };
  if (p.redrivePermission === 'allowAll') return true;
  if (p.redrivePermission === 'denyAll') return false;
  return (p.sourceQueueArns ?? []).includes(sourceArn);
}

/** The names GetQueueAttributes was asked for → the set to report; unknown names fail. */
export function requestedAttributeNames(names: unknown[] | undefined, fifo: boolean): Set<string> {
  const all = [...Object.keys(CHECKS).filter((n) => fifo || !FIFO_ONLY.includes(n)), ...READ_ONLY];
  const out = new Set<string>();
  for (const n of names ?? []) {
    if (n === 'All') { all.forEach((a) => out.add(a)); continue; }
    if (typeof n !== 'string' || !all.includes(n)) throw new InvalidAttributeName(`Unknown Attribute ${String(n)}.`);
    out.add(n);
  }
  return out;
}
