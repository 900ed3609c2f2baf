// The one door to running a function: resolves the function, applies the invocation
// type (sync, async, dry run), runs it in the pool and publishes the record.
import type { Channel } from '../kernel/channel';
import type { Clock } from '../kernel/clock';
import { requestId as newRequestId } from '../kernel/ids';
import type { ReservedConcurrency } from '../concurrency/reserved';
import { ResourceConflictException, ServiceException, TooManyRequestsException } from '../registry/errors';
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
}

/** Throttled async events wait and retry, backing off from 1 s to 5 min, for up to the maximum event age (6 h). */
const EVENT_RETRY_FIRST_MS = 1000;
const EVENT_RETRY_MAX_MS = 5 * 60_000;
const MAX_EVENT_AGE_MS = 6 * 60 * 60_000;

const EMPTY = Buffer.alloc(0);

export class LambdaInvoker implements Invoker {
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
      void this.runEvent(resolved, input);
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

  /** An async event: throttles wait and retry (reserved concurrency 0 drops it, as Lambda
   * sends such events straight to a dead-letter target); other failures are logged. */
  private async runEvent(resolved: ResolvedFunction, input: InvokeInput): Promise<void> {
    const { clock } = this.deps;
    const name = resolved.config.functionName;
    const giveUpAt = clock.now() + MAX_EVENT_AGE_MS;
    for (let delay = EVENT_RETRY_FIRST_MS; ; delay = Math.min(delay * 2, EVENT_RETRY_MAX_MS)) {
      try {
        await this.run(resolved, input);
        return;
      } catch (err) {
        const throttled = err instanceof TooManyRequestsException;
        if (!throttled || this.deps.concurrency?.get(name) === 0 || clock.now() + delay > giveUpAt) {
          this.deps.log(`async invocation of ${name} ${throttled ? 'dropped, throttled' : 'failed'}: ${(err as Error).message}`);
          return;
        }
        await new Promise<void>((r) => clock.setTimer(delay, r));
      }
    }
  }

  private async run(resolved: ResolvedFunction, input: InvokeInput): Promise<InvocationResult> {
    const release = this.deps.concurrency?.acquire(resolved.config.functionName);
    try {
      return await this.runAdmitted(resolved, input);
    } finally {
      release?.();
    }
  }

  private async runAdmitted(resolved: ResolvedFunction, input: InvokeInput): Promise<InvocationResult> {
    const timestamp = this.deps.clock.now();
    const requestId = newRequestId();
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

function decodeClientContext(b64: string): string | undefined {
  try { return Buffer.from(b64, 'base64').toString('utf8'); } catch { return undefined; }
}
