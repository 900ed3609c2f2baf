// Pure validation of what callers ask the registry to store, answered as Lambda does:
// a value breaking a constraint of the API model is a ValidationException listing every
// violation ("2 validation errors detected: ...; ..."), Lambda's own rules (runtimes,
// the 10 GB memory cap, reserved environment keys, the 4 KB environment) are
// InvalidParameterValueExceptions with Lambda's messages.
import { InvalidParameterValueException, PreconditionFailedException, ValidationException } from './errors';
import { CUSTOM_RUNTIMES, NODE_RUNTIMES, PYTHON_RUNTIMES } from './model';
import type { ConfigChanges } from './versions';

export const SUPPORTED_RUNTIMES: readonly string[] = [...NODE_RUNTIMES, ...PYTHON_RUNTIMES, ...CUSTOM_RUNTIMES];
/** Lambda's current runtime identifiers (the API model's Runtime enum, without the retired ones). */
export const LAMBDA_RUNTIMES: readonly string[] = ['nodejs18.x', 'nodejs20.x', 'nodejs22.x', 'nodejs24.x', 'python3.9',
  'python3.10', 'python3.11', 'python3.12', 'python3.13', 'python3.14', 'java17', 'java21', 'java25', 'dotnet8', 'dotnet10',
  'ruby3.2', 'ruby3.3', 'ruby3.4', 'ruby4.0', 'provided', 'provided.al2', 'provided.al2023'];
/** In the model's enum, but no longer accepted by Lambda for new or updated functions. */
export const RETIRED_RUNTIMES: readonly string[] = ['nodejs', 'nodejs4.3', 'nodejs4.3-edge', 'nodejs6.10', 'nodejs8.10',
  'nodejs10.x', 'nodejs12.x', 'nodejs14.x', 'nodejs16.x', 'java8', 'java8.al2', 'java11', 'python2.7', 'python3.6', 'python3.7',
  'python3.8', 'dotnetcore1.0', 'dotnetcore2.0', 'dotnetcore2.1', 'dotnetcore3.1', 'dotnet6', 'go1.x', 'ruby2.5', 'ruby2.7'];
export const DEFAULT_MEMORY_SIZE = 128;
export const DEFAULT_TIMEOUT = 3;
export const MAX_MEMORY_SIZE = 10240;
export const MAX_TIMEOUT = 900;
export const MAX_ENVIRONMENT_BYTES = 4096;

export const FUNCTION_NAME_PATTERN = String.raw`(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1}:)?(\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\$LATEST|[a-zA-Z0-9-_]+))?`;
export const NAMESPACED_FUNCTION_NAME_PATTERN = String.raw`(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1}:)?(\d{12}:)?(function:)?([a-zA-Z0-9-_\.]+)(:(\$LATEST(\.PUBLISHED)?|[a-zA-Z0-9-_]+))?`;
export const QUALIFIER_PATTERN = String.raw`\$(LATEST(\.PUBLISHED)?)|[a-zA-Z0-9-_$]+`;
export const ROLE_PATTERN = String.raw`arn:(aws[a-zA-Z-]*)?:iam::\d{12}:role/?[a-zA-Z_0-9+=,.@\-_/]+`;
export const HANDLER_PATTERN = String.raw`[^\s]+`;
export const ALIAS_PATTERN = String.raw`(?!^[0-9]+$)([a-zA-Z0-9-_]+)`;
export const VERSION_PATTERN = String.raw`(\$LATEST(\.PUBLISHED)?|[0-9]+)`;
export const ENV_KEY_PATTERN = String.raw`[a-zA-Z]([a-zA-Z0-9_])+`;

/** Keys Lambda sets itself and refuses to take from the function's configuration. */
export const RESERVED_ENV_KEYS: readonly string[] = [
  '_HANDLER', '_X_AMZN_TRACE_ID', 'AWS_DEFAULT_REGION', 'AWS_REGION', 'AWS_EXECUTION_ENV',
  'AWS_LAMBDA_FUNCTION_NAME', 'AWS_LAMBDA_FUNCTION_MEMORY_SIZE', 'AWS_LAMBDA_FUNCTION_VERSION',
  'AWS_LAMBDA_INITIALIZATION_TYPE', 'AWS_LAMBDA_LOG_GROUP_NAME', 'AWS_LAMBDA_LOG_STREAM_NAME',
  'AWS_ACCESS_KEY', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN',
  'AWS_LAMBDA_RUNTIME_API', 'LAMBDA_TASK_ROOT', 'LAMBDA_RUNTIME_DIR',
];

/** Whole-string match of a model pattern (the model's patterns are unanchored). */
export const matches = (pattern: string, value: string): boolean => new RegExp(`^(?:${pattern})$`).test(value);

