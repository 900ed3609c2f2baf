// Subscription attributes (pure): the settable ones with SNS's checks and messages (Subscribe
// prefixes them with `Attributes Reason: `), and what GetSubscriptionAttributes reports.
import { DEFAULT_HTTP_POLICY } from './delivery-policy';
import { invalid } from './errors';
import { checkFilterPolicy } from './filter-policy-check';
import type { FilterPolicyScope } from './filter-policy';
import type { Protocol, Subscription } from './model';

const SETTABLE = new Set(['DeliveryPolicy', 'FilterPolicy', 'FilterPolicyScope', 'RawMessageDelivery', 'RedrivePolicy',
  'SubscriptionRoleArn', 'ReplayPolicy']);
const RAW_PROTOCOLS: readonly Protocol[] = ['sqs', 'http', 'https', 'firehose'];

/**
 * Checks attributes about to be set on a subscription (of `protocol`, on a topic `fifo` or not),
 * `current` being what it has now. Throws InvalidParameter.
 */
export function checkSubscriptionAttributes(set: Record<string, string>, current: Record<string, string>, protocol: Protocol,
  fifoTopic: boolean, subscribing: boolean): void {
  const where = subscribing ? 'Attributes Reason: ' : '';
  for (const [name, value] of Object.entries(set)) {
    if (!SETTABLE.has(name)) throw invalid(subscribing ? `Attributes Reason: Unknown attribute ${name}` : 'AttributeName');
    switch (name) {
      case 'RawMessageDelivery':
        if (!['true', 'false'].includes(value.toLowerCase())) throw invalid(`${where}RawMessageDelivery: Invalid value [${value}]. Must be true or false.`);
        if (value.toLowerCase() === 'true' && !RAW_PROTOCOLS.includes(protocol)) {
          throw invalid(`${where}Delivery protocol [${protocol}] does not support raw message delivery.`);
        }
        break;
      case 'FilterPolicyScope':
        if (value !== 'MessageAttributes' && value !== 'MessageBody') {
          throw invalid(`${where}FilterPolicyScope: Invalid value [${value}]. Please use either MessageBody or MessageAttributes`);
        }
        break;
      case 'FilterPolicy': {
        if (value === '') break;
        const scope = (set.FilterPolicyScope ?? current.FilterPolicyScope ?? 'MessageAttributes') as FilterPolicyScope;
        const checked = checkFilterPolicy(value, scope);
        if ('problem' in checked) throw invalid(`${where}${checked.problem}`);
        break;
      }
      case 'RedrivePolicy': checkRedrive(value, fifoTopic, where); break;
      case 'DeliveryPolicy':
        if (!isJsonObject(value)) throw invalid(`${where}DeliveryPolicy: failed to parse JSON.`);
        break;
      default:
    }
  }
  const policy = set.FilterPolicy ?? current.FilterPolicy;
  if (set.FilterPolicyScope && policy) {
    const checked = checkFilterPolicy(policy, set.FilterPolicyScope as FilterPolicyScope);
    if ('problem' in checked) throw invalid(`${where}${checked.problem}`);
  }
}

function checkRedrive(value: string, fifoTopic: boolean, where: string): void {
  if (value === '') return;
  let arn: unknown;
  try { arn = (JSON.parse(value) as { deadLetterTargetArn?: unknown }).deadLetterTargetArn; } catch {
    throw invalid(`${where}RedrivePolicy: failed to parse JSON.`);
  }
  if (typeof arn !== 'string' || !/^arn:aws[a-zA-Z-]*:sqs:[a-z0-9-]+:\d{12}:[A-Za-z0-9_.-]+$/.test(arn)) {
    throw invalid(`${where}RedrivePolicy: deadLetterTargetArn is an invalid arn`);
  }
  if (fifoTopic && !arn.endsWith('.fifo')) throw invalid(`${where}RedrivePolicy: must use a FIFO queue as DLQ for a FIFO topic`);
}

const isJsonObject = (v: string) => { try { const x = JSON.parse(v); return x !== null && typeof x === 'object'; } catch { return false; } };

/** Stored attributes after setting `set` (an empty value removes a policy). */
export function applySubscriptionAttributes(current: Record<string, string>, set: Record<string, string>): Record<string, string> {
  const out = { ...current };
  for (const [name, value] of Object.entries(set)) {
    if (value === '' && name !== 'RawMessageDelivery') delete out[name];
    else out[name] = name === 'RawMessageDelivery' ? value.toLowerCase() : value;
  }
  return out;
}

/** GetSubscriptionAttributes' map. */
export function reportedSubscriptionAttributes(s: Subscription, topicDeliveryPolicy?: string): Record<string, string> {
  const out: Record<string, string> = {
    SubscriptionArn: s.arn, TopicArn: s.topicArn, Owner: s.owner, Protocol: s.protocol, Endpoint: s.endpoint,
    PendingConfirmation: String(s.state.kind === 'pending'),
    ConfirmationWasAuthenticated: String(s.state.kind === 'confirmed' && s.state.authenticated),
    RawMessageDelivery: 'false',
    ...s.attributes,
  };
  if (out.FilterPolicy && !out.FilterPolicyScope) out.FilterPolicyScope = 'MessageAttributes';
  if (!out.FilterPolicy) delete out.FilterPolicyScope;
  if (s.protocol === 'http' || s.protocol === 'https') {
    const topic = topicDeliveryPolicy ? JSON.parse(topicDeliveryPolicy).http?.defaultHealthyRetryPolicy : undefined;
    const sub = s.attributes.DeliveryPolicy ? JSON.parse(s.attributes.DeliveryPolicy).healthyRetryPolicy : undefined;
    out.EffectiveDeliveryPolicy = JSON.stringify({ healthyRetryPolicy: { ...DEFAULT_HTTP_POLICY, ...topic, ...sub } });
  }
  return out;
}
