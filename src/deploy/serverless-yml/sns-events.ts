// A function's `sns` events → an AWS::SNS::Subscription `<Function>SnsSubscription<Topic>`
// (protocol lambda), as the framework makes them: `- sns: <topicName>` or
// `{topicName, displayName}` also creates the topic `SNSTopic<Topic>` (once per service),
// `- sns: <arn>` or `{arn}` (a literal or an intrinsic such as `Ref`/`Fn::GetAtt`/`Fn::Sub`)
// subscribes to an existing one; `filterPolicy`, `filterPolicyScope` and
// `redrivePolicy {deadLetterTargetArn | deadLetterTargetRef}` become the subscription's.
import type { PlannedResource } from '../plan';
import { isSupported } from '../resources/types';
import { formatPath } from '../yaml-document';
import type { ServerlessStack } from './cfn-scope';
import type { ConfigReader, Obj } from './config-reader';
import { positionOf, type KeyPath } from './yaml-source';

export const SNS_EVENT_KEYS = ['arn', 'topicName', 'displayName', 'filterPolicy', 'filterPolicyScope', 'redrivePolicy', 'kmsMasterKeyId'];
const REDRIVE_KEYS = ['deadLetterTargetArn', 'deadLetterTargetRef', 'deadLetterTargetImport'];

const alphaNumeric = (s: string) => {
  const n = s.replace(/[^0-9A-Za-z]/g, '');
  return n.charAt(0).toUpperCase() + n.slice(1);
};
const functionPart = (key: string) => {
  const n = key.replace(/-/g, 'Dash').replace(/_/g, 'Underscore');
  return n.charAt(0).toUpperCase() + n.slice(1);
};
const isArn = (v: unknown): v is string => typeof v === 'string' && v.startsWith('arn:');

interface SnsEvent { at: KeyPath; obj: Obj; topicName?: string; short: boolean }

/** The `sns` events of a function, each as a map (a string is an ARN or a topic name). */
function snsEvents(r: ConfigReader, path: KeyPath, events: unknown): SnsEvent[] {
  if (!Array.isArray(events)) return [];
  const out: SnsEvent[] = [];
  events.forEach((event, i) => {
    if (!r.isObject(event) || event.sns === undefined) return;
    const at = [...path, i, 'sns'];
    const v = event.sns;
    const obj = typeof v === 'string' ? (isArn(v) ? { arn: v } : { topicName: v }) : r.object(at, v, SNS_EVENT_KEYS);
    if (obj.arn === undefined && obj.topicName === undefined) throw r.error(at, 'expected a topic name, a topic ARN, or {arn | topicName, ...}');
    const topicName = obj.topicName !== undefined ? r.string([...at, 'topicName'], obj.topicName, 'a topic name')
      : isArn(obj.arn) ? obj.arn.slice(obj.arn.lastIndexOf(':') + 1) : undefined;
    out.push({ at, obj, topicName, short: typeof v === 'string' });
  });
  return out;
}

/** The topics `sns` events create (those without `arn`), by logical id: the stack must know them before intrinsics are evaluated. */
export function snsEventTopics(r: ConfigReader, path: KeyPath, events: unknown): PlannedResource[] {
  return snsEvents(r, path, events).filter((e) => e.obj.arn === undefined).map(({ at, obj, topicName }) => {
    const properties: Record<string, unknown> = { TopicName: topicName };
    if (obj.displayName !== undefined) properties.DisplayName = r.string([...at, 'displayName'], obj.displayName);
    if (obj.kmsMasterKeyId !== undefined) properties.KmsMasterKeyId = r.string([...at, 'kmsMasterKeyId'], obj.kmsMasterKeyId);
    return { logicalId: `SNSTopic${alphaNumeric(topicName!)}`, type: 'AWS::SNS::Topic', properties, supported: isSupported('AWS::SNS::Topic', 'serverless'),
      where: { file: r.src.file, ...positionOf(r.src, at), key: formatPath(at) } };
  });
}

export function snsEventSubscriptions(r: ConfigReader, path: KeyPath, events: unknown, ctx: { functionKey: string; functionArn: string; stack: ServerlessStack })
  : PlannedResource[] {
  return snsEvents(r, path, events).map(({ at, obj, topicName, short }) => {
    const arnAt = short ? at : [...at, 'arn'];
    const topicArn = obj.arn === undefined ? ctx.stack.resolveString({ Ref: `SNSTopic${alphaNumeric(topicName!)}` }, at)
      : ctx.stack.resolveString(obj.arn, arnAt);
    if (!/^arn:[^:]+:sns:[^:]*:[^:]*:[^:]+$/.test(topicArn)) throw r.error(arnAt, `expected an SNS topic ARN (arn:aws:sns:<region>:<account>:<topic>), got "${topicArn}"`);
    const properties: Record<string, unknown> = { TopicArn: topicArn, Protocol: 'lambda', Endpoint: ctx.functionArn };
    if (obj.filterPolicy !== undefined) properties.FilterPolicy = r.object([...at, 'filterPolicy'], obj.filterPolicy);
    if (obj.filterPolicyScope !== undefined) {
      const scope = r.string([...at, 'filterPolicyScope'], obj.filterPolicyScope);
      if (scope !== 'MessageAttributes' && scope !== 'MessageBody') throw r.error([...at, 'filterPolicyScope'], `expected MessageAttributes or MessageBody, got "${scope}"`);
      properties.FilterPolicyScope = scope;
    }
    if (obj.redrivePolicy !== undefined) {
      const rp = r.object([...at, 'redrivePolicy'], obj.redrivePolicy, REDRIVE_KEYS);
      const target = rp.deadLetterTargetArn !== undefined ? ctx.stack.resolveString(rp.deadLetterTargetArn, [...at, 'redrivePolicy', 'deadLetterTargetArn'])
        : rp.deadLetterTargetRef !== undefined ? ctx.stack.resolveString({ 'Fn::GetAtt': [rp.deadLetterTargetRef, 'Arn'] }, [...at, 'redrivePolicy', 'deadLetterTargetRef'])
          : undefined;
      if (target === undefined) throw r.error([...at, 'redrivePolicy'], 'expected deadLetterTargetArn or deadLetterTargetRef (deadLetterTargetImport is not supported)');
      properties.RedrivePolicy = { deadLetterTargetArn: target };
    }
    return { logicalId: `${functionPart(ctx.functionKey)}SnsSubscription${alphaNumeric(topicName ?? 'Topic')}`, type: 'AWS::SNS::Subscription', properties,
      supported: isSupported('AWS::SNS::Subscription', 'serverless'), where: { file: r.src.file, ...positionOf(r.src, at), key: formatPath(at) } };
  });
}
