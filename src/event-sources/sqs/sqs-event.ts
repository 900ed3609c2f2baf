// The SQS event Lambda sends (pure): one record per message, in the Lambda event's
// lower-camel shape (reference B.5), and the view of a record filters match against
// (the body parsed when it is JSON).
import type { ReceivedMessage } from '../../services/sqs';

export interface SqsMessageAttribute {
  stringValue?: string;
  binaryValue?: string;
  stringListValues: string[];
  binaryListValues: string[];
  dataType: string;
}

export interface SqsRecord {
  messageId: string;
  receiptHandle: string;
  body: string;
  attributes: Record<string, string>;
  messageAttributes: Record<string, SqsMessageAttribute>;
  md5OfBody: string;
  md5OfMessageAttributes?: string;
  eventSource: 'aws:sqs';
  eventSourceARN: string;
  awsRegion: string;
}

/** The system attributes Lambda puts in a record (the FIFO ones only for FIFO queues, as SQS reports them). */
const RECORD_ATTRIBUTES = ['ApproximateReceiveCount', 'SentTimestamp', 'SequenceNumber', 'MessageGroupId', 'SenderId',
  'MessageDeduplicationId', 'ApproximateFirstReceiveTimestamp', 'AWSTraceHeader', 'DeadLetterQueueSourceArn'];

export function sqsRecord(m: ReceivedMessage, queueArn: string, region: string): SqsRecord {
  const attributes: Record<string, string> = {};
  for (const name of RECORD_ATTRIBUTES) {
    const v = m.Attributes?.[name];
    if (v !== undefined) attributes[name] = v;
  }
  const messageAttributes: Record<string, SqsMessageAttribute> = {};
  for (const [name, a] of Object.entries(m.MessageAttributes ?? {})) {
    messageAttributes[name] = {
      ...(a.StringValue !== undefined ? { stringValue: a.StringValue } : {}),
      ...(a.BinaryValue !== undefined ? { binaryValue: a.BinaryValue } : {}),
      stringListValues: [], binaryListValues: [], dataType: a.DataType,
    };
  }
  return {
    messageId: m.MessageId, receiptHandle: m.ReceiptHandle, body: m.Body, attributes, messageAttributes,
    md5OfBody: m.MD5OfBody, ...(m.MD5OfMessageAttributes ? { md5OfMessageAttributes: m.MD5OfMessageAttributes } : {}),
    eventSource: 'aws:sqs', eventSourceARN: queueArn, awsRegion: region,
  };
}

/** What filter patterns see: the record with its body as JSON when it parses as an object or array. */
export function filterView(r: SqsRecord): Record<string, unknown> {
  let body: unknown = r.body;
  const first = r.body.trimStart()[0];
  if (first === '{' || first === '[') {
    try { body = JSON.parse(r.body); } catch { /* a plain string */ }
  }
  return { ...r, body };
}

/** Bytes a record adds to the event payload (for the 6 MB limit). */
export const recordBytes = (r: SqsRecord): number => Buffer.byteLength(JSON.stringify(r)) + 1;
