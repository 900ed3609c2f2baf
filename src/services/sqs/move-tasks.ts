// Message move tasks (DLQ redrive): move a dead-letter queue's messages back to the queue
// each came from (or to one destination), optionally at most N per second. A task's
// status is a small state machine; the task row is kept in SQL, so a restart resumes it.
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../kernel/clock';
import type { Arrivals } from './arrivals';
import type { MessageStore } from './message-store';
import { settingsOf, type Queue, type StoredMessage } from './model';
import type { Queues } from './queues';
import type { MoveTask, MoveTaskStatus, QueueStore } from './store';
import { transfer } from './transfer';

const TRANSITIONS: Record<MoveTaskStatus, MoveTaskStatus[]> = {
  RUNNING: ['COMPLETED', 'CANCELLING', 'FAILED'],
  CANCELLING: ['CANCELLED', 'COMPLETED', 'FAILED'],
  COMPLETED: [], CANCELLED: [], FAILED: [],
};

export function transition(t: MoveTask, to: MoveTaskStatus, failureReason?: string): MoveTask {
  if (!TRANSITIONS[t.status].includes(to)) throw new Error(`illegal move task transition ${t.status} → ${to}`);
  return { ...t, status: to, failureReason: failureReason ?? t.failureReason };
}

export class MoveTasks {
  private cancelRequested = new Set<string>();
  private running = new Map<string, Promise<void>>();
  private stopped = false;

  constructor(private readonly store: QueueStore, private readonly messages: MessageStore, private readonly queues: Queues,
    private readonly clock: Clock, private readonly arrivals: Arrivals) {}

  /** Resumes tasks a previous run left running. */
  async resume(): Promise<void> {
    for (const t of await this.store.runningTasks()) this.run(t);
  }

  stop(): void { this.stopped = true; }

  async start(source: Queue, destinationArn: string | null, maxPerSecond: number | null): Promise<MoveTask> {
    const now = this.clock.now();
    const c = await this.messages.counts(source.qid, now, now - settingsOf(source).retentionMs);
    const task: MoveTask = {
      taskHandle: Buffer.from(JSON.stringify({ taskId: randomUUID(), sourceArn: source.arn })).toString('base64'),
      sourceArn: source.arn, destinationArn, maxPerSecond, status: 'RUNNING', startedAt: now, moved: 0,
      toMove: c.visible, failureReason: null,
    };
    await this.store.putTask(task);
    this.run(task);
    return task;
  }

  /** Asks a running task to stop; resolves with the task as it ended. */
  async cancel(t: MoveTask): Promise<MoveTask> {
    this.cancelRequested.add(t.taskHandle);
    const run = this.running.get(t.taskHandle);
    if (run) await run;
    else await this.store.putTask(transition(t, 'CANCELLED'));
    return (await this.store.task(t.taskHandle)) ?? t;
  }

  private run(task: MoveTask): void {
    const p = this.loop(task).catch(async (err) => {
      const current = (await this.store.task(task.taskHandle)) ?? task;
      if (current.status === 'RUNNING' || current.status === 'CANCELLING') await this.store.putTask(transition(current, 'FAILED', String(err)));
    }).finally(() => this.running.delete(task.taskHandle));
    this.running.set(task.taskHandle, p);
  }

  private async loop(initial: MoveTask): Promise<void> {
    let t = initial;
    const source = await this.queues.byArn(t.sourceArn);
    const batchSize = t.maxPerSecond ?? 100;
    for (;;) {
      if (this.stopped) return;
      if (this.cancelRequested.delete(t.taskHandle)) { await this.store.putTask(transition(t, 'CANCELLED')); return; }
      const batch = await this.messages.visible(source.qid, this.clock.now(), Math.min(batchSize, Math.max(1, t.toMove - t.moved)));
      if (batch.length === 0 || t.moved >= t.toMove) { await this.store.putTask(transition(t, 'COMPLETED')); return; }
      const byTarget = new Map<string, StoredMessage[]>();
      for (const m of batch) {
        const target = t.destinationArn ?? m.extras.deadLetterSourceArn;
        if (!target) { await this.store.putTask(transition(t, 'FAILED', 'The message has no source queue to move back to.')); return; }
        byTarget.set(target, [...(byTarget.get(target) ?? []), m]);
      }
      for (const [arn, rows] of byTarget) {
        const target = await this.queues.byArn(arn).catch(() => undefined);
        if (!target || !(await transfer(this.messages, source, rows, target, {
          now: this.clock.now(), keepReceiveCount: false,
          extras: ({ extras: { deadLetterSourceArn: _, ...rest } }) => rest,
        }))) {
          await this.store.putTask(transition(t, 'FAILED', `Destination queue ${arn} does not exist.`));
          return;
        }
        this.arrivals.notify(target.name);
        t = { ...t, moved: t.moved + rows.length };
      }
      await this.store.putTask(t);
      if (t.maxPerSecond) await new Promise<void>((r) => this.clock.setTimer(1000, r));
      else await new Promise<void>((r) => setImmediate(r));
    }
  }
}
