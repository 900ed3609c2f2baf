// The query protocol end to end on a real listener, with operations that record their
// input and answer canned results: the official SDK v3 clients (SNS, SES) and Debian's
// aws CLI (SQS over the query protocol, through the overlay's names) are the judges.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SNSClient, PublishCommand, GetTopicAttributesCommand, DeleteTopicCommand } from '@aws-sdk/client-sns';
import { SESClient, GetIdentityVerificationAttributesCommand, SendEmailCommand } from '@aws-sdk/client-ses';
import { startAwsListener, type Listener } from '../gateway/aws-listener';
import { AwsError } from '../kernel/aws-error';
import { createQueryEndpoint, loadQueryModel, type QueryOperation } from '../protocols/aws-query';
import { awsCli, type CliResult } from './aws-cli';

class NotFoundException extends AwsError {}
class QueueDoesNotExist extends AwsError {}

const seen: Record<string, Record<string, unknown>> = {};
const record = (name: string, result?: unknown): QueryOperation => async (input) => { seen[name] = input; return result; };

const creds = { accessKeyId: 'test', secretAccessKey: 'test' };
let listener: Listener;
let endpoint: string;

const aws = (...args: string[]): Promise<CliResult> => awsCli(endpoint)(...args);

describe('query protocol', () => {
  before(async () => {
    const endpointService = createQueryEndpoint([
      { model: loadQueryModel('ses-2010-12-01'), operations: {
        GetIdentityVerificationAttributes: record('ses', { VerificationAttributes: { 'a@x.com': { VerificationStatus: 'Success' } } }),
        SendEmail: record('send', { MessageId: 'never' }),
      } },
      { model: loadQueryModel('sns-2010-03-31'), operations: {
        Publish: record('publish', { MessageId: 'm-1' }),
        GetTopicAttributes: record('attrs', { Attributes: { Owner: '000000000000', DisplayName: 'a & b' } }),
        DeleteTopic: async () => { throw new NotFoundException('Topic does not exist'); },
      } },
      { model: loadQueryModel('sqs-2012-11-05', { overlay: true }), missing: 'MissingParameter', operations: {
        SendMessageBatch: record('batch', { Successful: [{ Id: 'a', MessageId: 'id-a', MD5OfMessageBody: 'd' }], Failed: [] }),
        ReceiveMessage: record('receive', { Messages: [{ MessageId: 'id-a', ReceiptHandle: 'rh', Body: 'x', MD5OfBody: 'd',
          Attributes: { SentTimestamp: '1700000000000' }, MessageAttributes: { c: { DataType: 'String', StringValue: 'red' } } }] }),
        GetQueueUrl: async () => { throw new QueueDoesNotExist('The specified queue does not exist.'); },
      } },
    ]);
    listener = await startAwsListener({ port: 0, host: '127.0.0.1', services: [endpointService], log: () => {},
      admin: async (_q, res) => { res.writeHead(404).end(); } });
    endpoint = `http://127.0.0.1:${listener.port}`;
  });
  after(async () => { await listener.close(); });

  it('SDK v3 SNS: Publish with message attributes, a map result, a modeled error', async () => {
    const sns = new SNSClient({ endpoint, region: 'us-east-1', credentials: creds, maxAttempts: 1 });
    const r = await sns.send(new PublishCommand({ TopicArn: 'arn:aws:sns:us-east-1:000000000000:t', Message: 'hi',
      MessageAttributes: { kind: { DataType: 'String', StringValue: 'x' }, bin: { DataType: 'Binary', BinaryValue: Buffer.from('ab') } } }));
    assert.equal(r.MessageId, 'm-1');
    assert.deepEqual(seen.publish, { TopicArn: 'arn:aws:sns:us-east-1:000000000000:t', Message: 'hi',
      MessageAttributes: { kind: { DataType: 'String', StringValue: 'x' }, bin: { DataType: 'Binary', BinaryValue: 'YWI=' } } });
    const a = await sns.send(new GetTopicAttributesCommand({ TopicArn: 'arn' }));
    assert.deepEqual(a.Attributes, { Owner: '000000000000', DisplayName: 'a & b' });
    await assert.rejects(sns.send(new DeleteTopicCommand({ TopicArn: 'arn' })), (e: any) =>
      e.name === 'NotFoundException' && e.$metadata.httpStatusCode === 404 && e.message === 'Topic does not exist');
    sns.destroy();
  });

  it('SDK v3 SES: a map of structures; a missing required member is a ValidationError', async () => {
    const ses = new SESClient({ endpoint, region: 'us-east-1', credentials: creds, maxAttempts: 1 });
    const r = await ses.send(new GetIdentityVerificationAttributesCommand({ Identities: ['a@x.com'] }));
    assert.deepEqual(seen.ses, { Identities: ['a@x.com'] });
    assert.deepEqual(r.VerificationAttributes, { 'a@x.com': { VerificationStatus: 'Success' } });
    await assert.rejects(ses.send(new SendEmailCommand({ Source: 'a@x.com' } as never)), (e: any) => e.name === 'ValidationError'
      && /2 validation errors detected: Value null at 'destination'/.test(e.message) && e.$metadata.httpStatusCode === 400);
    ses.destroy();
  });

  it('unknown and missing actions, GET requests, unsigned requests picked by Version', async () => {
    const bad = await fetch(`${endpoint}/`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=Frobnicate&Version=2010-03-31' });
    assert.equal(bad.status, 400);
    assert.match(await bad.text(), /<Code>InvalidAction<\/Code><Message>The action Frobnicate is not valid for this web service.<\/Message>/);
    const get = await fetch(`${endpoint}/?Action=Publish&Version=2010-03-31&TopicArn=t&Message=m`);
    assert.equal(get.status, 200);
    assert.match(await get.text(), /^<PublishResponse xmlns="http:\/\/sns.amazonaws.com\/doc\/2010-03-31\/"><PublishResult><MessageId>m-1<\/MessageId>/);
    const missing = await fetch(`${endpoint}/?Action=SendMessageBatch&Version=2012-11-05&QueueUrl=u`);
    assert.match(await missing.text(), /<Code>MissingParameter<\/Code><Message>The request must contain the parameter Entries.<\/Message>/);
  });

  it('aws CLI (query protocol) SQS: batch entries with attributes, received messages, a query error code', async () => {
    const queue = `${endpoint}/000000000000/jobs`;
    const sent = await aws('sqs', 'send-message-batch', '--queue-url', queue, '--entries',
      JSON.stringify([{ Id: 'a', MessageBody: 'x', DelaySeconds: 2, MessageAttributes: { c: { DataType: 'String', StringValue: 'red' } } }]));
    assert.equal(sent.code, 0, sent.err);
    assert.deepEqual(seen.batch, { QueueUrl: queue, Entries: [{ Id: 'a', MessageBody: 'x', DelaySeconds: 2,
      MessageAttributes: { c: { DataType: 'String', StringValue: 'red' } } }] });
    assert.deepEqual(sent.out.Successful, [{ Id: 'a', MessageId: 'id-a', MD5OfMessageBody: 'd' }]);
    const got = await aws('sqs', 'receive-message', '--queue-url', queue, '--attribute-names', 'All', '--message-attribute-names', 'c');
    assert.equal(got.code, 0, got.err);
    assert.deepEqual(seen.receive, { QueueUrl: queue, AttributeNames: ['All'], MessageAttributeNames: ['c'] });
    assert.deepEqual(got.out.Messages, [{ MessageId: 'id-a', ReceiptHandle: 'rh', Body: 'x', MD5OfBody: 'd',
      Attributes: { SentTimestamp: '1700000000000' }, MessageAttributes: { c: { DataType: 'String', StringValue: 'red' } } }]);
    const missing = await aws('sqs', 'get-queue-url', '--queue-name', 'nope');
    assert.notEqual(missing.code, 0);
    assert.match(missing.err, /AWS\.SimpleQueueService\.NonExistentQueue/);
  });
});
