// A function's `stream` events → AWS::Lambda::EventSourceMapping resources, named as the
// framework names them (`<Function>EventSourceMappingDynamodb<Table>`): `- stream: <arn>` or
// `{type: dynamodb, arn, batchSize, batchWindow, startingPosition (TRIM_HORIZON default, as the
// framework), enabled, maximumRetryAttempts, maximumRecordAgeInSeconds, bisectBatchOnFunctionError,
// parallelizationFactor, functionResponseType, destinations.onFailure, filterPatterns}`. The arn
// may be an intrinsic (`Fn::GetAtt: [Table, StreamArn]`). Kinesis streams are not served yet.
import type { PlannedResource } from '../plan';
import { isSupported } from '../resources/types';
import { formatPath } from '../yaml-document';
import type { ServerlessStack } from './cfn-scope';
import type { ConfigReader, Obj } from './config-reader';
import { positionOf, type KeyPath } from './yaml-source';

export const STREAM_EVENT_KEYS = ['type', 'arn', 'batchSize', 'batchWindow', 'startingPosition', 'startingPositionTimestamp', 'enabled',
  'maximumRetryAttempts', 'maximumRecordAgeInSeconds', 'bisectBatchOnFunctionError', 'parallelizationFactor', 'functionResponseType',
  'destinations', 'filterPatterns', 'tumblingWindowInSeconds', 'consumer'];

export interface StreamEventContext { functionKey: string; functionName: string; stack: ServerlessStack }

const normalise = (s: string) => {
  const n = s.replace(/-/g, 'Dash').replace(/_/g, 'Underscore').replace(/[^A-Za-z0-9]/g, '');
  return n.charAt(0).toUpperCase() + n.slice(1);
};
const STREAM_ARN = /^arn:aws[a-zA-Z-]*:dynamodb:[a-z0-9-]*:\d{12}:table\/([^/]+)\/stream\/.+$/;

