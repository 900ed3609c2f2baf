// A function's asynchronous invocation settings: `DeadLetterQueue {Type: SQS|SNS, TargetArn}`
// becomes its DeadLetterConfig, and `EventInvokeConfig {MaximumRetryAttempts,
// MaximumEventAgeInSeconds, DestinationConfig {OnSuccess|OnFailure {Type, Destination}}}` an
// AWS::Lambda::EventInvokeConfig `<Function>EventInvokeConfig` (on the AutoPublishAlias when
// there is one, as SAM does). An SQS or SNS destination without Destination is made by SAM:
// a queue `<Function>EventInvokeConfig<OnSuccess|OnFailure>Queue` (or `...Topic`), which
// `!GetAtt <Function>.DestinationQueue` (`.DestinationTopic`) names.
import { show } from '../deploy-error';
import type { PlannedFunction, PlannedResource } from '../plan';
import { isSupported } from '../resources/types';
import { formatPath } from '../yaml-document';
import { isPlainMap, mergeGlobal } from './globals';
import { attributes, type ResourceEntry } from './resource-refs';
import type { Stack } from './stack-scope';
import type { KeyPath } from './yaml-template';

const DESTINATION_TYPES = ['SQS', 'SNS', 'Lambda', 'EventBridge', 'S3Bucket'];

/** The generated destination of a function (`OnSuccess`/`OnFailure`, `Queue`/`Topic`), if its EventInvokeConfig asks SAM for one. */
export function generatedDestinations(props: Record<string, unknown>): { event: string; kind: 'Queue' | 'Topic' }[] {
  const d = isPlainMap(props.EventInvokeConfig) && isPlainMap(props.EventInvokeConfig.DestinationConfig) ? props.EventInvokeConfig.DestinationConfig : {};
  const out: { event: string; kind: 'Queue' | 'Topic' }[] = [];
  for (const event of ['OnSuccess', 'OnFailure']) {
    const t = d[event];
    if (isPlainMap(t) && t.Destination === undefined && (t.Type === 'SQS' || t.Type === 'SNS')) out.push({ event, kind: t.Type === 'SQS' ? 'Queue' : 'Topic' });
  }
  return out;
}

export function asyncSettings(stack: Stack, entry: ResourceEntry, globalFn: Record<string, unknown>, fn: PlannedFunction): PlannedResource[] {
  const own: KeyPath = ['Resources', entry.logicalId, 'Properties'];
  const value = (k: string) => mergeGlobal(stack.resolve(globalFn[k], ['Globals', 'Function', k]), stack.resolve(entry.properties[k], [...own, k]));
  const at = (k: string): KeyPath => (k in entry.properties ? [...own, k] : ['Globals', 'Function', k]);
  const dlq = value('DeadLetterQueue');
  if (dlq !== undefined) {
    if (!isPlainMap(dlq)) return stack.fail(`expected {Type: SQS|SNS, TargetArn}, got ${show(dlq)}`, at('DeadLetterQueue'));
    const service = dlq.Type === 'SQS' ? 'sqs' : dlq.Type === 'SNS' ? 'sns' : undefined;
    if (!service) stack.fail(`Type must be SQS or SNS, got ${show(dlq.Type)}`, [...at('DeadLetterQueue'), 'Type']);
    if (typeof dlq.TargetArn !== 'string' || !new RegExp(`^arn:[^:]+:${service}:`).test(dlq.TargetArn)) {
      stack.fail(`TargetArn must be an ${dlq.Type} ARN, got ${show(dlq.TargetArn)}`, [...at('DeadLetterQueue'), 'TargetArn']);
    }
    fn.deadLetterTargetArn = dlq.TargetArn as string;
  }
  const config = value('EventInvokeConfig');
  if (config === undefined) return [];
  const cAt = at('EventInvokeConfig');
  if (!isPlainMap(config)) return stack.fail(`expected a map, got ${show(config)}`, cAt);
  const out: PlannedResource[] = [];
  const key = formatPath(['Resources', entry.logicalId]);
  const planned = (logicalId: string, type: string, properties: Record<string, unknown>): PlannedResource =>
    ({ logicalId, type, properties, supported: isSupported(type, 'sam'), where: { file: stack.src.file, ...stack.src.positions.get(formatPath(cAt)), key: formatPath(cAt) } });
  const properties: Record<string, unknown> = { FunctionName: fn.functionName, Qualifier: fn.autoPublishAlias ?? '$LATEST' };
  for (const k of ['MaximumRetryAttempts', 'MaximumEventAgeInSeconds']) if (config[k] !== undefined) properties[k] = config[k];
  for (const k of Object.keys(config)) {
    if (!['MaximumRetryAttempts', 'MaximumEventAgeInSeconds', 'DestinationConfig'].includes(k)) stack.fail(`unknown EventInvokeConfig property "${k}"`, [...cAt, k]);
  }
  if (config.DestinationConfig !== undefined) {
    const d = config.DestinationConfig;
    if (!isPlainMap(d)) return stack.fail(`expected a map with OnSuccess and OnFailure, got ${show(d)}`, [...cAt, 'DestinationConfig']);
    const destinations: Record<string, unknown> = {};
    for (const event of ['OnSuccess', 'OnFailure']) {
      const t = d[event];
      const tAt: KeyPath = [...cAt, 'DestinationConfig', event];
      if (t === undefined) continue;
      if (!isPlainMap(t)) return stack.fail(`expected {Type, Destination}, got ${show(t)}`, tAt);
      if (!DESTINATION_TYPES.includes(String(t.Type))) stack.fail(`Type must be one of ${DESTINATION_TYPES.join(', ')}, got ${show(t.Type)}`, [...tAt, 'Type']);
      if (t.Type === 'EventBridge' || t.Type === 'S3Bucket') stack.fail(`${t.Type} destinations are not yet supported (Nimbus delivers to SQS, SNS and Lambda)`, [...tAt, 'Type']);
      let arn = t.Destination;
      if (arn === undefined) {
        if (t.Type === 'Lambda') stack.fail('a Lambda destination needs Destination (the function ARN)', tAt);
        const kind = t.Type === 'SQS' ? 'Queue' : 'Topic';
        const id = `${entry.logicalId}EventInvokeConfig${event}${kind}`;
        const made = stack.resources.get(id)!;
        const values = attributes(made, stack).values;
        out.push({ ...planned(id, made.type, kind === 'Queue' ? { QueueName: values.QueueName } : { TopicName: values.TopicName }), where: { file: stack.src.file, key } });
        arn = kind === 'Queue' ? values.Arn : values.TopicArn;
      }
      if (typeof arn !== 'string' || !arn.startsWith('arn:')) stack.fail(`Destination must be an ARN, got ${show(arn)}`, [...tAt, 'Destination']);
      destinations[event] = { Destination: arn };
    }
    properties.DestinationConfig = destinations;
  }
  out.push(planned(`${entry.logicalId}EventInvokeConfig`, 'AWS::Lambda::EventInvokeConfig', properties));
  return out;
}
