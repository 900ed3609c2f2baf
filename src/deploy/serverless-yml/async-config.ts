// A function's asynchronous invocation keys, as the framework deploys them: `onError` (an SNS
// topic or SQS queue ARN, literal or intrinsic) is its DeadLetterConfig; `destinations
// {onSuccess, onFailure}` (a function of this service by key, an ARN, or `{type, arn}`),
// `maximumRetryAttempts` (0-2) and `maximumEventAge` (60-21600 s) become an
// AWS::Lambda::EventInvokeConfig `<Function>LambdaEvConf` on $LATEST.
import { suggestKey } from '../deploy-error';
import type { PlannedFunction, PlannedResource } from '../plan';
import { isSupported } from '../resources/types';
import { formatPath } from '../yaml-document';
import { functionLogicalId, type ServerlessStack } from './cfn-scope';
import type { ConfigReader, Obj } from './config-reader';
import { positionOf, type KeyPath } from './yaml-source';

const DESTINATION_TYPES = ['function', 'sns', 'sqs', 'eventBus'];

export interface AsyncContext { stack: ServerlessStack; functionKeys: string[] }

export function asyncInvokeSettings(r: ConfigReader, at: KeyPath, fn: Obj, planned: PlannedFunction, ctx: AsyncContext): PlannedResource[] {
  if (fn.onError !== undefined) {
    const arn = typeof fn.onError === 'string' ? fn.onError : ctx.stack.resolveString(fn.onError, [...at, 'onError']);
    if (!/^arn:[^:]+:(sns|sqs):[^:]*:[^:]*:[^:]+$/.test(arn)) throw r.error([...at, 'onError'], `expected an SNS topic or SQS queue ARN, got "${arn}"`);
    planned.deadLetterTargetArn = arn;
  }
  const retries = r.optInt([...at, 'maximumRetryAttempts'], fn.maximumRetryAttempts, 0, 2, 'a number of retry attempts (0-2)');
  const age = r.optInt([...at, 'maximumEventAge'], fn.maximumEventAge, 60, 21600, 'a number of seconds (60-21600)');
  if (fn.destinations === undefined && retries === undefined && age === undefined) return [];
  const properties: Record<string, unknown> = { FunctionName: planned.functionName, Qualifier: '$LATEST' };
  if (retries !== undefined) properties.MaximumRetryAttempts = retries;
  if (age !== undefined) properties.MaximumEventAgeInSeconds = age;
  if (fn.destinations !== undefined) {
    const d = r.object([...at, 'destinations'], fn.destinations, ['onSuccess', 'onFailure']);
    const config: Record<string, unknown> = {};
    for (const [key, cfn] of [['onSuccess', 'OnSuccess'], ['onFailure', 'OnFailure']] as const) {
      if (d[key] !== undefined) config[cfn] = { Destination: destination(r, [...at, 'destinations', key], d[key], ctx) };
    }
    properties.DestinationConfig = config;
  }
  const logicalId = functionLogicalId(planned.logicalId).replace(/LambdaFunction$/, 'LambdaEvConf');
  return [{ logicalId, type: 'AWS::Lambda::EventInvokeConfig', properties, supported: isSupported('AWS::Lambda::EventInvokeConfig', 'serverless'),
    where: { file: r.src.file, ...positionOf(r.src, at), key: formatPath(at) } }];
}

/** A destination: a function key of this service, an ARN, or `{type, arn}` (arn literal or intrinsic). */
function destination(r: ConfigReader, at: KeyPath, v: unknown, ctx: AsyncContext): string {
  if (typeof v === 'string') {
    if (v.startsWith('arn:')) return v;
    if (ctx.functionKeys.includes(v)) return ctx.stack.resolveString({ 'Fn::GetAtt': [functionLogicalId(v), 'Arn'] }, at);
    const hint = suggestKey(v, ctx.functionKeys);
    throw r.error(at, `"${v}" is neither a function of this service nor an ARN${hint ? ` (did you mean "${hint}"?)` : ''}`);
  }
  const obj = r.object(at, v, ['type', 'arn']);
  const type = r.string([...at, 'type'], obj.type, `a destination type (${DESTINATION_TYPES.join(', ')})`);
  if (!DESTINATION_TYPES.includes(type)) throw r.error([...at, 'type'], `expected one of ${DESTINATION_TYPES.join(', ')}, got "${type}"`);
  if (type === 'eventBus') throw r.error([...at, 'type'], 'eventBus destinations are not yet supported (Nimbus delivers to SQS, SNS and Lambda)');
  if (obj.arn === undefined) throw r.error([...at, 'arn'], 'is required: the destination ARN');
  const arn = typeof obj.arn === 'string' ? obj.arn : ctx.stack.resolveString(obj.arn, [...at, 'arn']);
  const service = type === 'function' ? 'lambda' : type;
  if (!new RegExp(`^arn:[^:]+:${service}:`).test(arn)) throw r.error([...at, 'arn'], `expected ${type === 'function' ? 'a Lambda function' : `an ${type.toUpperCase()}`} ARN, got "${arn}"`);
  return arn;
}
