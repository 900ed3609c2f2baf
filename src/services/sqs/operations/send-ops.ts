// SendMessage and SendMessageBatch: batch-level checks fail the request, entry-level ones
// fail only their entry; the valid entries are stored in one commit.
import { type Input, requiredString, type SqsContext } from '../context';
import { BatchRequestTooLong } from '../errors';
import { messageSize } from '../message-attributes';
import { MAX_MESSAGE_BYTES } from '../model';
import { batchFailure, prepareMessage, sendPrepared, type PreparedMessage } from '../send-message';
import { batchEntries } from './batch';

export async function sendMessage(ctx: SqsContext, input: Input): Promise<unknown> {
  const q = await ctx.queues.byUrl(requiredString(input, 'QueueUrl'));
  const prepared = prepareMessage(q, input, ctx.queues.account.accountId);
  return (await sendPrepared(ctx.sender, q, [prepared]))[0];
}

export async function sendMessageBatch(ctx: SqsContext, input: Input): Promise<unknown> {
  const q = await ctx.queues.byUrl(requiredString(input, 'QueueUrl'));
  const entries = batchEntries(input, 'SendMessageBatchRequestEntry');
  let total = 0;
  for (const e of entries) {
    if (typeof e.MessageBody === 'string') total += messageSize(e.MessageBody, (e.MessageAttributes ?? {}) as never);
  }
  if (total > MAX_MESSAGE_BYTES) {
    throw new BatchRequestTooLong(`Batch requests cannot be longer than ${MAX_MESSAGE_BYTES} bytes. You have sent ${total} bytes.`);
  }
  const Failed: unknown[] = [];
  const ok: { id: string; p: PreparedMessage }[] = [];
  for (const e of entries) {
    try { ok.push({ id: String(e.Id), p: prepareMessage(q, e, ctx.queues.account.accountId) }); } catch (err) { Failed.push(batchFailure(String(e.Id), err)); }
  }
  const sent = ok.length ? await sendPrepared(ctx.sender, q, ok.map((o) => o.p)) : [];
  return { Successful: sent.map((s, i) => ({ Id: ok[i].id, ...s })), Failed };
}
