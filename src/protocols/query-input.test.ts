// Query-protocol forms → JSON-shaped input, for SQS (through the overlay), SNS and SES
// shapes, written the way botocore's QuerySerializer and the SDK v3 write them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InvalidParameterValue, formTree, missingMembers, parseQueryInput } from './query-input';
import { loadQueryModel } from './query-model';

const sqs = loadQueryModel('sqs-2012-11-05', { overlay: true });
const sns = loadQueryModel('sns-2010-03-31');
const ses = loadQueryModel('ses-2010-12-01');
const form = (text: string) => formTree(new URLSearchParams(text));

describe('query input: SQS names from the overlay', () => {
  it('SendMessageBatch: flattened entries, message attributes, integers', () => {
    const input = parseQueryInput(sqs, 'SendMessageBatchRequest', form([
      'QueueUrl=http%3A%2F%2Fq%2F000000000000%2Fjobs',
      'SendMessageBatchRequestEntry.1.Id=a', 'SendMessageBatchRequestEntry.1.MessageBody=hello',
      'SendMessageBatchRequestEntry.1.DelaySeconds=5',
      'SendMessageBatchRequestEntry.1.MessageAttribute.1.Name=color',
      'SendMessageBatchRequestEntry.1.MessageAttribute.1.Value.StringValue=red',
      'SendMessageBatchRequestEntry.1.MessageAttribute.1.Value.DataType=String',
      'SendMessageBatchRequestEntry.1.MessageAttribute.2.Name=raw',
      'SendMessageBatchRequestEntry.1.MessageAttribute.2.Value.BinaryValue=AQID',
      'SendMessageBatchRequestEntry.1.MessageAttribute.2.Value.DataType=Binary',
      'SendMessageBatchRequestEntry.2.Id=b', 'SendMessageBatchRequestEntry.2.MessageBody=second',
      'SendMessageBatchRequestEntry.2.MessageSystemAttribute.1.Name=AWSTraceHeader',
      'SendMessageBatchRequestEntry.2.MessageSystemAttribute.1.Value.StringValue=Root%3D1',
      'SendMessageBatchRequestEntry.2.MessageSystemAttribute.1.Value.DataType=String',
    ].join('&')));
    assert.deepEqual(input, {
      QueueUrl: 'http://q/000000000000/jobs',
      Entries: [
        { Id: 'a', MessageBody: 'hello', DelaySeconds: 5, MessageAttributes: {
          color: { StringValue: 'red', DataType: 'String' }, raw: { BinaryValue: 'AQID', DataType: 'Binary' } } },
        { Id: 'b', MessageBody: 'second', MessageSystemAttributes: { AWSTraceHeader: { StringValue: 'Root=1', DataType: 'String' } } },
      ],
    });
  });

  it('CreateQueue: Attribute.N.Name/Value and Tag.N.Key/Value maps', () => {
    const input = parseQueryInput(sqs, 'CreateQueueRequest', form('QueueName=jobs&Attribute.1.Name=VisibilityTimeout&Attribute.1.Value=40'
      + '&Attribute.2.Name=DelaySeconds&Attribute.2.Value=0&Tag.1.Key=team&Tag.1.Value=mail'));
    assert.deepEqual(input, { QueueName: 'jobs', Attributes: { VisibilityTimeout: '40', DelaySeconds: '0' }, tags: { team: 'mail' } });
  });

  it('ReceiveMessage: AttributeName.N, MessageSystemAttributeName.N, MessageAttributeName.N in index order', () => {
    const input = parseQueryInput(sqs, 'ReceiveMessageRequest', form('QueueUrl=u&AttributeName.2=SentTimestamp&AttributeName.1=All'
      + '&MessageSystemAttributeName.1=SenderId&MessageAttributeName.1=color&MaxNumberOfMessages=10&WaitTimeSeconds=20'));
    assert.deepEqual(input, { QueueUrl: 'u', AttributeNames: ['All', 'SentTimestamp'], MessageSystemAttributeNames: ['SenderId'],
      MessageAttributeNames: ['color'], MaxNumberOfMessages: 10, WaitTimeSeconds: 20 });
  });

  it('DeleteMessageBatch, ChangeMessageVisibilityBatch, UntagQueue, string lists in attribute values', () => {
    assert.deepEqual(parseQueryInput(sqs, 'DeleteMessageBatchRequest', form('QueueUrl=u&DeleteMessageBatchRequestEntry.1.Id=1'
      + '&DeleteMessageBatchRequestEntry.1.ReceiptHandle=r1')), { QueueUrl: 'u', Entries: [{ Id: '1', ReceiptHandle: 'r1' }] });
    assert.deepEqual(parseQueryInput(sqs, 'ChangeMessageVisibilityBatchRequest', form('QueueUrl=u'
      + '&ChangeMessageVisibilityBatchRequestEntry.1.Id=x&ChangeMessageVisibilityBatchRequestEntry.1.ReceiptHandle=r'
      + '&ChangeMessageVisibilityBatchRequestEntry.1.VisibilityTimeout=0')),
    { QueueUrl: 'u', Entries: [{ Id: 'x', ReceiptHandle: 'r', VisibilityTimeout: 0 }] });
    assert.deepEqual(parseQueryInput(sqs, 'UntagQueueRequest', form('QueueUrl=u&TagKey.1=a&TagKey.2=b')), { QueueUrl: 'u', TagKeys: ['a', 'b'] });
    assert.deepEqual(parseQueryInput(sqs, 'SendMessageRequest', form('QueueUrl=u&MessageBody=m&MessageAttribute.1.Name=l'
      + '&MessageAttribute.1.Value.DataType=String.List&MessageAttribute.1.Value.StringListValue.1=x')).MessageAttributes,
    { l: { DataType: 'String.List', StringListValues: ['x'] } });
  });

  it('required members missing, as the model names them', () => {
    const input = parseQueryInput(sqs, 'SendMessageBatchRequest', form('SendMessageBatchRequestEntry.1.Id=a'));
    assert.deepEqual(missingMembers(sqs, 'SendMessageBatchRequest', input), ['QueueUrl', 'Entries.1.MessageBody']);
  });

  it('values not of their type are InvalidParameterValue', () => {
    assert.throws(() => parseQueryInput(sqs, 'SendMessageRequest', form('QueueUrl=u&MessageBody=m&DelaySeconds=soon')),
      (e: unknown) => e instanceof InvalidParameterValue && /DelaySeconds/.test((e as Error).message));
    assert.throws(() => parseQueryInput(sqs, 'ReceiveMessageRequest', form('QueueUrl=u&AttributeName.x=All')), InvalidParameterValue);
  });
});