export function streamEventMappings(r: ConfigReader, path: KeyPath, events: unknown, ctx: StreamEventContext): PlannedResource[] {
  if (!Array.isArray(events)) return [];
  const out: PlannedResource[] = [];
  events.forEach((event, i) => {
    if (!r.isObject(event) || event.stream === undefined) return;
    const at = [...path, i, 'stream'];
    const v = event.stream;
    const obj: Obj = typeof v === 'string' || (r.isObject(v) && v.arn === undefined && isIntrinsic(v)) ? { arn: v } : r.object(at, v, STREAM_EVENT_KEYS);
    if (obj.type !== undefined && obj.type !== 'dynamodb') {
      throw r.error([...at, 'type'], obj.type === 'kinesis' ? 'Kinesis stream events are not yet supported (Nimbus serves DynamoDB streams)'
        : `expected dynamodb or kinesis, got ${JSON.stringify(obj.type)}`);
    }
    for (const k of ['startingPositionTimestamp', 'tumblingWindowInSeconds', 'consumer']) {
      if (obj[k] !== undefined) throw r.error([...at, k], `${k} is not yet supported for DynamoDB stream events`);
    }
    const arnAt = typeof v === 'string' ? at : [...at, 'arn'];
    const arn = streamArn(r, arnAt, obj.arn, ctx);
    const p: Record<string, unknown> = { FunctionName: ctx.functionName, EventSourceArn: arn,
      StartingPosition: obj.startingPosition === undefined ? 'TRIM_HORIZON' : r.string([...at, 'startingPosition'], obj.startingPosition) };
    if (!['TRIM_HORIZON', 'LATEST'].includes(String(p.StartingPosition))) {
      throw r.error([...at, 'startingPosition'], `expected TRIM_HORIZON or LATEST for a DynamoDB stream, got "${p.StartingPosition}"`);
    }
    const set = (key: string, value: unknown) => { if (value !== undefined) p[key] = value; };
    set('BatchSize', r.optInt([...at, 'batchSize'], obj.batchSize, 1, 10000, 'a batch size'));
    set('MaximumBatchingWindowInSeconds', r.optInt([...at, 'batchWindow'], obj.batchWindow, 0, 300, 'a number of seconds'));
    set('Enabled', r.optBool([...at, 'enabled'], obj.enabled));
    set('MaximumRetryAttempts', r.optInt([...at, 'maximumRetryAttempts'], obj.maximumRetryAttempts, -1, 10000, 'a number of retries'));
    set('MaximumRecordAgeInSeconds', r.optInt([...at, 'maximumRecordAgeInSeconds'], obj.maximumRecordAgeInSeconds, -1, 604800, 'a number of seconds'));
    set('BisectBatchOnFunctionError', r.optBool([...at, 'bisectBatchOnFunctionError'], obj.bisectBatchOnFunctionError));
    set('ParallelizationFactor', r.optInt([...at, 'parallelizationFactor'], obj.parallelizationFactor, 1, 10, 'a parallelization factor'));
    if (obj.functionResponseType !== undefined) {
      const t = r.string([...at, 'functionResponseType'], obj.functionResponseType, 'ReportBatchItemFailures');
      if (t !== 'ReportBatchItemFailures') throw r.error([...at, 'functionResponseType'], `expected ReportBatchItemFailures, got "${t}"`);
      p.FunctionResponseTypes = [t];
    }
    if (obj.filterPatterns !== undefined) {
      if (!Array.isArray(obj.filterPatterns)) throw r.error([...at, 'filterPatterns'], 'expected a list of filter patterns');
      p.FilterCriteria = { Filters: obj.filterPatterns.map((f, j) => ({ Pattern: JSON.stringify(r.object([...at, 'filterPatterns', j], f)) })) };
    }
    if (obj.destinations !== undefined) {
      const d = r.object([...at, 'destinations'], obj.destinations, ['onFailure']);
      const f = d.onFailure;
      const fAt = [...at, 'destinations', 'onFailure'];
      const target = typeof f === 'string' || (r.isObject(f) && isIntrinsic(f)) ? f : r.object(fAt, f, ['arn', 'type']).arn;
      const resolved = typeof target === 'string' ? target : r.isObject(target) ? ctx.stack.resolveString(target, [...fAt, 'arn']) : undefined;
      if (!resolved || !/^arn:aws[a-zA-Z-]*:(sqs|sns):/.test(resolved)) throw r.error(fAt, `expected an SQS queue or SNS topic ARN, got ${JSON.stringify(target)}`);
      p.DestinationConfig = { OnFailure: { Destination: resolved } };
    }
    const logicalId = `${normalise(ctx.functionKey)}EventSourceMappingDynamodb${normalise(STREAM_ARN.exec(arn)![1])}`;
    out.push({ logicalId, type: 'AWS::Lambda::EventSourceMapping', properties: p, supported: isSupported('AWS::Lambda::EventSourceMapping', 'serverless'),
      where: { file: r.src.file, ...positionOf(r.src, at), key: formatPath(at) } });
  });
  return out;
}

const isIntrinsic = (v: Obj) => Object.keys(v).length === 1 && ['Fn::GetAtt', 'Ref', 'Fn::Join', 'Fn::Sub', 'Fn::ImportValue'].includes(Object.keys(v)[0]);

function streamArn(r: ConfigReader, at: KeyPath, v: unknown, ctx: StreamEventContext): string {
  if (typeof v === 'string') {
    if (/^arn:aws[a-zA-Z-]*:kinesis:/.test(v)) throw r.error(at, 'Kinesis stream events are not yet supported (Nimbus serves DynamoDB streams)');
    if (!STREAM_ARN.test(v)) throw r.error(at, `expected a DynamoDB stream ARN (arn:aws:dynamodb:<region>:<account>:table/<table>/stream/<label>), got "${v}"`);
    return v;
  }
  if (r.isObject(v)) return streamArn(r, at, ctx.stack.resolveString(v, at), ctx);
  throw r.error(at, `expected a DynamoDB stream ARN, got ${JSON.stringify(v)}`);
}
