// A function's `sqs` events → AWS::Lambda::EventSourceMapping resources, named as the
// framework names them (`<Function>EventSourceMappingSQS<Queue>`):
// `- sqs: <arn>` or `{arn, batchSize, maximumBatchingWindow, functionResponseType,
// filterPatterns, enabled, maximumConcurrency}`. The framework does not create the queue; the
// arn may be an intrinsic (`Fn::GetAtt: [Jobs, Arn]` of a queue in resources.Resources).
import type { PlannedResource } from '../plan';
import { isSupported } from '../resources/types';
import { formatPath } from '../yaml-document';
import type { ServerlessStack } from './cfn-scope';
import type { ConfigReader, Obj } from './config-reader';
import { positionOf, type KeyPath } from './yaml-source';

export const SQS_EVENT_KEYS = ['arn', 'batchSize', 'maximumBatchingWindow', 'functionResponseType', 'filterPatterns', 'enabled',
  'maximumConcurrency'];

export interface SqsEventContext {
  functionKey: string;
  functionName: string;
  /** Evaluates intrinsic arns over the stack's resources. */
  stack: ServerlessStack;
}

/** The framework's normalisation of a name inside a logical id. */
const normalise = (s: string) => {
  const n = s.replace(/-/g, 'Dash').replace(/_/g, 'Underscore').replace(/[^A-Za-z0-9]/g, '');
  return n.charAt(0).toUpperCase() + n.slice(1);
};

export function sqsEventMappings(r: ConfigReader, path: KeyPath, events: unknown, ctx: SqsEventContext): PlannedResource[] {
  if (!Array.isArray(events)) return [];
  const out: PlannedResource[] = [];
  events.forEach((event, i) => {
    if (!r.isObject(event) || event.sqs === undefined) return;
    const at = [...path, i, 'sqs'];
    const v = event.sqs;
    const obj: Obj = typeof v === 'string' || (r.isObject(v) && v.arn === undefined && isIntrinsic(v)) ? { arn: v } : r.object(at, v, SQS_EVENT_KEYS);
    const arnAt = typeof v === 'string' ? at : [...at, 'arn'];
    const arn = queueArn(r, arnAt, obj.arn, ctx);
    const properties: Record<string, unknown> = { FunctionName: ctx.functionName, EventSourceArn: arn };
    const batchSize = r.optInt([...at, 'batchSize'], obj.batchSize, 1, 10000, 'a batch size (1-10000)');
    if (batchSize !== undefined) properties.BatchSize = batchSize;
    const window = r.optInt([...at, 'maximumBatchingWindow'], obj.maximumBatchingWindow, 0, 300, 'a number of seconds (0-300)');
    if (window !== undefined) properties.MaximumBatchingWindowInSeconds = window;
    const enabled = r.optBool([...at, 'enabled'], obj.enabled);
    if (enabled !== undefined) properties.Enabled = enabled;
    if (obj.functionResponseType !== undefined) {
      const t = r.string([...at, 'functionResponseType'], obj.functionResponseType, 'ReportBatchItemFailures');
      if (t !== 'ReportBatchItemFailures') throw r.error([...at, 'functionResponseType'], `expected ReportBatchItemFailures, got "${t}"`);
      properties.FunctionResponseTypes = [t];
    }
    if (obj.filterPatterns !== undefined) {
      if (!Array.isArray(obj.filterPatterns)) throw r.error([...at, 'filterPatterns'], 'expected a list of filter patterns');
      properties.FilterCriteria = { Filters: obj.filterPatterns.map((p, j) => ({ Pattern: JSON.stringify(r.object([...at, 'filterPatterns', j], p)) })) };
    }
    const max = r.optInt([...at, 'maximumConcurrency'], obj.maximumConcurrency, 2, 1000, 'a maximum concurrency (2-1000)');
    if (max !== undefined) properties.ScalingConfig = { MaximumConcurrency: max };
    const queueName = arn.slice(arn.lastIndexOf(':') + 1);
    const logicalId = `${normalise(ctx.functionKey)}EventSourceMappingSQS${normalise(queueName)}`;
    out.push({ logicalId, type: 'AWS::Lambda::EventSourceMapping', properties, supported: isSupported('AWS::Lambda::EventSourceMapping', 'serverless'),
      where: { file: r.src.file, ...positionOf(r.src, at), key: formatPath(at) } });
  });
  return out;
}

const isIntrinsic = (v: Obj) => Object.keys(v).length === 1 && ['Fn::GetAtt', 'Ref', 'Fn::Join', 'Fn::Sub', 'Fn::ImportValue'].includes(Object.keys(v)[0]);

function queueArn(r: ConfigReader, at: KeyPath, v: unknown, ctx: SqsEventContext): string {
  if (typeof v === 'string') {
    if (!/^arn:aws[a-zA-Z-]*:sqs:[a-z0-9-]+:\d{12}:[A-Za-z0-9_.-]+$/.test(v)) {
      throw r.error(at, `expected an SQS queue ARN (arn:aws:sqs:<region>:<account>:<queue>), got "${v}"`);
    }
    return v;
  }
  if (r.isObject(v)) return queueArn(r, at, ctx.stack.resolveString(v, at), ctx);
  throw r.error(at, `expected an SQS queue ARN (arn:aws:sqs:<region>:<account>:<queue>), got ${JSON.stringify(v)}`);
}
