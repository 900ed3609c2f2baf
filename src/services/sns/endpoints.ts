// Delivering one message to one subscription, per protocol: SQS (envelope or raw, FIFO
// group and dedup ids kept), Lambda (asynchronous invocation with the SNS event), HTTP/S (a
// POST with SNS's headers; 2xx is success, another 4xx than 429 is permanent) and email
// (the local mail sink). sms, application and firehose are never delivered.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { PublishedMessage, Subscription, Topic } from './model';
import { email, envelope, lambdaEvent, messageText, raw, sqsAttributes, type Urls } from './notification';
import type { SnsPorts } from './ports';

export const HTTP_TIMEOUT_MS = 15_000;

export class DeliveryError extends Error {
  constructor(message: string, readonly status?: number) { super(message); }
}

export async function deliver(ports: SnsPorts, m: PublishedMessage, sub: Subscription, topic: Topic | undefined, u: Urls): Promise<void> {
  switch (sub.protocol) {
    case 'sqs': {
      if (!ports.sqs) throw new DeliveryError('SQS is not served', 500);
      await ports.sqs.sendMessage(sub.endpoint, {
        body: raw(sub) ? messageText(m, 'sqs') : JSON.stringify(envelope(m, sub, u)),
        messageAttributes: raw(sub) ? sqsAttributes(m.attributes) : undefined,
        messageGroupId: m.groupId, messageDeduplicationId: m.dedupId,
      });
      return;
    }
    case 'lambda':
      if (!ports.invokeAsync) throw new DeliveryError('Lambda is not served', 500);
      await ports.invokeAsync(sub.endpoint, JSON.stringify(lambdaEvent(m, sub, u)));
      return;
    case 'http': case 'https':
      await post(m, sub, u);
      return;
    case 'email': case 'email-json': {
      if (!ports.sendEmail) throw new DeliveryError('the mail sink is not served', 500);
      const name = topic?.attributes.DisplayName || 'AWS Notifications';
      await ports.sendEmail({ from: `${name} <no-reply@sns.amazonaws.com>`, to: sub.endpoint, ...email(m, sub, u, topic?.attributes.DisplayName ?? '') });
      return;
    }
    default:
  }
}

function post(m: PublishedMessage, sub: Subscription, u: Urls): Promise<void> {
  const rawBody = m.type === 'Notification' && raw(sub);
  const body = Buffer.from(rawBody ? messageText(m, sub.protocol) : JSON.stringify(envelope(m, sub, u)));
  const headers: Record<string, string> = {
    'Content-Type': 'text/plain; charset=UTF-8', 'Content-Length': String(body.length),
    'User-Agent': 'Amazon Simple Notification Service Agent',
    'x-amz-sns-message-type': m.type, 'x-amz-sns-message-id': m.messageId, 'x-amz-sns-topic-arn': m.topicArn,
  };
  if (m.type === 'Notification') headers['x-amz-sns-subscription-arn'] = sub.arn;
  if (rawBody) headers['x-amz-sns-rawdelivery'] = 'true';
  const url = new URL(sub.endpoint);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, { method: 'POST', headers, timeout: HTTP_TIMEOUT_MS }, (res) => {
      res.resume();
      const status = res.statusCode ?? 0;
      res.on('end', () => (status >= 200 && status < 300 ? resolve() : reject(new DeliveryError(`HTTP ${status}`, status))));
      res.on('error', (e) => reject(new DeliveryError(e.message)));
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', (e) => reject(new DeliveryError(e.message)));
    req.end(body);
  });
}
