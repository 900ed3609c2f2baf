// JSON-shaped results → query-protocol XML, for SQS (overlay names), SNS and SES shapes;
// error documents and codes from the models' error shapes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import { pickService } from './aws-query';
import { MissingParameter, ValidationError, credentialScope } from './query-errors';
import { errorTrait, loadQueryModel } from './query-model';
import { errorXml, resultXml } from './query-output';

const sqs = loadQueryModel('sqs-2012-11-05', { overlay: true });
const sns = loadQueryModel('sns-2010-03-31');
const ses = loadQueryModel('ses-2010-12-01');
const parse = (xml: string) => new XMLParser({ ignoreAttributes: false, parseTagValue: false }).parse(xml);

describe('query output', () => {
  it('SQS ReceiveMessage: flattened <Message>, <Attribute><Name/><Value/>, <MessageAttribute>', () => {
    const xml = resultXml(sqs, 'ReceiveMessage', { Messages: [{ MessageId: 'm1', ReceiptHandle: 'r&1', Body: '<b>', MD5OfBody: 'x',
      Attributes: { SentTimestamp: '1', SenderId: 'AID' },
      MessageAttributes: { color: { StringValue: 'red', DataType: 'String' }, bin: { BinaryValue: Buffer.from([1, 2, 3]), DataType: 'Binary' } } }] }, 'req-1');
    assert.match(xml, /^<ReceiveMessageResponse xmlns="http:\/\/queue.amazonaws.com\/doc\/2012-11-05\/"><ReceiveMessageResult><Message><MessageId>m1<\/MessageId><ReceiptHandle>r&amp;1<\/ReceiptHandle>/);
    assert.match(xml, /<Body>&lt;b&gt;<\/Body>/);
    assert.match(xml, /<Attribute><Name>SentTimestamp<\/Name><Value>1<\/Value><\/Attribute><Attribute><Name>SenderId<\/Name>/);
    assert.match(xml, /<MessageAttribute><Name>bin<\/Name><Value><BinaryValue>AQID<\/BinaryValue><DataType>Binary<\/DataType><\/Value><\/MessageAttribute>/);
    assert.match(xml, /<\/ReceiveMessageResult><ResponseMetadata><RequestId>req-1<\/RequestId><\/ResponseMetadata><\/ReceiveMessageResponse>$/);
    assert.match(resultXml(sqs, 'ReceiveMessage', { Messages: [] }, 'r'), /<ReceiveMessageResult><\/ReceiveMessageResult>/);
  });

  it('SQS GetQueueAttributes, ListQueues, SendMessageBatch (Successful / Failed entries)', () => {
    assert.match(resultXml(sqs, 'GetQueueAttributes', { Attributes: { VisibilityTimeout: '30' } }, 'r'),
      /<GetQueueAttributesResult><Attribute><Name>VisibilityTimeout<\/Name><Value>30<\/Value><\/Attribute><\/GetQueueAttributesResult>/);
    assert.match(resultXml(sqs, 'ListQueues', { QueueUrls: ['u1', 'u2'] }, 'r'), /<ListQueuesResult><QueueUrl>u1<\/QueueUrl><QueueUrl>u2<\/QueueUrl>/);
    const doc = parse(resultXml(sqs, 'SendMessageBatch', { Successful: [{ Id: 'a', MessageId: 'm', MD5OfMessageBody: 'd' }],
      Failed: [{ Id: 'b', SenderFault: true, Code: 'InvalidParameterValue', Message: 'no' }] }, 'r'));
    const result = doc.SendMessageBatchResponse.SendMessageBatchResult;
    assert.deepEqual(result.SendMessageBatchResultEntry, { Id: 'a', MessageId: 'm', MD5OfMessageBody: 'd' });
    assert.deepEqual(result.BatchResultErrorEntry, { Id: 'b', SenderFault: 'true', Code: 'InvalidParameterValue', Message: 'no' });
  });

  it('SNS: lists as <member>, maps as <entry><key/><value/>', () => {
    const doc = parse(resultXml(sns, 'ListTopics', { Topics: [{ TopicArn: 'a' }, { TopicArn: 'b' }], NextToken: 't' }, 'r'));
    assert.deepEqual(doc.ListTopicsResponse.ListTopicsResult, { Topics: { member: [{ TopicArn: 'a' }, { TopicArn: 'b' }] }, NextToken: 't' });
    assert.match(resultXml(sns, 'GetTopicAttributes', { Attributes: { Owner: '1' } }, 'r'),
      /<Attributes><entry><key>Owner<\/key><value>1<\/value><\/entry><\/Attributes>/);
    assert.match(resultXml(sns, 'ListTopics', { Topics: [] }, 'r'), /<Topics><\/Topics>/);
    assert.match(resultXml(sns, 'DeleteTopic', undefined, 'r9'),
      /^<DeleteTopicResponse xmlns="http:\/\/sns.amazonaws.com\/doc\/2010-03-31\/"><ResponseMetadata><RequestId>r9<\/RequestId><\/ResponseMetadata><\/DeleteTopicResponse>$/);
  });

  it('SES: a map of structures, timestamps in ISO 8601, numbers', () => {
    const xml = resultXml(ses, 'GetIdentityVerificationAttributes', { VerificationAttributes: { 'a@x.com': { VerificationStatus: 'Success' } } }, 'r');
    assert.match(xml, /<VerificationAttributes><entry><key>a@x.com<\/key><value><VerificationStatus>Success<\/VerificationStatus><\/value><\/entry>/);
    const stats = resultXml(ses, 'GetSendStatistics', { SendDataPoints: [{ Timestamp: 1_700_000_000, DeliveryAttempts: 2 }] }, 'r');
    assert.match(stats, /<member><Timestamp>2023-11-14T22:13:20.000Z<\/Timestamp><DeliveryAttempts>2<\/DeliveryAttempts><\/member>/);
  });

  it('errors: the document, codes and statuses from the error shapes', () => {
    assert.equal(errorXml('ns', { type: 'Sender', code: 'MessageRejected', message: 'a < b' }, 'r'),
      '<ErrorResponse xmlns="ns"><Error><Type>Sender</Type><Code>MessageRejected</Code><Message>a &lt; b</Message></Error>'
      + '<RequestId>r</RequestId></ErrorResponse>');
    assert.deepEqual(errorTrait(sqs, 'QueueDoesNotExist'), { code: 'AWS.SimpleQueueService.NonExistentQueue', status: 400, sender: true });
    assert.deepEqual(errorTrait(sqs, 'InvalidAttributeName'), { code: 'InvalidAttributeName', status: 400, sender: true });
    assert.deepEqual(errorTrait(sns, 'NotFoundException'), { code: 'NotFound', status: 404, sender: true });
    assert.deepEqual(errorTrait(sns, 'InternalErrorException'), { code: 'InternalError', status: 500, sender: false });
    assert.deepEqual(errorTrait(ses, 'TemplateDoesNotExistException'), { code: 'TemplateDoesNotExist', status: 400, sender: true });
    assert.equal(errorTrait(ses, 'SendEmailRequest'), undefined);
    assert.equal(ValidationError.of(['Destination', 'Message.Subject']).message, '2 validation errors detected: Value null at '
      + "'destination' failed to satisfy constraint: Member must not be null; Value null at 'message.subject' failed to satisfy "
      + 'constraint: Member must not be null');
    assert.equal(MissingParameter.of(['QueueName']).message, 'The request must contain the parameter QueueName.');
  });

  it('picks the service by scope, then Version, then an Action only one has', () => {
    const services = [{ model: ses, operations: {} }, { model: sns, operations: {} }, { model: sqs, operations: {} }];
    assert.equal(pickService(services, 'sns', undefined, 'ListTagsForResource')?.model, sns);
    assert.equal(pickService(services, 'sqs', '2010-12-01', 'ListQueues')?.model, sqs);
    assert.equal(pickService(services, undefined, '2012-11-05', 'ListQueues')?.model, sqs);
    assert.equal(pickService(services, undefined, undefined, 'SendRawEmail')?.model, ses);
    assert.equal(pickService(services, undefined, undefined, 'AddPermission'), undefined); // SNS and SQS both have it
    const req = { headers: { authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20240101/eu-west-1/ses/aws4_request, SignedHeaders=host, Signature=x' } };
    assert.deepEqual(credentialScope(req as never, new URL('http://h/')), { date: '20240101', region: 'eu-west-1', service: 'ses' });
    assert.equal(credentialScope({ headers: {} } as never, new URL('http://h/?X-Amz-Credential=K%2F20240101%2Fus-east-1%2Fsqs%2Faws4_request'))?.service, 'sqs');
  });
});
