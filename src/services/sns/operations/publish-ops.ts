// Publish (to a topic by TopicArn or TargetArn; to a phone number: accepted, never sent) and
// PublishBatch (up to 10 entries; an entry's problem fails that entry only).
import { randomUUID } from 'node:crypto';
import { AwsError } from '../../../kernel/aws-error';
import {
  BatchEntryIdsNotDistinctException, BatchRequestTooLongException, EmptyBatchRequestException, InvalidBatchEntryIdException,
  TooManyEntriesInBatchRequestException, invalid,
} from '../errors';
import { MAX_BATCH_ENTRIES, MAX_MESSAGE_BYTES, parseSnsArn, utf8Length } from '../model';
import { prepare, type Prepared, type PublishInput } from '../publish';
import { topicOf, type In, type SnsContext } from '../context';

const PHONE = /^\+[1-9]\d{1,14}$/;
const ENTRY_ID = /^[A-Za-z0-9_-]{1,80}$/;

export async function publish(ctx: SnsContext, i: In): Promise<unknown> {
  if (i.PhoneNumber !== undefined && i.TopicArn === undefined && i.TargetArn === undefined) {
    if (!PHONE.test(String(i.PhoneNumber))) throw invalid(`PhoneNumber Reason: ${i.PhoneNumber} is not valid to publish to`);
    if (!i.Message) throw invalid('Empty message');
    return { MessageId: randomUUID() };
  }
  const arn = i.TopicArn ?? i.TargetArn;
  if (arn === undefined) throw invalid('TopicArn or TargetArn Reason: no value for required parameter');
  if (i.TopicArn === undefined && typeof arn === 'string' && arn.includes(':endpoint/')) {
    throw invalid('TargetArn Reason: No endpoint found for the target arn specified');
  }
  if (typeof arn !== 'string' || !parseSnsArn(arn)) {
    throw invalid(`${i.TopicArn !== undefined ? 'TopicArn' : 'TargetArn'} Reason: An ARN must have at least 6 elements, not ${String(arn).split(':').length}`);
  }
  const topic = await topicOf(ctx, arn);
  const [result] = await ctx.publisher.publish(topic, [prepare(topic, i as PublishInput, ctx.clock.now())]);
  return result;
}

export async function publishBatch(ctx: SnsContext, i: In): Promise<unknown> {
  const entries = (i.PublishBatchRequestEntries ?? []) as (PublishInput & { Id: string })[];
  if (!entries.length) throw new EmptyBatchRequestException('The batch request doesn\'t contain any entries');
  if (entries.length > MAX_BATCH_ENTRIES) throw new TooManyEntriesInBatchRequestException('The batch request contains more entries than permissible.');
  const ids = new Set(entries.map((e) => e.Id));
  if (ids.size !== entries.length) throw new BatchEntryIdsNotDistinctException('Two or more batch entries in the request have the same Id.');
  if (entries.some((e) => !ENTRY_ID.test(e.Id ?? ''))) {
    throw new InvalidBatchEntryIdException('The Id of a batch entry in a batch request doesn\'t abide by the specification.');
  }
  const total = entries.reduce((n, e) => n + utf8Length(e.Message ?? ''), 0);
  if (total > MAX_MESSAGE_BYTES) throw new BatchRequestTooLongException('The length of all the messages put together is more than the limit.');
  const topic = await topicOf(ctx, i.TopicArn);
  const now = ctx.clock.now();
  const ok: { id: string; prepared: Prepared }[] = [];
  const Failed: { Id: string; Code: string; Message: string; SenderFault: boolean }[] = [];
  for (const e of entries) {
    try {
      ok.push({ id: e.Id, prepared: prepare(topic, e, now) });
    } catch (err) {
      if (!(err instanceof AwsError)) throw err;
      Failed.push({ Id: e.Id, Code: errorCode(err), Message: err.message, SenderFault: err.fault === 'User' });
    }
  }
  const results = ok.length ? await ctx.publisher.publish(topic, ok.map((o) => o.prepared)) : [];
  return { Successful: results.map((r, n) => ({ Id: ok[n].id, MessageId: r.MessageId, SequenceNumber: r.SequenceNumber })), Failed };
}

/** The wire code of an entry's error (the model's code, as in a whole-request error). */
function errorCode(err: AwsError): string {
  return ({ InvalidParameterException: 'InvalidParameter', InvalidParameterValueException: 'InvalidParameterValue' } as Record<string, string>)[err.code]
    ?? err.code.replace(/Exception$/, '');
}
