// StartMessageMoveTask, ListMessageMoveTasks, CancelMessageMoveTask.
import { type Input, optionalInt, optionalString, requiredString, type SqsContext } from '../context';
import { InvalidParameterValue, ResourceNotFoundException, invalidValue } from '../errors';
import { settingsOf } from '../model';

const notFound = (member: string) => new ResourceNotFoundException(`The resource that you specified for the ${member} parameter doesn't exist.`);

export async function startMessageMoveTask(ctx: SqsContext, input: Input): Promise<unknown> {
  const sourceArn = requiredString(input, 'SourceArn');
  const source = await ctx.queues.byArn(sourceArn).catch(() => { throw notFound('SourceArn'); });
  const destinationArn = optionalString(input, 'DestinationArn') ?? null;
  if (destinationArn !== null) await ctx.queues.byArn(destinationArn).catch(() => { throw notFound('DestinationArn'); });
  const rate = optionalInt(input, 'MaxNumberOfMessagesPerSecond') ?? null;
  if (rate !== null && (rate < 1 || rate > 500)) throw invalidValue('MaxNumberOfMessagesPerSecond', rate, 'Must be between 1 and 500.');
  const isDlq = (await ctx.queues.store.all()).some((q) => settingsOf(q).redrive?.deadLetterTargetArn === source.arn);
  if (!isDlq) throw new InvalidParameterValue('Source queue must be configured as a Dead Letter Queue.');
  const active = await ctx.queues.store.tasks(source.arn, 10);
  if (active.some((t) => t.status === 'RUNNING' || t.status === 'CANCELLING')) {
    throw new InvalidParameterValue('There is already a task running. Only one active task is allowed for a source queue arn at a given time.');
  }
  const task = await ctx.tasks.start(source, destinationArn, rate);
  return { TaskHandle: task.taskHandle };
}

export async function listMessageMoveTasks(ctx: SqsContext, input: Input): Promise<unknown> {
  const sourceArn = requiredString(input, 'SourceArn');
  await ctx.queues.byArn(sourceArn).catch(() => { throw notFound('SourceArn'); });
  const max = optionalInt(input, 'MaxResults') ?? 1;
  if (max < 1 || max > 10) throw invalidValue('MaxResults', max, 'Must be between 1 and 10.');
  const tasks = await ctx.queues.store.tasks(sourceArn, max);
  return {
    Results: tasks.map((t) => {
      const running = t.status === 'RUNNING';
      return {
        ...(running ? { TaskHandle: t.taskHandle } : {}), Status: t.status, SourceArn: t.sourceArn,
        ...(t.destinationArn ? { DestinationArn: t.destinationArn } : {}),
        ...(t.maxPerSecond ? { MaxNumberOfMessagesPerSecond: t.maxPerSecond } : {}),
        ApproximateNumberOfMessagesMoved: t.moved,
        ...(running ? { ApproximateNumberOfMessagesToMove: t.toMove } : {}),
        ...(t.failureReason ? { FailureReason: t.failureReason } : {}),
        StartedTimestamp: t.startedAt,
      };
    }),
  };
}

export async function cancelMessageMoveTask(ctx: SqsContext, input: Input): Promise<unknown> {
  const handle = requiredString(input, 'TaskHandle');
  const task = await ctx.queues.store.task(handle);
  if (!task) throw notFound('TaskHandle');
  if (task.status !== 'RUNNING') throw new InvalidParameterValue('Only active tasks can be cancelled.');
  const ended = await ctx.tasks.cancel(task);
  return { ApproximateNumberOfMessagesMoved: ended.moved };
}
