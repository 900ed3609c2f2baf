// SNS test helpers: a Nimbus with the official SNS and SQS clients pointed at it, Debian's
// aws CLI for the query protocol, and a queue receiver.
import { SNSClient } from '@aws-sdk/client-sns';
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, type Message, type SQSClient } from '@aws-sdk/client-sqs';
import type { NimbusOptions } from '../main';
import { awsCli as cliFor, type CliResult } from './aws-cli';
import { startSqsNimbus, type SqsNimbus } from './sqs-harness';

export interface SnsNimbus extends SqsNimbus { sns: SNSClient }

export async function startSnsNimbus(o: NimbusOptions = {}): Promise<SnsNimbus> {
  const t = await startSqsNimbus(o);
  const sns = new SNSClient({ endpoint: t.server.awsUrl, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1 });
  return { ...t, sns, close: async () => { sns.destroy(); await t.close(); } };
}

/** Creates a queue; returns its URL and ARN. */
export async function queue(sqs: SQSClient, name: string, attributes: Record<string, string> = {}): Promise<{ url: string; arn: string }> {
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
  const a = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
  return { url: QueueUrl!, arn: a.Attributes!.QueueArn! };
}

/** Receives until `n` messages arrived (or `ms` passed). */
export async function receive(sqs: SQSClient, url: string, n: number, ms = 5000): Promise<Message[]> {
  const out: Message[] = [];
  const end = Date.now() + ms;
  while (out.length < n && Date.now() < end) {
    const r = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1,
      MessageAttributeNames: ['All'], AttributeNames: ['All'] }));
    out.push(...(r.Messages ?? []));
  }
  return out;
}

/** Runs `aws <args>` against the endpoint; stdout parsed as JSON. */
export function awsCli(endpoint: string, ...args: string[]): Promise<CliResult> {
  return cliFor(endpoint)(...args);
}
