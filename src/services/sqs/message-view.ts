// A received message as the API shows it (pure): the body and its MD5, the receipt
// handle, the system attributes asked for (all as strings) and the message attributes
// selected, with the MD5 of those returned.
import { md5OfAttributes, selectAttributes } from './message-attributes';
import type { MessageAttributes, Queue, StoredMessage } from './model';
import { encodeReceipt } from './receipt-handle';
import { sequenceNumber } from './send-message';

export interface ReceivedMessage {
  MessageId: string;
  ReceiptHandle: string;
  MD5OfBody: string;
  Body: string;
  Attributes?: Record<string, string>;
  MD5OfMessageAttributes?: string;
  MessageAttributes?: MessageAttributes;
}

export const SYSTEM_ATTRIBUTES = ['SenderId', 'SentTimestamp', 'ApproximateReceiveCount', 'ApproximateFirstReceiveTimestamp',
  'SequenceNumber', 'MessageDeduplicationId', 'MessageGroupId', 'AWSTraceHeader', 'DeadLetterQueueSourceArn'] as const;

/** The system attribute names asked for (`All` expands); names SQS does not know are ignored. */
export function systemAttributeNames(...lists: (string[] | undefined)[]): Set<string> {
  const out = new Set<string>();
  for (const n of lists.flatMap((l) => l ?? [])) {
    if (n === 'All') SYSTEM_ATTRIBUTES.forEach((a) => out.add(a));
    else if ((SYSTEM_ATTRIBUTES as readonly string[]).includes(n)) out.add(n);
  }
  return out;
}

export function receivedMessage(queue: Queue, m: StoredMessage, system: Set<string>, attributeNames: string[] | undefined): ReceivedMessage {
  const out: ReceivedMessage = {
    MessageId: m.messageId, ReceiptHandle: encodeReceipt({ qid: m.qid, seq: m.seq, token: m.receipt ?? '' }),
    MD5OfBody: m.md5OfBody, Body: m.body,
  };
  if (system.size) {
    const all: Record<string, string | undefined> = {
      SenderId: m.extras.senderId,
      SentTimestamp: String(m.sentAt),
      ApproximateReceiveCount: String(m.receiveCount),
      ApproximateFirstReceiveTimestamp: String(m.firstReceiveAt ?? m.sentAt),
      SequenceNumber: queue.fifo ? sequenceNumber(m.seq) : undefined,
      MessageDeduplicationId: queue.fifo ? m.dedupId ?? undefined : undefined,
      MessageGroupId: m.groupId ?? undefined,
      AWSTraceHeader: m.extras.traceHeader,
      DeadLetterQueueSourceArn: m.extras.deadLetterSourceArn,
    };
    const attrs: Record<string, string> = {};
    for (const n of system) if (all[n] !== undefined) attrs[n] = all[n]!;
    out.Attributes = attrs;
  }
  const selected = selectAttributes(m.extras.attributes, attributeNames);
  if (selected) {
    out.MessageAttributes = selected;
    out.MD5OfMessageAttributes = md5OfAttributes(selected);
  }
  return out;
}
