// Turning a SendMessage (or a batch entry) into a message to store, as SQS validates it:
// body characters and size (body + attributes ≤ MaximumMessageSize), delays (standard
// queues only per message), FIFO group and deduplication ids (explicit, or the body's
// SHA-256 with ContentBasedDeduplication). Shared by the API and the in-process port.
import { createHash, randomUUID } from 'node:crypto';
import { type Input, optionalInt, optionalString } from './context';
import { InvalidParameterValue, SqsError, invalidValue, missing } from './errors';
import { checkBodyCharacters, md5Hex, md5OfAttributes, messageSize, validateMessageAttributes } from './message-attributes';
import { settingsOf, type NewMessage, type Queue } from './model';
import type { Sender } from './sender';

export interface PreparedMessage {
  message: NewMessage;
  dedupKey?: string;
  md5OfMessageAttributes?: string;
  md5OfMessageSystemAttributes?: string;
}

export interface SentMessage {
  MessageId: string;
  MD5OfMessageBody: string;
  MD5OfMessageAttributes?: string;
  MD5OfMessageSystemAttributes?: string;
  SequenceNumber?: string;
}

const FIFO_ID = /^[A-Za-z0-9!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]{1,128}$/;
const NOT_FOR_QUEUE_TYPE = 'The request include parameter that is not valid for this queue type';

/** Validates one message (the SendMessage members) for a queue. */
export function prepareMessage(queue: Queue, input: Input, senderId: string): PreparedMessage {
  const settings = settingsOf(queue);
  const body = input.MessageBody;
  if (body === undefined || body === null || body === '') throw missing('MessageBody');
  if (typeof body !== 'string') throw new InvalidParameterValue('Value for parameter MessageBody is invalid. Reason: must be a string.');
  checkBodyCharacters(body);
  const attributes = validateMessageAttributes(input.MessageAttributes);
  const system = validateMessageAttributes(input.MessageSystemAttributes, true);
  if (messageSize(body, attributes) > settings.maximumMessageSize) {
    throw new InvalidParameterValue(`One or more parameters are invalid. Reason: Message must be shorter than ${settings.maximumMessageSize} bytes.`);
  }
  const delay = optionalInt(input, 'DelaySeconds');
  const groupId = optionalString(input, 'MessageGroupId') ?? null;
  let dedupId = optionalString(input, 'MessageDeduplicationId') ?? null;
  if (groupId !== null && !FIFO_ID.test(groupId)) throw invalidValue('MessageGroupId', groupId, 'MessageGroupId can only include alphanumeric and punctuation characters. 1 to 128 in length.');
  if (dedupId !== null && !FIFO_ID.test(dedupId)) throw invalidValue('MessageDeduplicationId', dedupId, 'MessageDeduplicationId can only include alphanumeric and punctuation characters. 1 to 128 in length.');
  let delayMs = settings.delaySeconds * 1000;
  let dedupKey: string | undefined;
  if (queue.fifo) {
    if (delay !== undefined && delay !== 0) throw invalidValue('DelaySeconds', delay, NOT_FOR_QUEUE_TYPE);
    if (groupId === null) throw missing('MessageGroupId');
    if (dedupId === null) {
      if (!settings.contentBasedDeduplication) {
        throw new InvalidParameterValue('The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly');
      }
      dedupId = createHash('sha256').update(body).digest('hex');
    }
    dedupKey = settings.dedupPerGroup ? `${groupId}\u0000${dedupId}` : dedupId;
  } else {
    if (dedupId !== null) throw invalidValue('MessageDeduplicationId', dedupId, NOT_FOR_QUEUE_TYPE);
    if (delay !== undefined) {
      if (delay < 0 || delay > 900) throw invalidValue('DelaySeconds', delay, 'must be between 0 and 900, if provided.');
      delayMs = delay * 1000;
    }
  }
  const extras: NewMessage['extras'] = { senderId };
  if (Object.keys(attributes).length) extras.attributes = attributes;
  if (system.AWSTraceHeader) extras.traceHeader = system.AWSTraceHeader.StringValue;
  return {
    message: { messageId: randomUUID(), body, md5OfBody: md5Hex(body), extras, delayMs, groupId, dedupId },
    dedupKey,
    md5OfMessageAttributes: md5OfAttributes(attributes),
    md5OfMessageSystemAttributes: md5OfAttributes(system),
  };
}

/** Stores prepared messages of one queue in one commit; the API's result entries in order. */
export async function sendPrepared(sender: Sender, queue: Queue, prepared: PreparedMessage[]): Promise<SentMessage[]> {
  const results = await sender.send(queue, prepared.map((p) => p.message), queue.fifo ? prepared.map((p) => p.dedupKey!) : undefined);
  return prepared.map((p, i) => {
    const out: SentMessage = { MessageId: results[i].messageId, MD5OfMessageBody: p.message.md5OfBody };
    if (p.md5OfMessageAttributes) out.MD5OfMessageAttributes = p.md5OfMessageAttributes;
    if (p.md5OfMessageSystemAttributes) out.MD5OfMessageSystemAttributes = p.md5OfMessageSystemAttributes;
    if (queue.fifo) out.SequenceNumber = sequenceNumber(results[i].seq);
    return out;
  });
}

/** FIFO SequenceNumber: a large, strictly increasing number as SQS shows them (20 digits). */
export const sequenceNumber = (seq: number): string => (10n ** 19n + BigInt(seq)).toString();

/** A failed batch entry as SQS reports it. */
export function batchFailure(id: string, err: unknown): { Id: string; SenderFault: boolean; Code: string; Message: string } {
  if (err instanceof SqsError) return { Id: id, SenderFault: err.fault === 'User', Code: err.queryCode, Message: err.message };
  throw err;
}
