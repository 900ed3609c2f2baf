// A function's `SNS` events → the resources SAM makes for them: an AWS::SNS::Subscription
// `<Function><Event>` (protocol lambda, with FilterPolicy, FilterPolicyScope and
// RedrivePolicy), or with `SqsSubscription` an SQS queue `<Function><Event>Queue` (unless
// QueueArn is given), its AWS::SQS::QueuePolicy, a subscription with protocol sqs and an
// event source mapping `<Function><Event>EventSourceMapping` (BatchSize, Enabled).
import { show, suggestKey } from '../deploy-error';
import type { PlannedResource } from '../plan';
import { isSupported } from '../resources/types';
import { formatPath } from '../yaml-document';
import { isPlainMap } from './globals';
import { attributes } from './resource-refs';
import type { Stack } from './stack-scope';
import type { KeyPath } from './yaml-template';

const SNS_PROPERTIES = ['Topic', 'Region', 'FilterPolicy', 'FilterPolicyScope', 'SqsSubscription', 'RedrivePolicy'];
const SQS_SUBSCRIPTION = ['QueueArn', 'QueueUrl', 'BatchSize', 'Enabled', 'QueuePolicyLogicalId'];

export function snsEventResources(stack: Stack, logicalId: string, fn: { functionName: string; arn: string }, events: unknown): PlannedResource[] {
  if (!isPlainMap(events)) return [];
  const out: PlannedResource[] = [];
  for (const [name, ev] of Object.entries(events)) {
    if (!isPlainMap(ev) || ev.Type !== 'SNS') continue;
    const evAt: KeyPath = ['Resources', logicalId, 'Properties', 'Events', name];
    const pAt: KeyPath = [...evAt, 'Properties'];
    const raw = ev.Properties;
    if (!isPlainMap(raw)) return stack.fail(`an SNS event needs Properties with a Topic, got ${show(raw)}`, pAt);
    known(stack, raw, SNS_PROPERTIES, pAt, 'SNS event');
    const p = stack.resolve(raw, pAt) as Record<string, unknown>;
    if (typeof p.Topic !== 'string' || !/^arn:[^:]+:sns:/.test(p.Topic)) stack.fail(`Topic must be a topic ARN (e.g. !Ref MyTopic), got ${show(p.Topic)}`, [...pAt, 'Topic']);
    const key = formatPath(evAt);
    const planned = (id: string, type: string, properties: Record<string, unknown>): PlannedResource =>
      ({ logicalId: id, type, properties, supported: isSupported(type, 'sam'), where: { file: stack.src.file, ...stack.src.positions.get(key), key } });
    const subscription: Record<string, unknown> = { TopicArn: p.Topic, Protocol: 'lambda', Endpoint: fn.arn };
    for (const k of ['FilterPolicy', 'FilterPolicyScope', 'RedrivePolicy']) if (p[k] !== undefined) subscription[k] = p[k];
    const id = `${logicalId}${name}`;
    const sqs = p.SqsSubscription;
    if (sqs === undefined || sqs === false) {
      out.push(planned(id, 'AWS::SNS::Subscription', subscription));
      continue;
    }
    if (sqs !== true && !isPlainMap(sqs)) return stack.fail(`expected true or a map (${SQS_SUBSCRIPTION.join(', ')}), got ${show(sqs)}`, [...pAt, 'SqsSubscription']);
    const given = isPlainMap(sqs) ? sqs : {};
    known(stack, given, SQS_SUBSCRIPTION, [...pAt, 'SqsSubscription'], 'SqsSubscription');
    let queueArn = given.QueueArn;
    if (queueArn === undefined) {
      const queue = attributes({ logicalId: `${id}Queue`, type: 'AWS::SQS::Queue', properties: {} }, stack).values;
      out.push(planned(`${id}Queue`, 'AWS::SQS::Queue', { QueueName: queue.QueueName }));
      queueArn = queue.Arn;
    } else if (typeof queueArn !== 'string' || !queueArn.startsWith('arn:')) {
      return stack.fail(`QueueArn must be a queue ARN, got ${show(queueArn)}`, [...pAt, 'SqsSubscription', 'QueueArn']);
    }
    out.push(planned(String(given.QueuePolicyLogicalId ?? `${id}QueuePolicy`), 'AWS::SQS::QueuePolicy', { Queues: [queueArn] }));
    out.push(planned(id, 'AWS::SNS::Subscription', { ...subscription, Protocol: 'sqs', Endpoint: queueArn }));
    const mapping: Record<string, unknown> = { FunctionName: fn.functionName, EventSourceArn: queueArn, BatchSize: given.BatchSize ?? 10 };
    if (given.Enabled !== undefined) mapping.Enabled = given.Enabled;
    out.push(planned(`${id}EventSourceMapping`, 'AWS::Lambda::EventSourceMapping', mapping));
  }
  return out;
}

function known(stack: Stack, raw: Record<string, unknown>, names: string[], at: KeyPath, what: string): void {
  for (const k of Object.keys(raw)) {
    if (names.includes(k)) continue;
    const hint = suggestKey(k, names);
    stack.fail(`unknown ${what} property "${k}"${hint ? ` (did you mean "${hint}"?)` : ` (known: ${names.join(', ')})`}`, [...at, k]);
  }
}
