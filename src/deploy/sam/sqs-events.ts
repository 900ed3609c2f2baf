// A function's `SQS` events → AWS::Lambda::EventSourceMapping resources named as SAM names
// them (`<Function><Event>`): Queue (an ARN), BatchSize, MaximumBatchingWindowInSeconds,
// Enabled, FilterCriteria, FunctionResponseTypes, ScalingConfig. A Queue of the template
// (`!GetAtt Q.Arn`) is created by the deploy; one of a type Nimbus does not serve is refused.
import { show, suggestKey } from '../deploy-error';
import type { PlannedResource } from '../plan';
import { isSupported } from '../resources/types';
import { formatPath } from '../yaml-document';
import { isPlainMap } from './globals';
import type { Stack } from './stack-scope';
import type { KeyPath } from './yaml-template';

const SQS_PROPERTIES = ['Queue', 'BatchSize', 'MaximumBatchingWindowInSeconds', 'Enabled', 'FilterCriteria', 'FunctionResponseTypes',
  'ScalingConfig', 'KmsKeyArn', 'MetricsConfig'];

export function sqsEventMappings(stack: Stack, logicalId: string, functionName: string, events: unknown): PlannedResource[] {
  if (!isPlainMap(events)) return [];
  const out: PlannedResource[] = [];
  for (const [name, ev] of Object.entries(events)) {
    if (!isPlainMap(ev) || ev.Type !== 'SQS') continue;
    const pAt: KeyPath = ['Resources', logicalId, 'Properties', 'Events', name, 'Properties'];
    const raw = ev.Properties;
    if (!isPlainMap(raw)) return stack.fail(`an SQS event needs Properties with a Queue, got ${show(raw)}`, pAt);
    for (const k of Object.keys(raw)) {
      if (SQS_PROPERTIES.includes(k)) continue;
      const hint = suggestKey(k, SQS_PROPERTIES);
      stack.fail(`unknown SQS event property "${k}"${hint ? ` (did you mean "${hint}"?)` : ''}`, [...pAt, k]);
    }
    templateQueue(stack, raw.Queue, [...pAt, 'Queue']);
    const p = stack.resolve(raw, pAt) as Record<string, unknown>;
    if (typeof p.Queue !== 'string' || !p.Queue.startsWith('arn:')) stack.fail(`Queue must be a queue ARN, got ${show(p.Queue)}`, [...pAt, 'Queue']);
    const properties: Record<string, unknown> = { FunctionName: functionName, EventSourceArn: p.Queue };
    for (const k of ['BatchSize', 'MaximumBatchingWindowInSeconds', 'Enabled', 'FilterCriteria', 'FunctionResponseTypes', 'ScalingConfig']) {
      if (p[k] !== undefined) properties[k] = p[k];
    }
    const key = formatPath(['Resources', logicalId, 'Properties', 'Events', name]);
    out.push({ logicalId: `${logicalId}${name}`, type: 'AWS::Lambda::EventSourceMapping', properties,
      supported: isSupported('AWS::Lambda::EventSourceMapping', 'sam'), where: { file: stack.src.file, ...stack.src.positions.get(key), key } });
  }
  return out;
}

/** `!GetAtt Q.Arn` / `!Ref Q` of a queue resource the template declares but Nimbus does not create yet: a clear error. */
function templateQueue(stack: Stack, raw: unknown, at: KeyPath): void {
  if (!isPlainMap(raw)) return;
  const getAtt = raw['Fn::GetAtt'];
  const id = Array.isArray(getAtt) ? getAtt[0] : typeof getAtt === 'string' ? getAtt.split('.')[0] : raw.Ref;
  const entry = typeof id === 'string' ? stack.resources.get(id) : undefined;
  if (entry && !isSupported(entry.type, 'sam')) {
    stack.fail(`the queue ${id} is a ${entry.type} of this template, which Nimbus does not create yet; create the queue `
      + '(e.g. aws sqs create-queue) and give its ARN here', at);
  }
}
