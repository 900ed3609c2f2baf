// The in-process SQS interface for the rest of Nimbus (SNS delivery, Lambda destinations
// and DLQs, the SQS event-source poller): queues by ARN, the same validation and errors
// (AwsErrors such as QueueDoesNotExist) as the API, results in the API's shapes.
import type { SqsContext } from './context';
import { ReceiptHandleIsInvalid } from './errors';
import type { MessageAttributes } from './model';
import { receivedMessage, systemAttributeNames, type ReceivedMessage } from './message-view';
import { changeVisibility } from './operations/delete-ops';
import { getQueueAttributes } from './operations/queue-attribute-ops';
import { decodeReceipt } from './receipt-handle';
import { prepareMessage, sendPrepared, type SentMessage } from './send-message';
import { settingsOf } from './model';

export type { ReceivedMessage } from './message-view';
export type { SentMessage } from './send-message';

export interface SqsSendInput {
  body: string;
  messageAttributes?: MessageAttributes;
  messageGroupId?: string;
  messageDeduplicationId?: string;
  /** Standard queues only, as in the API. */
  delaySeconds?: number;
}

export interface SqsReceiveOptions {
  /** 1–10. */
  max: number;
  /** The queue's VisibilityTimeout when absent. */
  visibilityTimeoutS?: number;
  /** Long polling: wait up to this long for a first message (0 when absent; at most 20 s). */
  waitMs?: number;
  /** Ends the long poll early, claiming nothing more (a poller that stops). */
  signal?: AbortSignal;
  /** System attribute names (`All` when absent). */
  attributeNames?: string[];
  /** Message attribute names or `prefix.*` (`All` when absent). */
  messageAttributeNames?: string[];
}

export interface SqsPort {
  sendMessage(queueArn: string, input: SqsSendInput): Promise<SentMessage>;
  receiveMessages(queueArn: string, options: SqsReceiveOptions): Promise<ReceivedMessage[]>;
  /** Deletes by receipt handle; malformed handles are reported, messages already gone are not. */
  deleteMessages(queueArn: string, receiptHandles: string[]): Promise<{ failed: { receiptHandle: string; message: string }[] }>;
  changeVisibility(queueArn: string, receiptHandle: string, seconds: number): Promise<void>;
  /** Every attribute as GetQueueAttributes `All` reports it. */
  queueAttributes(queueArn: string): Promise<Record<string, string>>;
  /**
   * Calls `listener` after each committed send to the queue (by ARN; the queue need not
   * exist yet). Delayed messages and expired visibility timeouts do not call it: use
   * receiveMessages with waitMs, which wakes for those too. Returns the unsubscribe.
   */
  onArrival(queueArn: string, listener: () => void): () => void;
}

export function createSqsPort(ctx: SqsContext): SqsPort {
  const { queues } = ctx;
  return {
    async sendMessage(queueArn, input) {
      const q = await queues.byArn(queueArn);
      const prepared = prepareMessage(q, {
        MessageBody: input.body, MessageAttributes: input.messageAttributes, MessageGroupId: input.messageGroupId,
        MessageDeduplicationId: input.messageDeduplicationId, DelaySeconds: input.delaySeconds,
      }, queues.account.accountId);
      return (await sendPrepared(ctx.sender, q, [prepared]))[0];
    },
    async receiveMessages(queueArn, o) {
      const q = await queues.byArn(queueArn);
      const messages = await ctx.receiver.receive(q, {
        max: Math.min(10, Math.max(1, o.max)), visibilitySeconds: o.visibilityTimeoutS ?? settingsOf(q).visibilitySeconds,
        waitMs: Math.min(20_000, Math.max(0, o.waitMs ?? 0)), signal: o.signal,
      });
      const system = systemAttributeNames(o.attributeNames ?? ['All']);
      return messages.map((m) => receivedMessage(q, m, system, o.messageAttributeNames ?? ['All']));
    },
    async deleteMessages(queueArn, handles) {
      const q = await queues.byArn(queueArn);
      const failed: { receiptHandle: string; message: string }[] = [];
      const seqs: number[] = [];
      for (const h of handles) {
        try { seqs.push(decodeReceipt(h, q.qid).seq); } catch (e) {
          if (!(e instanceof ReceiptHandleIsInvalid)) throw e;
          failed.push({ receiptHandle: h, message: e.message });
        }
      }
      await ctx.messages.delete(q.qid, seqs);
      return { failed };
    },
    async changeVisibility(queueArn, handle, seconds) {
      await changeVisibility(ctx, await queues.byArn(queueArn), handle, seconds);
    },
    async queueAttributes(queueArn) {
      const q = await queues.byArn(queueArn);
      const r = (await getQueueAttributes(ctx, { QueueUrl: q.name, AttributeNames: ['All'] })) as { Attributes: Record<string, string> };
      return r.Attributes;
    },
    onArrival(queueArn, listener) {
      const name = queueArn.slice(queueArn.lastIndexOf(':') + 1);
      return ctx.arrivals.subscribe(name, listener);
    },
  };
}
