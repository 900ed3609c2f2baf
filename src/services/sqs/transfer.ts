// Moving messages between queues in one transaction (dead-lettering on receive, message
// move tasks): inserted into the target with new sequence numbers, the same MessageId,
// body and attributes, then deleted from the source.
import type { MessageStore } from './message-store';
import type { MessageExtras, Queue, StoredMessage } from './model';

export interface TransferOptions {
  now: number;
  /** Dead-lettering keeps the receive count; a move back starts it again. */
  keepReceiveCount: boolean;
  extras: (m: StoredMessage) => MessageExtras;
}

/** False when the target queue is gone (nothing moved). */
export async function transfer(messages: MessageStore, from: Queue, rows: StoredMessage[], to: Queue, o: TransferOptions): Promise<boolean> {
  if (rows.length === 0) return true;
  return messages.transaction(async (tx) => {
    const first = await messages.allocate(tx, to.qid, rows.length);
    if (first === undefined) return false;
    await messages.insert(tx, to.qid, rows.map((m, i) => ({
      seq: first + i,
      message: { messageId: m.messageId, body: m.body, md5OfBody: m.md5OfBody, extras: o.extras(m), delayMs: 0,
        groupId: m.groupId, dedupId: m.dedupId },
      // Standard queues keep the original enqueue time (retention counts from it); FIFO queues reset it.
      sentAt: to.fifo ? o.now : m.sentAt,
      visibleAt: o.now,
      receiveCount: o.keepReceiveCount ? Math.max(0, m.receiveCount - 1) : 0,
      firstReceiveAt: o.keepReceiveCount ? m.firstReceiveAt : null,
    })));
    await messages.deleteIn(tx, from.qid, rows.map((m) => m.seq));
    return true;
  });
}
