// DeleteMessage(Batch) and ChangeMessageVisibility(Batch) by receipt handle. Deleting a
// message that is gone already succeeds, as on SQS.
import { type Input, optionalInt, requiredString, type SqsContext } from '../context';
import { MessageNotInflight, invalidValue, missing } from '../errors';
import { MAX_VISIBILITY_SECONDS, type Queue } from '../model';
import { decodeReceipt } from '../receipt-handle';
import { batchFailure } from '../send-message';
import { batchEntries } from './batch';

export async function deleteMessage(ctx: SqsContext, input: Input): Promise<unknown> {
  const q = await ctx.queues.byUrl(requiredString(input, 'QueueUrl'));
  const r = decodeReceipt(requiredString(input, 'ReceiptHandle'), q.qid);
  await ctx.messages.delete(q.qid, [r.seq]);
  return {};
}

export async function deleteMessageBatch(ctx: SqsContext, input: Input): Promise<unknown> {
  const q = await ctx.queues.byUrl(requiredString(input, 'QueueUrl'));
  const entries = batchEntries(input, 'DeleteMessageBatchRequestEntry');
  const Failed: unknown[] = [];
  const Successful: { Id: string }[] = [];
  const seqs: number[] = [];
  for (const e of entries) {
    try {
      seqs.push(decodeReceipt(e.ReceiptHandle, q.qid).seq);
      Successful.push({ Id: String(e.Id) });
    } catch (err) { Failed.push(batchFailure(String(e.Id), err)); }
  }
  await ctx.messages.delete(q.qid, seqs);
  return { Successful, Failed };
}

/** Changes one message's visibility from now on; it must be in flight under this receipt. */
export async function changeVisibility(ctx: SqsContext, q: Queue, handle: unknown, seconds: number | undefined): Promise<void> {
  if (seconds === undefined) throw missing('VisibilityTimeout');
  if (seconds < 0 || seconds > MAX_VISIBILITY_SECONDS) throw invalidValue('VisibilityTimeout', seconds, `Must be >= 0 and <= ${MAX_VISIBILITY_SECONDS}, if provided.`);
  const r = decodeReceipt(handle, q.qid);
  const now = ctx.clock.now();
  if (await ctx.messages.changeVisibility(q.qid, r.seq, r.token, now + seconds * 1000, now)) {
    if (seconds === 0) ctx.arrivals.notify(q.name);
    return;
  }
  const m = await ctx.messages.get(q.qid, r.seq);
  if (m && m.receipt === r.token && m.visibleAt <= now) throw new MessageNotInflight('Message does not exist or is not available for visibility timeout change.');
  throw invalidValue('ReceiptHandle', handle, 'Message does not exist or is not available for visibility timeout change.');
}

export async function changeMessageVisibility(ctx: SqsContext, input: Input): Promise<unknown> {
  const q = await ctx.queues.byUrl(requiredString(input, 'QueueUrl'));
  await changeVisibility(ctx, q, requiredString(input, 'ReceiptHandle'), optionalInt(input, 'VisibilityTimeout'));
  return {};
}

export async function changeMessageVisibilityBatch(ctx: SqsContext, input: Input): Promise<unknown> {
  const q = await ctx.queues.byUrl(requiredString(input, 'QueueUrl'));
  const entries = batchEntries(input, 'ChangeMessageVisibilityBatchRequestEntry');
  const Failed: unknown[] = [];
  const Successful: { Id: string }[] = [];
  for (const e of entries) {
    try {
      await changeVisibility(ctx, q, e.ReceiptHandle, optionalInt(e, 'VisibilityTimeout'));
      Successful.push({ Id: String(e.Id) });
    } catch (err) { Failed.push(batchFailure(String(e.Id), err)); }
  }
  return { Successful, Failed };
}
