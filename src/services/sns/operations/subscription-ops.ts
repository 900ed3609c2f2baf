// Subscribe (idempotent per topic, protocol and endpoint; http/https and email wait for
// ConfirmSubscription, the token going out as a SubscriptionConfirmation message),
// ConfirmSubscription, Unsubscribe, ListSubscriptions(ByTopic), Get/SetSubscriptionAttributes.
import { randomBytes, randomUUID } from 'node:crypto';
import { invalid, NotFoundException } from '../errors';
import { PAGE_SIZE, PROTOCOLS, confirmsAtOnce, parseSnsArn, type Protocol, type PublishedMessage, type Subscription, type Topic } from '../model';
import { afterToken, pageToken, subscriptionOf, topicOf, type In, type SnsContext } from '../context';
import { applySubscriptionAttributes, checkSubscriptionAttributes, reportedSubscriptionAttributes } from '../subscription-attributes';

const SQS_ARN = /^arn:aws[a-zA-Z-]*:sqs:[a-z0-9-]+:\d{12}:[A-Za-z0-9_.-]{1,80}$/;
const LAMBDA_ARN = /^arn:aws[a-zA-Z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9_$-]+)?$/;
const EMAIL = /^[^@\s]+@[^@\s]+$/;
const PHONE = /^\+?[1-9]\d{1,14}$/;

function checkEndpoint(topic: Topic, protocol: Protocol, endpoint: string): void {
  switch (protocol) {
    case 'http': case 'https': {
      let ok = endpoint.toLowerCase().startsWith(`${protocol}://`);
      try { new URL(endpoint); } catch { ok = false; }
      if (!ok) throw invalid('Endpoint must match the specified protocol');
      break;
    }
    case 'email': case 'email-json': if (!EMAIL.test(endpoint)) throw invalid('Email address'); break;
    case 'sqs': if (!SQS_ARN.test(endpoint)) throw invalid('SQS endpoint ARN'); break;
    case 'lambda': if (!LAMBDA_ARN.test(endpoint)) throw invalid('Lambda endpoint ARN'); break;
    case 'sms': if (!PHONE.test(endpoint.replace(/[\s()-]/g, ''))) throw invalid(`Invalid SMS endpoint: ${endpoint}`); break;
    default:
  }
  if (protocol === 'sqs' && endpoint.endsWith('.fifo') && !topic.fifo) {
    throw invalid('Invalid parameter: Endpoint Reason: FIFO SQS Queues can not be subscribed to standard SNS topics');
  }
  if (topic.fifo && protocol !== 'sqs') throw invalid(`Invalid parameter: Endpoint Reason: Invalid protocol type: ${protocol}`);
  if (topic.fifo && !endpoint.endsWith('.fifo')) throw invalid('Invalid parameter: Endpoint Reason: Please use FIFO SQS queue');
}

export async function subscribe(ctx: SnsContext, i: In): Promise<{ SubscriptionArn: string }> {
  const topic = await topicOf(ctx, i.TopicArn);
  const protocol = String(i.Protocol ?? '') as Protocol;
  if (!PROTOCOLS.includes(protocol)) throw invalid(`Amazon SNS does not support this protocol string: ${protocol}`);
  const endpoint = String(i.Endpoint ?? '');
  if (!endpoint) throw invalid('Endpoint');
  checkEndpoint(topic, protocol, endpoint);
  const given: Record<string, string> = i.Attributes ?? {};
  checkSubscriptionAttributes(given, {}, protocol, topic.fifo, true);
  const answer = (s: Subscription) => ({ SubscriptionArn: s.state.kind === 'pending' && !i.ReturnSubscriptionArn ? 'pending confirmation' : s.arn });
  const existing = await ctx.topics.findSubscription(topic.arn, protocol, endpoint);
  if (existing) {
    const same = Object.entries(given).every(([k, v]) => (existing.attributes[k] ?? (k === 'RawMessageDelivery' ? 'false' : undefined)) === v);
    if (!same) throw invalid('Attributes Reason: Subscription already exists with different attributes');
    return answer(existing);
  }
  const token = randomBytes(144).toString('hex');
  const sub: Subscription = { arn: `${topic.arn}:${randomUUID()}`, topicArn: topic.arn, protocol, endpoint, owner: ctx.account.accountId,
    state: confirmsAtOnce(protocol) ? { kind: 'confirmed', authenticated: true } : { kind: 'pending', token },
    attributes: applySubscriptionAttributes({}, given), createdAt: ctx.clock.now() };
  await ctx.topics.putSubscription(sub);
  if (sub.state.kind === 'pending') await ctx.publisher.sendTo(sub, confirmation(topic, token, ctx.clock.now()));
  return answer(sub);
}