describe('query input: SNS and SES (member / entry forms)', () => {
  it('SNS Publish: MessageAttributes.entry.N.Name / .Value.*', () => {
    const input = parseQueryInput(sns, 'PublishInput', form('TopicArn=arn%3At&Message=hi'
      + '&MessageAttributes.entry.1.Name=kind&MessageAttributes.entry.1.Value.DataType=String&MessageAttributes.entry.1.Value.StringValue=x'));
    assert.deepEqual(input, { TopicArn: 'arn:t', Message: 'hi', MessageAttributes: { kind: { DataType: 'String', StringValue: 'x' } } });
  });

  it('SNS CreateTopic: Attributes.entry.N.key/value and Tags.member.N; an empty list', () => {
    const input = parseQueryInput(sns, 'CreateTopicInput', form('Name=t&Attributes.entry.1.key=FifoTopic&Attributes.entry.1.value=true'
      + '&Tags.member.1.Key=a&Tags.member.1.Value=b'));
    assert.deepEqual(input, { Name: 't', Attributes: { FifoTopic: 'true' }, Tags: [{ Key: 'a', Value: 'b' }] });
    assert.deepEqual(parseQueryInput(sns, 'CreateTopicInput', form('Name=t&Tags=')), { Name: 't', Tags: [] });
  });

  it('SES SendEmail: Destination.ToAddresses.member.N, nested structures', () => {
    const input = parseQueryInput(ses, 'SendEmailRequest', form('Source=a%40x.com&Destination.ToAddresses.member.1=b%40y.com'
      + '&Destination.ToAddresses.member.2=c%40y.com&Message.Subject.Data=Hi&Message.Body.Text.Data=Body+text&Tags.member.1.Name=k'
      + '&Tags.member.1.Value=v'));
    assert.deepEqual(input, { Source: 'a@x.com', Destination: { ToAddresses: ['b@y.com', 'c@y.com'] },
      Message: { Subject: { Data: 'Hi' }, Body: { Text: { Data: 'Body text' } } }, Tags: [{ Name: 'k', Value: 'v' }] });
    assert.deepEqual(missingMembers(ses, 'SendEmailRequest', { Source: 'a@x.com', Message: { Body: {} } }),
      ['Destination', 'Message.Subject']);
  });

  it('SES SendRawEmail: blobs stay base64 text', () => {
    const input = parseQueryInput(ses, 'SendRawEmailRequest', form('RawMessage.Data=RnJvbTogYUB4LmNvbQ%3D%3D'));
    assert.deepEqual(input, { RawMessage: { Data: 'RnJvbTogYUB4LmNvbQ==' } });
    assert.throws(() => parseQueryInput(ses, 'SendRawEmailRequest', form('RawMessage.Data=%25%25')), InvalidParameterValue);
  });
});