/** One violation in the model's words; `value` undefined for sensitive members, null when missing. */
export function violation(member: string, value: string | number | null | undefined, constraint: string): string {
  const shown = value === undefined ? 'Value' : value === null ? 'Value null' : `Value '${value}'`;
  return `${shown} at '${member}' failed to satisfy constraint: ${constraint}`;
}

export function validationError(violations: readonly string[]): ValidationException {
  const n = violations.length;
  return new ValidationException(`${n} validation error${n === 1 ? '' : 's'} detected: ${violations.join('; ')}`);
}

export function throwViolations(violations: readonly string[]): void {
  if (violations.length > 0) throw validationError(violations);
}

const maxLength = (n: number) => `Member must have length less than or equal to ${n}`;
const minLength = (n: number) => `Member must have length greater than or equal to ${n}`;
const maxValue = (n: number) => `Member must have value less than or equal to ${n}`;
const minValue = (n: number) => `Member must have value greater than or equal to ${n}`;
const pattern = (p: string) => `Member must satisfy regular expression pattern: ${p}`;

/** Length and pattern of a string member, as the model states them. */
export function stringViolations(member: string, value: string, c: { min?: number; max?: number; pattern?: string }): string[] {
  const out: string[] = [];
  if (c.max !== undefined && value.length > c.max) out.push(violation(member, value, maxLength(c.max)));
  if (c.min !== undefined && value.length < c.min) out.push(violation(member, value, minLength(c.min)));
  if (c.pattern !== undefined && !matches(c.pattern, value)) out.push(violation(member, value, pattern(c.pattern)));
  return out;
}

export function integerViolations(member: string, value: number, c: { min?: number; max?: number }): string[] {
  if (c.max !== undefined && value > c.max) return [violation(member, value, maxValue(c.max))];
  if (c.min !== undefined && value < c.min) return [violation(member, value, minValue(c.min))];
  return [];
}

/** CreateFunction's name: a bare name over 64 characters is refused, as Lambda does, with an IPVE. */
export function checkNewFunctionName(name: string): void {
  if (name.length > 64) throw new InvalidParameterValueException(`1 validation error detected: ${violation('functionName', name, maxLength(64))}`);
}

/** The configuration members validation checks: the same as an update may set. */
export type ConfigFields = ConfigChanges;

/** Validates the configuration members present; model violations first, then Lambda's rules. */
export function validateConfig(c: ConfigFields): void {
  const v: string[] = [];
  if (c.role !== undefined) v.push(...stringViolations('role', c.role, { pattern: ROLE_PATTERN }));
  if (c.handler !== undefined) v.push(...stringViolations('handler', c.handler, { max: 128, pattern: HANDLER_PATTERN }));
  if (c.description !== undefined) v.push(...stringViolations('description', c.description, { max: 256 }));
  if (c.timeout !== undefined) v.push(...integerViolations('timeout', c.timeout, { min: 1, max: MAX_TIMEOUT }));
  if (c.memorySize !== undefined) v.push(...integerViolations('memorySize', c.memorySize, { min: 128, max: 32768 }));
  if (c.environment !== undefined) {
    const bad = Object.keys(c.environment).some((k) => !matches(ENV_KEY_PATTERN, k));
    if (bad) v.push(violation('environment.variables', undefined, `Map keys must satisfy constraint: [${pattern(ENV_KEY_PATTERN)}]`));
  }
  if (c.architectures !== undefined) {
    const shown = `[${c.architectures.join(', ')}]`;
    if (c.architectures.length !== 1) v.push(violation('architectures', shown, maxLength(1)));
    else if (!['x86_64', 'arm64'].includes(c.architectures[0])) {
      v.push(violation('architectures', shown,
        'Member must satisfy constraint: [Member must satisfy enum value set: [x86_64, arm64], Member must not be null]'));
    }
  }
  if (c.ephemeralStorageSize !== undefined) {
    v.push(...integerViolations('ephemeralStorage.size', c.ephemeralStorageSize, { min: 512, max: 10240 }));
  }
  if (c.tracingMode !== undefined && !['Active', 'PassThrough'].includes(c.tracingMode)) {
    v.push(violation('tracingConfig.mode', c.tracingMode, 'Member must satisfy enum value set: [Active, PassThrough]'));
  }
  throwViolations(v);
  if (c.runtime !== undefined) checkRuntime(c.runtime);
  if (c.memorySize !== undefined && c.memorySize > MAX_MEMORY_SIZE) {
    throw new InvalidParameterValueException(`'MemorySize' value failed to satisfy constraint: ${maxValue(MAX_MEMORY_SIZE)}`);
  }
  if (c.environment !== undefined) checkEnvironment(c.environment);
}

