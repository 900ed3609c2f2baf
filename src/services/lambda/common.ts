// Members several operations share: the FunctionName label (checked against the
// model's pattern and length), Qualifier, MaxItems and Marker, and the configuration
// members of CreateFunction and UpdateFunctionConfiguration.
import { InvalidParameterValueException } from '../../registry/errors';
import {
  FUNCTION_NAME_PATTERN, NAMESPACED_FUNCTION_NAME_PATTERN, QUALIFIER_PATTERN, integerViolations, stringViolations,
  throwViolations, violation,
} from '../../registry/validate';
import type { ConfigChanges } from '../../registry/versions';
import type { Members } from './input';
import type { OperationRequest } from './operation';

/**
 * {FunctionName} of the path. `namespaced` operations (GetFunction, Invoke, ...) take the
 * model's NamespacedFunctionName (up to 256 characters, dots allowed), the others FunctionName.
 */
export function functionNameLabel(r: OperationRequest, namespaced: boolean): string {
  const name = r.params.FunctionName;
  throwViolations(functionNameViolations(name, namespaced));
  return name;
}

export function functionNameViolations(name: string, namespaced: boolean): string[] {
  return namespaced
    ? stringViolations('functionName', name, { min: 1, max: 256, pattern: NAMESPACED_FUNCTION_NAME_PATTERN })
    : stringViolations('functionName', name, { min: 1, max: 140, pattern: FUNCTION_NAME_PATTERN });
}

export function qualifierParam(r: OperationRequest): string | undefined {
  const q = r.query.get('Qualifier') ?? undefined;
  if (q !== undefined) throwViolations(stringViolations('qualifier', q, { min: 1, max: 128, pattern: QUALIFIER_PATTERN }));
  return q;
}

/** Marker and MaxItems (1..10000) of List* operations. */
export function pageParams(r: OperationRequest): { marker?: string; maxItems?: number } {
  const marker = r.query.get('Marker') ?? undefined;
  const raw = r.query.get('MaxItems');
  if (raw === null) return { marker };
  const maxItems = Number(raw);
  if (!Number.isInteger(maxItems)) throwViolations([violation('maxItems', raw, 'Member must be an integer')]);
  throwViolations(integerViolations('maxItems', maxItems, { min: 1, max: 10000 }));
  return { marker, maxItems };
}

/** The configuration members of CreateFunction / UpdateFunctionConfiguration. */
export function configMembers(m: Members): ConfigChanges {
  const c: ConfigChanges = {
    runtime: m.string('Runtime'),
    role: m.string('Role'),
    handler: m.string('Handler'),
    description: m.string('Description'),
    timeout: m.integer('Timeout'),
    memorySize: m.integer('MemorySize'),
  };
  const env = m.struct('Environment');
  if (env) c.environment = env.stringMap('Variables') ?? {};
  const tracing = m.struct('TracingConfig')?.string('Mode');
  if (tracing !== undefined) c.tracingMode = tracing;
  const storage = m.struct('EphemeralStorage')?.integer('Size');
  if (storage !== undefined) c.ephemeralStorageSize = storage;
  const layers = m.stringList('Layers');
  if (layers !== undefined) c.layers = layers;
  const dlq = m.struct('DeadLetterConfig');
  if (dlq) c.deadLetterTargetArn = deadLetterTarget(dlq.string('TargetArn') ?? '');
  return c;
}

/** DeadLetterConfig.TargetArn: an SQS queue or SNS topic ARN, or '' to remove it. */
function deadLetterTarget(arn: string): string {
  if (arn === '' || /^arn:aws[a-zA-Z-]*:(sqs|sns):[a-z0-9-]+:\d{12}:[A-Za-z0-9_.-]+$/.test(arn)) return arn;
  throw new InvalidParameterValueException(`The provided target arn ${arn} is invalid. Only SQS queues and SNS topics may be `
    + 'dead-letter targets.');
}