function confirmation(topic: Topic, token: string, now: number): PublishedMessage {
  return { messageId: randomUUID(), topicArn: topic.arn, type: 'SubscriptionConfirmation', token, attributes: {}, timestamp: now,
    message: `You have chosen to subscribe to the topic ${topic.arn}.\nTo confirm the subscription, visit the SubscribeURL included in this message.` };
}

export async function confirmSubscription(ctx: SnsContext, i: In): Promise<{ SubscriptionArn: string }> {
  if (typeof i.TopicArn !== 'string' || !parseSnsArn(i.TopicArn)) throw invalid('Topic');
  const sub = typeof i.Token === 'string' && i.Token ? await ctx.topics.subscriptionByToken(i.Token) : undefined;
  if (!sub) throw invalid('Token');
  if (sub.topicArn !== i.TopicArn) throw invalid('Topic');
  if (sub.state.kind === 'pending') {
    const authenticated = String(i.AuthenticateOnUnsubscribe ?? '').toLowerCase() === 'true';
    await ctx.topics.putSubscription({ ...sub, state: { kind: 'confirmed', authenticated, token: sub.state.token } });
  }
  return { SubscriptionArn: sub.arn };
}

export async function unsubscribe(ctx: SnsContext, i: In): Promise<void> {
  if (typeof i.SubscriptionArn !== 'string' || !parseSnsArn(i.SubscriptionArn)?.subscription) throw invalid('SubscriptionId');
  await ctx.topics.deleteSubscription(i.SubscriptionArn);
}

const listed = (s: Subscription) => ({ SubscriptionArn: s.state.kind === 'pending' ? 'PendingConfirmation' : s.arn, Owner: s.owner,
  Protocol: s.protocol, Endpoint: s.endpoint, TopicArn: s.topicArn });

async function page(ctx: SnsContext, token: unknown, topicArn?: string): Promise<unknown> {
  const rows = await ctx.topics.subscriptions(afterToken(token), PAGE_SIZE + 1, topicArn);
  const shown = rows.slice(0, PAGE_SIZE);
  return { Subscriptions: shown.map(listed), NextToken: rows.length > PAGE_SIZE ? pageToken(shown[shown.length - 1].arn) : undefined };
}

export const listSubscriptions = (ctx: SnsContext, i: In) => page(ctx, i.NextToken);

export async function listSubscriptionsByTopic(ctx: SnsContext, i: In): Promise<unknown> {
  const t = await topicOf(ctx, i.TopicArn);
  return page(ctx, i.NextToken, t.arn);
}

export async function getSubscriptionAttributes(ctx: SnsContext, i: In): Promise<unknown> {
  const s = await subscriptionOf(ctx, i.SubscriptionArn);
  const t = await ctx.topics.topic(s.topicArn);
  return { Attributes: reportedSubscriptionAttributes(s, t?.attributes.DeliveryPolicy) };
}

export async function setSubscriptionAttributes(ctx: SnsContext, i: In): Promise<void> {
  const s = await subscriptionOf(ctx, i.SubscriptionArn);
  const t = await ctx.topics.topic(s.topicArn);
  if (!t) throw new NotFoundException('Topic does not exist');
  const set = { [String(i.AttributeName ?? '')]: i.AttributeValue === undefined || i.AttributeValue === null ? '' : String(i.AttributeValue) };
  checkSubscriptionAttributes(set, s.attributes, s.protocol, t.fifo, false);
  await ctx.topics.putSubscription({ ...s, attributes: applySubscriptionAttributes(s.attributes, set) });
}
