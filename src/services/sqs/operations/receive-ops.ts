// ReceiveMessage: up to 10 messages, long polling up to 20 s (the request's
// WaitTimeSeconds, else the queue's ReceiveMessageWaitTimeSeconds), the visibility
// timeout of the request or the queue.
import { type Input, optionalInt, requiredString, type SqsContext, stringList } from '../context';
import { invalidValue } from '../errors';
import { receivedMessage, systemAttributeNames } from '../message-view';
import { MAX_VISIBILITY_SECONDS, MAX_WAIT_SECONDS, settingsOf } from '../model';

export async function receiveMessage(ctx: SqsContext, input: Input): Promise<unknown> {
  const q = await ctx.queues.byUrl(requiredString(input, 'QueueUrl'));
  const settings = settingsOf(q);
  const max = optionalInt(input, 'MaxNumberOfMessages') ?? 1;
  if (max < 1 || max > 10) throw invalidValue('MaxNumberOfMessages', max, 'Must be between 1 and 10, if provided.');
  const visibility = optionalInt(input, 'VisibilityTimeout') ?? settings.visibilitySeconds;
  if (visibility < 0 || visibility > MAX_VISIBILITY_SECONDS) throw invalidValue('VisibilityTimeout', visibility, `Must be >= 0 and <= ${MAX_VISIBILITY_SECONDS}, if provided.`);
  const wait = optionalInt(input, 'WaitTimeSeconds') ?? settings.receiveWaitSeconds;
  if (wait < 0 || wait > MAX_WAIT_SECONDS) throw invalidValue('WaitTimeSeconds', wait, `Must be >= 0 and <= ${MAX_WAIT_SECONDS}, if provided.`);
  const system = systemAttributeNames(stringList(input, 'AttributeNames'), stringList(input, 'MessageSystemAttributeNames'));
  const attributeNames = stringList(input, 'MessageAttributeNames');
  const messages = await ctx.receiver.receive(q, { max, visibilitySeconds: visibility, waitMs: wait * 1000 });
  if (messages.length === 0) return {};
  return { Messages: messages.map((m) => receivedMessage(q, m, system, attributeNames)) };
}