/**
 * Runtimes Nimbus runs; a runtime Lambda has retired gets Lambda's message, one Lambda runs
 * but this machine cannot (java, dotnet, ruby, a newer Python) says what Nimbus runs instead,
 * and any other value gets the API's enum violation.
 */
export function checkRuntime(runtime: string): void {
  if (SUPPORTED_RUNTIMES.includes(runtime)) return;
  if (RETIRED_RUNTIMES.includes(runtime)) {
    throw new InvalidParameterValueException(`The runtime parameter of ${runtime} is no longer supported for creating or `
      + 'updating AWS Lambda functions. We recommend you use a supported runtime while creating or updating functions.');
  }
  if (LAMBDA_RUNTIMES.includes(runtime)) {
    throw new InvalidParameterValueException(`Nimbus cannot run ${runtime} on this machine. It runs ${SUPPORTED_RUNTIMES.join(', ')}: `
      + "Node.js runtimes on the machine's Node.js (nodejs24.x without callback handlers), Python runtimes on its Python 3, "
      + 'and any other language as a custom runtime (provided.al2023 with a bootstrap executable).');
  }
  throw new InvalidParameterValueException(`Value ${runtime} at 'runtime' failed to satisfy constraint: Member must satisfy `
    + `enum value set: [${LAMBDA_RUNTIMES.join(', ')}] or be a valid ARN`);
}

/** Reserved keys and the 4 KB limit on all variables together (keys and values as JSON). */
export function checkEnvironment(vars: Record<string, string>): void {
  const reserved = Object.keys(vars).filter((k) => RESERVED_ENV_KEYS.includes(k)).sort();
  if (reserved.length > 0) {
    throw new InvalidParameterValueException('Lambda was unable to configure your environment variables because the environment '
      + 'variables you have provided contains reserved keys that are currently not supported for modification. '
      + `Reserved keys used in this request: ${reserved.join(', ')}`);
  }
  const size = Buffer.byteLength(JSON.stringify(vars));
  if (size > MAX_ENVIRONMENT_BYTES) {
    throw new InvalidParameterValueException('Lambda was unable to configure your environment variables because the environment '
      + `variables you have provided exceeded the 4KB limit. Measured size: ${size} bytes`);
  }
}

/** An alias's name and the version it points to (CreateAlias / UpdateAlias members). */
export function aliasViolations(a: { name?: string; functionVersion?: string; description?: string }): string[] {
  const v: string[] = [];
  if (a.name !== undefined) v.push(...stringViolations('name', a.name, { min: 1, max: 128, pattern: ALIAS_PATTERN }));
  if (a.functionVersion !== undefined) {
    v.push(...stringViolations('functionVersion', a.functionVersion, { min: 1, max: 1024, pattern: VERSION_PATTERN }));
  }
  if (a.description !== undefined) v.push(...stringViolations('description', a.description, { max: 256 }));
  return v;
}

/**
 * RoutingConfig.AdditionalVersionWeights of an alias pointing at `primary`: one extra
 * version at most, a weight in [0, 1], a published version other than the primary.
 */
export function checkRoutingConfig(primary: string, weights: Record<string, number>): void {
  const entries = Object.entries(weights);
  if (entries.length > 1) throw new InvalidParameterValueException('Number of items in AdditionalVersionWeights cannot be greater than 1');
  for (const [version, weight] of entries) {
    const member = 'routingConfig.additionalVersionWeights';
    if (!(weight >= 0 && weight <= 1)) {
      throw validationError([`Value '{${version}=${weight}}' at '${member}' failed to satisfy constraint: Map value must satisfy constraint: `
        + '[Member must have value less than or equal to 1.0, Member must have value greater than or equal to 0.0, Member must not be null]']);
    }
    if (!/^[0-9]+$/.test(version)) {
      throw validationError([`Value '{${version}=${weight}}' at '${member}' failed to satisfy constraint: Map keys must satisfy constraint: `
        + `[${maxLength(1024)}, ${minLength(1)}, ${pattern('[0-9]+')}, Member must not be null]`]);
    }
    if (version === primary) {
      throw new InvalidParameterValueException(
        `Invalid function version ${primary}. Function version ${primary} is already included in routing configuration.`);
    }
    if (primary === '$LATEST') throw new InvalidParameterValueException('$LATEST is not supported for an alias pointing to more than 1 version');
  }
}

/** A RevisionId precondition (UpdateFunctionCode/Configuration, PublishVersion, UpdateAlias). */
export function checkRevision(current: string, given: string | undefined): void {
  if (given !== undefined && given !== current) {
    throw new PreconditionFailedException('The Revision Id provided does not match the latest Revision Id. '
      + 'Call the GetFunction/GetAlias API to retrieve the latest Revision Id');
  }
}
