// Asynchronous invocation (InvocationType Event, and every asynchronous source): the event is
// stored before it is acknowledged, then run by this queue, retried as retry-policy.ts
// decides, and its outcome sent to the configured destinations and dead-letter queue.
// Events due now run in arrival order, at most `maxInFlight` at a time; retries wait in
// time order. A restart resumes every stored event.
import type { Clock, TimerHandle } from '../kernel/clock';
import type { Destinations } from './destinations';
import type { EventInvokeConfigs } from './event-invoke-config';
import type { AsyncEvent, EventStore } from './event-store';
import { deadLetterAttributes, invocationRecord, type RecordCondition } from './invocation-record';
import { expired, nextStep, type AttemptOutcome } from './retry-policy';

/** One attempt's answer from the function. */
export interface AttemptResult { ok: boolean; payload: Buffer; executedVersion: string; functionArn: string }

export interface AsyncRunner {
  /** Runs one attempt of `e`; resolves with its result, or throws `gone` (the function was
   * deleted), or any other error, which counts as a throttle or system error and is retried. */
  runEvent(e: AsyncEvent): Promise<AttemptResult>;
  /** Whether an error from runEvent means the function no longer exists. */
  isGone(err: unknown): boolean;
  /** Whether an error from runEvent is a throttle. */
  isThrottle(err: unknown): boolean;
  /** The function's dead-letter target, if it has one. */
  deadLetterTarget(e: AsyncEvent): Promise<string | undefined>;
  /** The ARN the event invoked, with its qualifier (`...:function:name:$LATEST`). */
  qualifiedArn(e: AsyncEvent): string;
}

export interface AsyncInvocationsDeps {
  store: EventStore;
  configs: EventInvokeConfigs;
  destinations: Destinations;
  runner: AsyncRunner;
  clock: Clock;
  log: (message: string) => void;
  maxInFlight?: number;
}

export class AsyncInvocations {
  private ready: AsyncEvent[] = [];
  private later: AsyncEvent[] = [];
  private timer?: TimerHandle;
  private timerAt = Infinity;
  private inFlight = 0;
  private stopped = false;
  private readonly maxInFlight: number;

  constructor(private readonly deps: AsyncInvocationsDeps) {
    this.maxInFlight = deps.maxInFlight ?? 100;
  }

  /** Resumes the events a previous run left. */
  async start(): Promise<void> {
    for (const e of await this.deps.store.pending()) this.schedule(e);
  }

  /** Stores the event (resolves once committed) and queues it. */
  async accept(e: Pick<AsyncEvent, 'requestId' | 'functionName' | 'qualifier' | 'payload'>): Promise<void> {
    const now = this.deps.clock.now();
    const event: AsyncEvent = { ...e, receivedAt: now, dueAt: now, attempts: 0, throttles: 0 };
    await this.deps.store.add(event);
    this.schedule(event);
  }

  stop(): void {
    this.stopped = true;
    this.timer?.cancel();
  }

  /** Events waiting or running (tests, metrics). */
  size(): number {
    return this.ready.length + this.later.length + this.inFlight;
  }

  private schedule(e: AsyncEvent): void {
    if (this.stopped) return;
    if (e.dueAt <= this.deps.clock.now()) {
      this.ready.push(e);
      this.pump();
      return;
    }
    let i = this.later.length;
    while (i > 0 && this.later[i - 1].dueAt > e.dueAt) i--;
    this.later.splice(i, 0, e);
    this.arm();
  }

  private arm(): void {
    const next = this.later[0]?.dueAt ?? Infinity;
    if (next >= this.timerAt) return;
    this.timer?.cancel();
    this.timerAt = next;
    if (next === Infinity) return;
    this.timer = this.deps.clock.setTimer(next - this.deps.clock.now(), () => {
      this.timerAt = Infinity;
      const now = this.deps.clock.now();
      while (this.later.length > 0 && this.later[0].dueAt <= now) this.ready.push(this.later.shift()!);
      this.pump();
      this.arm();
    });
  }

  private pump(): void {
    while (!this.stopped && this.inFlight < this.maxInFlight && this.ready.length > 0) {
      const e = this.ready.shift()!;
      this.inFlight++;
      void this.attempt(e).catch((err) => this.deps.log(`async event ${e.requestId} of ${e.functionName}: ${String(err)}`))
        .finally(() => { this.inFlight--; this.pump(); });
    }
  }

  private async attempt(e: AsyncEvent): Promise<void> {
    const { clock, runner, configs } = this.deps;
    const retry = configs.retryFor(e.functionName, e.qualifier);
    if (expired(e, retry, clock.now())) return this.fail(e, 'EventAgeExceeded', e.attempts);
    let outcome: AttemptOutcome;
    let result: AttemptResult | undefined;
    try {
      result = await runner.runEvent(e);
      outcome = result.ok ? 'success' : 'function-error';
    } catch (err) {
      if (runner.isGone(err)) {
        this.deps.log(`async event ${e.requestId} dropped: function ${e.functionName} no longer exists`);
        return this.deps.store.remove(e.requestId);
      }
      outcome = runner.isThrottle(err) ? 'throttled' : 'system-error';
    }
    const step = nextStep(e, outcome, retry, clock.now());
    if (step.action === 'retry') {
      const next = { ...e, ...step.progress, dueAt: step.at };
      await this.deps.store.reschedule(next);
      return this.schedule(next);
    }
    const invokes = step.action === 'done' ? e.attempts + 1 : step.progress.attempts;
    if (step.action === 'done') await this.succeed(e, result!, invokes);
    else await this.fail(e, step.condition, invokes, result);
  }

  private async succeed(e: AsyncEvent, result: AttemptResult, invokes: number): Promise<void> {
    const target = this.deps.configs.get(e.functionName, e.qualifier ?? '$LATEST')?.onSuccess;
    if (target) await this.deliver(target, this.record(e, 'Success', invokes, result));
    await this.deps.store.remove(e.requestId);
  }

  private async fail(e: AsyncEvent, condition: RecordCondition, invokes: number, last?: AttemptResult): Promise<void> {
    const target = this.deps.configs.get(e.functionName, e.qualifier ?? '$LATEST')?.onFailure;
    if (target) await this.deliver(target, this.record(e, condition, invokes, last));
    const dlq = await this.deps.runner.deadLetterTarget(e).catch(() => undefined);
    if (dlq) await this.deliver(dlq, e.payload, deadLetterAttributes(e.requestId, last?.payload.toString('utf8')));
    if (!target && !dlq) this.deps.log(`async event ${e.requestId} of ${e.functionName} failed: ${condition}`);
    await this.deps.store.remove(e.requestId);
  }

  private record(e: AsyncEvent, condition: RecordCondition, invokes: number, r?: AttemptResult): string {
    return invocationRecord({ requestId: e.requestId, functionArn: r?.functionArn ?? this.deps.runner.qualifiedArn(e), condition,
      approximateInvokeCount: invokes, timestamp: this.deps.clock.now(), payload: e.payload,
      response: r && { executedVersion: r.executedVersion, functionError: r.ok ? undefined : 'Unhandled',
        payload: r.payload.toString('utf8') } });
  }

  private async deliver(arn: string, body: string, attributes?: Parameters<Destinations['send']>[2]): Promise<void> {
    try {
      await this.deps.destinations.send(arn, body, attributes);
    } catch (err) {
      this.deps.log(`could not deliver to ${arn}: ${(err as Error).message}`);
    }
  }
}
