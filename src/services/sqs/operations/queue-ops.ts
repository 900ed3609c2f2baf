// Queue lifecycle: CreateQueue (idempotent for equal attributes), GetQueueUrl, ListQueues,
// DeleteQueue, PurgeQueue, ListDeadLetterSourceQueues.
import { type Call, type Input, optionalInt, optionalString, requiredString, type SqsContext, stringMap } from '../context';
import { InvalidParameterValue, PurgeQueueInProgress, QueueNameExists, invalidValue } from '../errors';
import { settingsOf, type Queue } from '../model';
import { DEFAULTS, FIFO_DEFAULTS, redriveAllowed, validateQueueAttributes } from '../queue-attributes';
import { validateTags } from './queue-attribute-ops';

const NAME = /^[A-Za-z0-9_-]{1,80}$/;
const FIFO_NAME_MESSAGE = 'The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.';

export async function createQueue(ctx: SqsContext, input: Input, call: Call): Promise<unknown> {
  const name = requiredString(input, 'QueueName');
  const given = stringMap(input, 'Attributes');
  const fifo = given.FifoQueue === 'true';
  if (given.FifoQueue === 'false' && !name.endsWith('.fifo')) delete given.FifoQueue;
  if (fifo || name.endsWith('.fifo')) {
    if (!fifo || !name.endsWith('.fifo') || !NAME.test(name.slice(0, -5)) || name.length > 80) throw new InvalidParameterValue(FIFO_NAME_MESSAGE);
  } else if (!NAME.test(name)) {
    throw new InvalidParameterValue('Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length');
  }
  const attributes = validateQueueAttributes(given, { fifo, creating: true, ...ctx.queues.account });
  const tags = validateTags(stringMap(input, 'tags'));
  const existing = await ctx.queues.find(name);
  if (existing) return { QueueUrl: sameOrThrow(existing, attributes, ctx, call) };
  await checkRedrive(ctx, ctx.queues.arnOf(name), attributes);
  const all = { ...DEFAULTS, ...(fifo ? FIFO_DEFAULTS : {}), ...attributes };
  const { queue, created } = await ctx.queues.create(name, fifo, all, tags);
  if (!created) return { QueueUrl: sameOrThrow(queue, attributes, ctx, call) };
  return { QueueUrl: ctx.queues.urlOf(call.endpoint, queue.name) };
}

function sameOrThrow(q: Queue, attributes: Record<string, string>, ctx: SqsContext, call: Call): string {
  const differing = Object.keys(attributes).filter((k) => (q.attributes[k] ?? '') !== attributes[k]);
  if (differing.length) throw new QueueNameExists(`A queue already exists with the same name and a different value for attribute(s) ${differing.join(', ')}`);
  return ctx.queues.urlOf(call.endpoint, q.name);
}

/** A RedrivePolicy must name an existing queue whose RedriveAllowPolicy admits this one. */
export async function checkRedrive(ctx: SqsContext, sourceArn: string, attributes: Record<string, string>): Promise<void> {
  if (!attributes.RedrivePolicy) return;
  const policy = settingsOf({ attributes } as Queue).redrive!;
  const dlq = await ctx.queues.byArn(policy.deadLetterTargetArn).catch(() => undefined);
  const bad = (why: string) => invalidValue('RedrivePolicy', attributes.RedrivePolicy, why);
  if (!dlq) throw bad('Dead letter target does not exist.');
  if (!redriveAllowed(dlq.attributes, sourceArn)) throw bad('Queue ' + sourceArn + ' does not have permission to use ' + dlq.arn + ' as dead letter queue.');
}

export async function getQueueUrl(ctx: SqsContext, input: Input, call: Call): Promise<unknown> {
  const q = await ctx.queues.byName(requiredString(input, 'QueueName'));
  return { QueueUrl: ctx.queues.urlOf(call.endpoint, q.name) };
}

/** Pages of names: NextToken is the last name given, base64. */
function page(input: Input): { limit: number | undefined; after: string } {
  const limit = optionalInt(input, 'MaxResults');
  if (limit !== undefined && (limit < 1 || limit > 1000)) throw invalidValue('MaxResults', limit, 'MaxResults must be an integer between 1 and 1000.');
  const token = optionalString(input, 'NextToken');
  let after = '';
  if (token) {
    after = Buffer.from(token, 'base64').toString('utf8');
    if (!after.startsWith('n:')) throw new InvalidParameterValue('Invalid NextToken value.');
    after = after.slice(2);
  }
  return { limit, after };
}
const tokenAfter = (name: string) => Buffer.from(`n:${name}`).toString('base64');

export async function listQueues(ctx: SqsContext, input: Input, call: Call): Promise<unknown> {
  const prefix = optionalString(input, 'QueueNamePrefix') ?? '';
  const { limit, after } = page(input);
  const queues = await ctx.queues.store.list(prefix, after, (limit ?? 1000) + 1);
  const shown = queues.slice(0, limit ?? 1000);
  const out: Record<string, unknown> = {};
  if (shown.length) out.QueueUrls = shown.map((q) => ctx.queues.urlOf(call.endpoint, q.name));
  if (limit !== undefined && queues.length > limit) out.NextToken = tokenAfter(shown[shown.length - 1].name);
  return out;
}

export async function deleteQueue(ctx: SqsContext, input: Input): Promise<unknown> {
  const q = await ctx.queues.byUrl(requiredString(input, 'QueueUrl'));
  await ctx.queues.delete(q);
  return {};
}

export async function purgeQueue(ctx: SqsContext, input: Input): Promise<unknown> {
  const q = await ctx.queues.byUrl(requiredString(input, 'QueueUrl'));
  if (!(await ctx.queues.store.purge(q, ctx.clock.now()))) {
    throw new PurgeQueueInProgress(`Only one PurgeQueue operation on ${q.name} is allowed every 60 seconds.`);
  }
  return {};
}

export async function listDeadLetterSourceQueues(ctx: SqsContext, input: Input, call: Call): Promise<unknown> {
  const dlq = await ctx.queues.byUrl(requiredString(input, 'QueueUrl'));
  const { limit, after } = page(input);
  const sources = (await ctx.queues.store.all())
    .filter((q) => q.name > after && settingsOf(q).redrive?.deadLetterTargetArn === dlq.arn);
  const shown = sources.slice(0, limit ?? 1000);
  const out: Record<string, unknown> = { queueUrls: shown.map((q) => ctx.queues.urlOf(call.endpoint, q.name)) };
  if (limit !== undefined && sources.length > limit) out.NextToken = tokenAfter(shown[shown.length - 1].name);
  return out;
}
