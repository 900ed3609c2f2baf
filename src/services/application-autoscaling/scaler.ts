// The moving part: one timer per scheduled action on the injected Clock, firings that
// change a target's min/max and push its clamped capacity through the port, and start-up
// that applies firings missed while Nimbus was down (oldest first) before re-arming.
// Every change runs in one queue, so operations and firings never interleave.
import type { Clock, TimerHandle } from '../../kernel/clock';
import { fire, parseLambdaResourceId, type ScalableTarget, type ScheduledAction, type TargetKey } from './model';
import type { ProvisionedConcurrencyPort } from './port';
import { nextFire, parseSchedule } from './schedule';
import type { ScalingStore } from './store';

/** Longest single timer; later firings re-arm on wake (setTimeout caps at ~24.8 days). */
const MAX_TIMER_MS = 24 * 3_600_000;

const actionId = (a: TargetKey & { name: string }) => JSON.stringify([a.namespace, a.resourceId, a.dimension, a.name]);

export class Scaler {
  private timers = new Map<string, TimerHandle>();
  private queue: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(readonly store: ScalingStore, readonly clock: Clock, private port: ProvisionedConcurrencyPort,
    private log: (m: string) => void) {}

  /** Runs `fn` after every change queued before it. */
  serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Resolves once every queued change (operations, firings) is done. */
  async settled(): Promise<void> {
    for (let q = this.queue; ; q = this.queue) {
      await q;
      if (q === this.queue) return;
    }
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.serial(async () => {
      for (const a of await this.store.pendingActions()) {
        if (a.nextAt !== null && a.nextAt <= this.clock.now()) await this.fireNow(a, a.nextAt);
        else this.arm(a);
      }
    });
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers.values()) t.cancel();
    this.timers.clear();
  }

  /** Sets the target's capacity through the port when it differs from `before` (always when undefined). */
  async pushCapacity(target: ScalableTarget, before: number | undefined): Promise<void> {
    if (before === target.capacity) return;
    const fn = parseLambdaResourceId(target.resourceId);
    if (fn) await this.port.setProvisionedConcurrency(fn.functionName, fn.qualifier, target.capacity);
  }

  /** The first firing of an action from now, as Put stores it. */
  firstFiring(a: ScheduledAction): number | null {
    const parsed = parseSchedule(a.schedule);
    if (!parsed.ok) return null;
    return nextFire(parsed.schedule, { after: this.clock.now(), createdAt: a.createdAt, startTime: a.startTime,
      endTime: a.endTime, timezone: a.timezone });
  }

  /** (Re)arms an action's timer for its nextAt; none when it has no more firings. */
  arm(a: ScheduledAction): void {
    this.disarm(a);
    if (this.stopped || a.nextAt === null) return;
    const id = actionId(a);
    const due = a.nextAt;
    const wait = due - this.clock.now();
    const handle = this.clock.setTimer(Math.min(wait, MAX_TIMER_MS), () => {
      this.timers.delete(id);
      if (wait > MAX_TIMER_MS) { this.arm(a); return; }
      void this.serial(async () => {
        const current = await this.store.action(a, a.name);
        if (current && current.nextAt === due) await this.fireNow(current, due);
      }).catch((e) => this.log(`scheduled action ${a.name} on ${a.resourceId} failed: ${(e as Error)?.stack ?? e}`));
    });
    this.timers.set(id, handle);
  }

  disarm(a: TargetKey & { name: string }): void {
    const id = actionId(a);
    this.timers.get(id)?.cancel();
    this.timers.delete(id);
  }

  disarmTarget(k: TargetKey): void {
    const prefix = actionId({ ...k, name: '' }).slice(0, -3);
    for (const [id, t] of this.timers) if (id.startsWith(prefix)) { t.cancel(); this.timers.delete(id); }
  }

  /** Applies the firing due at `due` (once: claimed in SQL), then arms the next one. */
  private async fireNow(a: ScheduledAction, due: number): Promise<void> {
    const parsed = parseSchedule(a.schedule);
    const next = parsed.ok ? nextFire(parsed.schedule, { after: Math.max(due, this.clock.now()), createdAt: a.createdAt,
      startTime: a.startTime, endTime: a.endTime, timezone: a.timezone }) : null;
    if (!await this.store.claimFiring(a, a.name, due, next)) return;
    const target = await this.store.target(a);
    if (target) {
      const outcome = fire(target, a);
      if (outcome.kind === 'skip') this.log(`scheduled action ${a.name} on ${a.resourceId} skipped: ${outcome.reason}`);
      else {
        try {
          await this.pushCapacity(outcome.target, target.capacity);
          await this.store.putTarget(outcome.target);
        } catch (e) {
          this.log(`scheduled action ${a.name} on ${a.resourceId} failed to scale: ${(e as Error)?.message ?? e}`);
          await this.store.putTarget({ ...outcome.target, capacity: target.capacity });
        }
      }
    }
    this.arm({ ...a, nextAt: next });
  }
}
