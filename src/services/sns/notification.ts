// What a subscriber receives (pure): SNS's JSON envelope (HTTP/S, SQS, email-json), the raw
// message with its attributes (RawMessageDelivery), the Lambda event (one record), and the
// email text. URLs point at this server's query endpoint (ConfirmSubscription and
// Unsubscribe work as GET links, as on AWS). The signature is a placeholder: Nimbus holds no
// certificate SNS clients could verify it against.
import { createHash } from 'node:crypto';
import type { MessageAttribute, Protocol, PublishedMessage, Subscription } from './model';

export interface Urls { endpoint: string; region: string }

const iso = (ms: number) => new Date(ms).toISOString();

/** The text for a protocol: MessageStructure=json picks the protocol's entry, else `default`. */
export function messageText(m: PublishedMessage, protocol: Protocol): string {
  return m.perProtocol ? (m.perProtocol[protocol] ?? m.perProtocol.default ?? m.message) : m.message;
}

export const unsubscribeUrl = (u: Urls, subscriptionArn: string) =>
  `${u.endpoint}/?Action=Unsubscribe&SubscriptionArn=${encodeURIComponent(subscriptionArn)}`;
export const subscribeUrl = (u: Urls, topicArn: string, token: string) =>
  `${u.endpoint}/?Action=ConfirmSubscription&TopicArn=${encodeURIComponent(topicArn)}&Token=${token}`;
const certUrl = (u: Urls) => `https://sns.${u.region}.amazonaws.com/SimpleNotificationService-nimbus.pem`;
const signature = (m: PublishedMessage) => createHash('sha256').update(`${m.messageId}\n${m.message}\n${m.timestamp}`).digest('base64');

/** SNS's JSON envelope, members in SNS's order; absent Subject and attributes are left out. */
export function envelope(m: PublishedMessage, sub: Subscription, u: Urls): Record<string, unknown> {
  const common = { Timestamp: iso(m.timestamp), SignatureVersion: '1', Signature: signature(m), SigningCertURL: certUrl(u) };
  if (m.type !== 'Notification') {
    return { Type: m.type, MessageId: m.messageId, Token: m.token, TopicArn: m.topicArn, Message: m.message,
      SubscribeURL: subscribeUrl(u, m.topicArn, m.token ?? ''), ...common };
  }
  const out: Record<string, unknown> = { Type: 'Notification', MessageId: m.messageId };
  if (m.sequenceNumber) out.SequenceNumber = m.sequenceNumber;
  out.TopicArn = m.topicArn;
  if (m.subject !== undefined) out.Subject = m.subject;
  Object.assign(out, { Message: messageText(m, sub.protocol), ...common, UnsubscribeURL: unsubscribeUrl(u, sub.arn) });
  if (Object.keys(m.attributes).length) out.MessageAttributes = m.attributes;
  return out;
}

/** The event an SNS-triggered function receives (B.5): one record, PascalCase keys. */
export function lambdaEvent(m: PublishedMessage, sub: Subscription, u: Urls): Record<string, unknown> {
  return { Records: [{ EventSource: 'aws:sns', EventVersion: '1.0', EventSubscriptionArn: sub.arn, Sns: {
    Type: 'Notification', MessageId: m.messageId, TopicArn: m.topicArn, Subject: m.subject ?? null,
    Message: messageText(m, 'lambda'), Timestamp: iso(m.timestamp), SignatureVersion: '1', Signature: signature(m),
    SigningCertUrl: certUrl(u), UnsubscribeUrl: unsubscribeUrl(u, sub.arn), MessageAttributes: m.attributes,
  } }] };
}

/** SQS message attributes from SNS ones (RawMessageDelivery). */
export function sqsAttributes(attrs: Record<string, MessageAttribute>): Record<string, { DataType: string; StringValue?: string; BinaryValue?: string }> {
  return Object.fromEntries(Object.entries(attrs).map(([k, a]) => [k, a.Type.startsWith('Binary')
    ? { DataType: a.Type, BinaryValue: a.Value } : { DataType: a.Type, StringValue: a.Value }]));
}

export const raw = (sub: Subscription) => sub.attributes.RawMessageDelivery === 'true';

/** An email's subject and text (email), or the envelope as text (email-json). */
export function email(m: PublishedMessage, sub: Subscription, u: Urls, displayName: string): { subject: string; text: string } {
  if (m.type === 'SubscriptionConfirmation') {
    const subject = `${displayName || 'AWS Notification'} - Subscription Confirmation`;
    if (sub.protocol === 'email-json') return { subject, text: JSON.stringify(envelope(m, sub, u)) };
    return { subject, text: `You have chosen to subscribe to the topic: \n${m.topicArn}\n\nTo confirm this subscription, click or visit the link below `
      + `(If this was in error no action is necessary): \nConfirm subscription: ${subscribeUrl(u, m.topicArn, m.token ?? '')}\n` };
  }
  const subject = m.subject ?? (displayName || 'AWS Notification Message');
  if (sub.protocol === 'email-json') return { subject, text: JSON.stringify(envelope(m, sub, u)) };
  return { subject, text: `${messageText(m, 'email')}\n\n--\nIf you wish to stop receiving notifications from this topic, please click or visit `
    + `the link below to unsubscribe:\n${unsubscribeUrl(u, sub.arn)}\n` };
}
