// The one door to running a function: resolves the function, applies the invocation
// type (sync, async, dry run), runs it in the pool and publishes the record.
import type { Channel } from '../kernel/channel';
import { qualifierOfArn } from '../kernel/arn';
import type { Clock } from '../kernel/clock';
import { requestId as newRequestId } from '../kernel/ids';
import type { ReservedConcurrency } from '../concurrency/reserved';
import type { AsyncRunner, AttemptResult } from '../async-invoke/async-invocations';
import type { AsyncEvent } from '../async-invoke/event-store';
import { ResourceConflictException, ResourceNotFoundException, ServiceException, TooManyRequestsException } from '../registry/errors';
import type { FunctionResolver, ResolvedFunction } from '../registry/model';
import type { InvocationResult } from '../pool/invocation';
import { environmentKey, type Pool } from '../pool/pool';
import type { InvocationRecord } from './records';
import type { InvokeInput, InvokeOutput, Invoker } from './types';

export interface InvokerDeps {
  resolver: FunctionResolver;
  pool: Pool;
  clock: Clock;
  records: Channel<InvocationRecord>;
  /** Where failures of background (Event) invocations are reported. */
  log: (message: string) => void;
  /** Reserved concurrency and the account limit (throttling); none = unlimited. */
  concurrency?: ReservedConcurrency;
  /** A function name → its unqualified ARN. */
  arnOf: (functionName: string) => string;
}

/** Where Event invocations are stored and run (async-invoke/async-invocations.ts). */
export interface EventQueue {
  accept(e: { requestId: string; functionName: string; qualifier?: string; payload: string }): Promise<void>;
}

const EMPTY = Buffer.alloc(0);

export class LambdaInvoker implements Invoker, AsyncRunner {
  private events?: EventQueue;

  constructor(private deps: InvokerDeps) {
    // New code or configuration: environments of the old revision retire.
    deps.resolver.changes.subscribe((change) => {
      void deps.resolver.resolve(change.functionName).then(
        (r) => {
          deps.pool.retire(r.config.functionArn, environmentKey(r.config));
          deps.pool.prime(r.config); // its next cold start finds a runtime already up
        },
        () => { /* deleted: its environments idle out */ },
      );
    });
  }

  async invoke(input: InvokeInput): Promise<InvokeOutput> {
    const resolved = await this.deps.resolver.resolve(input.functionName, input.qualifier);
    const { config } = resolved;
    if (config.state !== 'Active') {
      throw new ResourceConflictException(
        `The operation cannot be performed at this time. The function is currently in the following state: ${config.state}`);
    }
    const executedVersion = resolved.executedVersion;
    if (input.invocationType === 'DryRun') return { statusCode: 204, payload: EMPTY, executedVersion };
    if (input.invocationType === 'Event') {
      if (!this.events) throw new ServiceException('Asynchronous invocation is not available');
      // Stored before the 202: an accepted event survives a crash (async-invoke/event-store.ts).
      await this.events.accept({ requestId: newRequestId(), functionName: config.functionName,
        qualifier: qualifierOfArn(resolved.invokedArn), payload: input.payload.toString('utf8') });
      return { statusCode: 202, payload: EMPTY, executedVersion };
    }
    const r = await this.run(resolved, input);
    return {
      statusCode: 200,
      payload: r.payload,
      functionError: r.ok ? undefined : 'Unhandled',
      logResult: input.logType === 'Tail' ? r.logTail() : undefined,
      executedVersion,
    };
  }

  /** Event invocations go to `queue` from now on. */
  useEventQueue(queue: EventQueue): void {
    this.events = queue;
  }

  /** One attempt of a stored asynchronous event, under the same request id every time (as Lambda's retries). */
  async runEvent(e: AsyncEvent): Promise<AttemptResult> {
    const resolved = await this.deps.resolver.resolve(e.functionName, e.qualifier);
    const r = await this.run(resolved, { functionName: e.functionName, qualifier: e.qualifier, invocationType: 'Event',
      logType: 'None', payload: Buffer.from(e.payload) }, e.requestId);
    return { ok: r.ok, payload: r.payload, executedVersion: resolved.executedVersion, functionArn: qualifiedArn(resolved.invokedArn) };
  }

  isGone(err: unknown): boolean { return err instanceof ResourceNotFoundException; }
  isThrottle(err: unknown): boolean { return err instanceof TooManyRequestsException; }
  qualifiedArn(e: AsyncEvent): string {
    return `${this.deps.arnOf(e.functionName)}:${e.qualifier ?? '$LATEST'}`;
  }

  async deadLetterTarget(e: AsyncEvent): Promise<string | undefined> {
    const resolved = await this.deps.resolver.resolve(e.functionName, e.qualifier);
    return resolved.config.deadLetterTargetArn;
  }

  private async run(resolved: ResolvedFunction, input: InvokeInput, requestId = newRequestId()): Promise<InvocationResult> {
    const release = this.deps.concurrency?.acquire(resolved.config.functionName);
    try {
      return await this.runAdmitted(resolved, input, requestId);
    } finally {
      release?.();
    }
  }

  private async runAdmitted(resolved: ResolvedFunction, input: InvokeInput, requestId: string): Promise<InvocationResult> {
    const timestamp = this.deps.clock.now();
    let result: InvocationResult;
    try {
      result = await this.deps.pool.invoke(resolved.config, {
        requestId, payload: input.payload, invokedArn: resolved.invokedArn,
        clientContext: input.clientContext ? decodeClientContext(input.clientContext) : undefined,
      });
    } catch (err) {
      throw new ServiceException(`Nimbus could not start an execution environment: ${(err as Error).message}`);
    }
    const { config } = resolved;
    this.deps.records.publish({
      requestId, functionName: config.functionName, version: config.version,
      invocationType: input.invocationType === 'Event' ? 'Event' : 'RequestResponse', start: result.start, timestamp,
      durationMs: result.durationMs, billedDurationMs: result.billedDurationMs, initDurationMs: result.initDurationMs,
      memorySizeMb: result.memorySizeMb, maxMemoryUsedMb: result.maxMemoryUsedMb, ok: result.ok, errorType: result.errorType,
    });
    return result;
  }
}

const qualifiedArn = (arn: string): string => (qualifierOfArn(arn) === undefined ? `${arn}:$LATEST` : arn);

function decodeClientContext(b64: string): string | undefined {
  try { return Buffer.from(b64, 'base64').toString('utf8'); } catch { return undefined; }
}
