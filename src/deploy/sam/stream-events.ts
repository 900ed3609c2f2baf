// A function's `DynamoDB` events → AWS::Lambda::EventSourceMapping resources named as SAM
// names them (`<Function><Event>`): Stream (an ARN, or `!GetAtt T.StreamArn`), StartingPosition
// (required), BatchSize, MaximumBatchingWindowInSeconds, Enabled, BisectBatchOnFunctionError,
// MaximumRetryAttempts, MaximumRecordAgeInSeconds, ParallelizationFactor, DestinationConfig
// ({OnFailure: {Destination}}), FunctionResponseTypes, FilterCriteria. Kinesis events are not served yet.
import { show, suggestKey } from '../deploy-error';
import type { PlannedResource } from '../plan';
import { isSupported } from '../resources/types';
import { formatPath } from '../yaml-document';
import { isPlainMap } from './globals';
import type { Stack } from './stack-scope';
import type { KeyPath } from './yaml-template';

const PASSED = ['StartingPosition', 'BatchSize', 'MaximumBatchingWindowInSeconds', 'Enabled', 'BisectBatchOnFunctionError',
  'MaximumRetryAttempts', 'MaximumRecordAgeInSeconds', 'ParallelizationFactor', 'DestinationConfig', 'FunctionResponseTypes', 'FilterCriteria'];
const NOT_SERVED = ['StartingPositionTimestamp', 'TumblingWindowInSeconds', 'KmsKeyArn', 'MetricsConfig'];
const PROPERTIES = ['Stream', ...PASSED, ...NOT_SERVED];

export function streamEventMappings(stack: Stack, logicalId: string, functionName: string, events: unknown): PlannedResource[] {
  if (!isPlainMap(events)) return [];
  const out: PlannedResource[] = [];
  for (const [name, ev] of Object.entries(events)) {
    if (!isPlainMap(ev) || ev.Type !== 'DynamoDB') continue;
    const pAt: KeyPath = ['Resources', logicalId, 'Properties', 'Events', name, 'Properties'];
    const raw = ev.Properties;
    if (!isPlainMap(raw)) return stack.fail(`a DynamoDB event needs Properties with a Stream and a StartingPosition, got ${show(raw)}`, pAt);
    for (const k of Object.keys(raw)) {
      if (NOT_SERVED.includes(k)) stack.fail(`${k} is not yet supported for DynamoDB events`, [...pAt, k]);
      if (PROPERTIES.includes(k)) continue;
      const hint = suggestKey(k, PROPERTIES);
      stack.fail(`unknown DynamoDB event property "${k}"${hint ? ` (did you mean "${hint}"?)` : ''}`, [...pAt, k]);
    }
    if (raw.StartingPosition === undefined) stack.fail('StartingPosition is required (TRIM_HORIZON or LATEST)', [...pAt, 'StartingPosition']);
    const p = stack.resolve(raw, pAt) as Record<string, unknown>;
    if (typeof p.Stream !== 'string' || !/^arn:aws[\w-]*:dynamodb:[^:]*:\d{12}:table\/[^/]+\/stream\/.+$/.test(p.Stream)) {
      stack.fail(`Stream must be a DynamoDB stream ARN, got ${show(p.Stream)}`, [...pAt, 'Stream']);
    }
    const properties: Record<string, unknown> = { FunctionName: functionName, EventSourceArn: p.Stream };
    for (const k of PASSED) if (p[k] !== undefined) properties[k] = p[k];
    const key = formatPath(['Resources', logicalId, 'Properties', 'Events', name]);
    out.push({ logicalId: `${logicalId}${name}`, type: 'AWS::Lambda::EventSourceMapping', properties,
      supported: isSupported('AWS::Lambda::EventSourceMapping', 'sam'), where: { file: stack.src.file, ...stack.src.positions.get(key), key } });
  }
  return out;
}
