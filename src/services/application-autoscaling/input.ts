// Request members read and checked as Application Auto Scaling does: model constraints
// (required, enum, length) are one ValidationException listing every violation ("2
// validation errors detected: ...; ..."); a member of the wrong JSON type is a
// SerializationException; Nimbus scales only Lambda provisioned concurrency.
import { SerializationException } from '../../protocols/aws-json';
import { ValidationException } from './errors';
import { LAMBDA_DIMENSION, LAMBDA_NAMESPACE, parseLambdaResourceId, type TargetKey } from './model';

export const SERVICE_NAMESPACES = ['ecs', 'elasticmapreduce', 'ec2', 'appstream', 'dynamodb', 'rds', 'sagemaker',
  'custom-resource', 'comprehend', 'lambda', 'cassandra', 'kafka', 'elasticache', 'neptune', 'workspaces'];
export const SCALABLE_DIMENSIONS = ['ecs:service:DesiredCount', 'ec2:spot-fleet-request:TargetCapacity',
  'elasticmapreduce:instancegroup:InstanceCount', 'appstream:fleet:DesiredCapacity', 'dynamodb:table:ReadCapacityUnits',
  'dynamodb:table:WriteCapacityUnits', 'dynamodb:index:ReadCapacityUnits', 'dynamodb:index:WriteCapacityUnits',
  'rds:cluster:ReadReplicaCount', 'sagemaker:variant:DesiredInstanceCount', 'custom-resource:ResourceType:Property',
  'comprehend:document-classifier-endpoint:DesiredInferenceUnits', 'comprehend:entity-recognizer-endpoint:DesiredInferenceUnits',
  'lambda:function:ProvisionedConcurrency', 'cassandra:table:ReadCapacityUnits', 'cassandra:table:WriteCapacityUnits',
  'kafka:broker-storage:VolumeSize', 'elasticache:cache-cluster:Nodes', 'elasticache:replication-group:NodeGroups',
  'elasticache:replication-group:Replicas', 'neptune:cluster:ReadReplicaCount', 'sagemaker:variant:DesiredProvisionedConcurrency',
  'sagemaker:inference-component:DesiredCopyCount', 'workspaces:workspacespool:DesiredUserSessions'];

type Input = Record<string, unknown>;
const wireName = (member: string) => member[0].toLowerCase() + member.slice(1);

/** Collects constraint violations of one request, then throws them as one ValidationException. */
export class Checker {
  private violations: string[] = [];
  constructor(private input: Input) {}

  string(member: string, c: { required?: boolean; min?: number; max?: number; oneOf?: readonly string[] } = {}): string | undefined {
    const v = this.input[member];
    if (v === undefined || v === null) {
      if (c.required) this.add(member, null, 'Member must not be null');
      return undefined;
    }
    if (typeof v !== 'string') throw new SerializationException(`${typeName(v)} can not be converted to a String`);
    if (c.min !== undefined && v.length < c.min) this.add(member, v, `Member must have length greater than or equal to ${c.min}`);
    if (c.max !== undefined && v.length > c.max) this.add(member, v, `Member must have length less than or equal to ${c.max}`);
    if (c.oneOf && !c.oneOf.includes(v)) this.add(member, v, `Member must satisfy enum value set: [${c.oneOf.join(', ')}]`);
    return v;
  }

  strings(member: string, max: number): string[] | undefined {
    const v = this.input[member];
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v) || v.some((s) => typeof s !== 'string')) throw new SerializationException(`Can not deserialize ${member}`);
    if (v.length > max) this.add(member, `[${v.join(', ')}]`, `Member must have length less than or equal to ${max}`);
    return v as string[];
  }

  integer(member: string, from: Input = this.input): number | undefined {
    const v = from[member];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v)) throw new SerializationException(`${typeName(v)} can not be converted to an Integer`);
    return v;
  }

  /** A timestamp: epoch seconds on the JSON wire (the SDK's default), as epoch ms. */
  timestamp(member: string): number | undefined {
    const v = this.input[member];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new SerializationException(`${typeName(v)} can not be converted to a Timestamp`);
    return Math.round(v * 1000);
  }

  struct(member: string): Input | undefined {
    const v = this.input[member];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'object' || Array.isArray(v)) throw new SerializationException(`Can not deserialize ${member} as a structure`);
    return v as Input;
  }

  add(member: string, value: string | number | null, constraint: string): void {
    const shown = value === null ? 'Value null' : `Value '${value}'`;
    this.violations.push(`${shown} at '${wireName(member)}' failed to satisfy constraint: ${constraint}`);
  }

  done(): void {
    const n = this.violations.length;
    if (n === 0) return;
    throw new ValidationException(`${n} validation error${n > 1 ? 's' : ''} detected: ${this.violations.join('; ')}`);
  }
}

const typeName = (v: unknown) => (typeof v === 'string' ? 'STRING_VALUE' : typeof v === 'number' ? 'NUMBER_VALUE'
  : typeof v === 'boolean' ? 'BOOLEAN_VALUE' : Array.isArray(v) ? 'START_ARRAY' : 'START_OBJECT');

/** ServiceNamespace, ResourceId and ScalableDimension of a target-addressed operation. */
export function targetMembers(c: Checker): Partial<TargetKey> {
  return {
    namespace: c.string('ServiceNamespace', { required: true, oneOf: SERVICE_NAMESPACES }),
    resourceId: c.string('ResourceId', { required: true, min: 1, max: 1600 }),
    dimension: c.string('ScalableDimension', { required: true, oneOf: SCALABLE_DIMENSIONS }),
  };
}

/** Nimbus scales Lambda provisioned concurrency only; AWS's errors for the rest. */
export function checkSupported(key: TargetKey): { functionName: string; qualifier: string } {
  if (key.namespace !== LAMBDA_NAMESPACE) {
    throw new ValidationException(`Unsupported service namespace '${key.namespace}': Nimbus scales only the ${LAMBDA_NAMESPACE} namespace`);
  }
  if (key.dimension !== LAMBDA_DIMENSION) {
    throw new ValidationException(`Unsupported scalable dimension '${key.dimension}' for service namespace '${key.namespace}'`);
  }
  const parsed = parseLambdaResourceId(key.resourceId);
  if (!parsed) {
    throw new ValidationException(`Unsupported resource ID '${key.resourceId}': a Lambda resource ID is function:<function-name>:<alias or version>`);
  }
  return parsed;
}
