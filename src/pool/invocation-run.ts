// Runs one invocation in an idle environment and settles it exactly once, whichever
// comes first: the runtime's response or error, the timeout, the memory limit, or the
// process exiting. Then writes END and REPORT and returns the result.
import type { StopReason } from './environment';
import type { ExecutionEnvironment } from './execution-environment';
import { failure, type InitOutcome, type InvocationInput, type InvocationResult } from './invocation';
import { endLine, reportLine, startLine, timeoutLine } from './log-lines';
import { billedDurationMs } from './schedule';

export function settleInvocation(env: ExecutionEnvironment, input: InvocationInput): Promise<InvocationResult> {
  const { clock } = env.deps;
  const cfg = env.config;
  const id = input.requestId;
  env.apply({ type: 'invoke', requestId: id });
  const start = env.startKind();
  const initDurationMs = start === 'warm' || env.state.name !== 'busy' ? undefined : env.state.initDurationMs;
  // A cold start's tail already holds its Init output (begun at start); others start afresh.
  if (start !== 'cold' && start !== 'prewarmed') env.output.beginTail();
  env.output.line(startLine(id, cfg.version));
  const t0 = clock.monotonic();
  let peakMb = 0;

  return new Promise<InvocationResult>((resolve) => {
    let settled = false;
    const finish = (ok: boolean, payload: Buffer, errorType?: string, reason?: StopReason, maxRssKb?: number) => {
      if (settled) return;
      settled = true;
      timer.cancel();
      clearInterval(watchdog);
      env.interrupt = undefined;
      const durationMs = clock.monotonic() - t0;
      // The built-in runtimes report their peak with the result; others are read from /proc.
      const mem = reason ? undefined : maxRssKb !== undefined ? { peakMb: maxRssKb / 1024 } : env.memoryNow();
      if (mem) peakMb = Math.max(peakMb, mem.peakMb);
      if (!reason && mem && mem.peakMb > cfg.memorySize) {
        // Over its size at some point during the invocation: Lambda kills such an environment.
        ({ payload, errorType } = oom(id));
        ok = false;
        reason = 'out-of-memory';
      }
      if (reason) env.stop(reason);
      // Stopped meanwhile (shutdown, retire): the answer that still arrived is the result.
      else if (env.state.name === 'busy') env.apply({ type: 'done' });
      // Output the runtime wrote before answering may still sit in the pipe: let it land first.
      setImmediate(() => {
        env.output.flush();
        env.output.line(endLine(id));
        const billed = billedDurationMs(durationMs);
        env.output.line(reportLine({ requestId: id, durationMs, billedDurationMs: billed,
          memorySizeMb: cfg.memorySize, maxMemoryUsedMb: peakMb, initDurationMs }));
        resolve({ requestId: id, ok, payload, errorType, start, durationMs, billedDurationMs: billed,
          initDurationMs, memorySizeMb: cfg.memorySize, maxMemoryUsedMb: Math.round(peakMb), logTail: env.output.endTail() });
      });
    };

    const timer = clock.setTimer(cfg.timeout * 1000, () => {
      env.output.line(timeoutLine(clock.now(), id, cfg.timeout));
      const f = failure('Sandbox.Timedout', `Task timed out after ${cfg.timeout.toFixed(2)} seconds`, id);
      finish(false, f.payload, f.errorType, 'timeout');
    });
    const watchdog = setInterval(() => {
      const m = env.memoryNow();
      if (!m) return;
      peakMb = Math.max(peakMb, m.peakMb);
      if (m.rssMb > cfg.memorySize) { const f = oom(id); finish(false, f.payload, f.errorType, 'out-of-memory'); }
    }, env.deps.watchdogMs);
    watchdog.unref();
    env.interrupt = ({ errorType, message, reason }) => {
      const f = failure(errorType, message, id);
      finish(false, f.payload, f.errorType, reason);
    };
    env.api.invoke({
      requestId: id, payload: input.payload, deadlineMs: clock.now() + cfg.timeout * 1000,
      invokedFunctionArn: input.invokedArn, clientContext: input.clientContext, traceId: input.traceId,
    }).then(
      (o) => (o.kind === 'response' ? finish(true, o.payload, undefined, undefined, o.maxRssKb)
        : finish(false, o.payload, o.errorType, undefined, o.maxRssKb)),
      () => { const f = failure('Runtime.ExitError', 'Runtime exited without providing a reason', id); finish(false, f.payload, f.errorType, 'exit'); },
    );
  });
}

function oom(requestId: string) {
  return failure('Runtime.OutOfMemory', 'Runtime exited with error: signal: killed', requestId);
}

/** Init failed on a cold start: the invocation answers with the init error, as Lambda's does. */
export function initFailure(env: ExecutionEnvironment, input: InvocationInput, init: InitOutcome & { ok: false }): InvocationResult {
  const cfg = env.config;
  const initMs = init.initDurationMs ?? 0;
  env.output.line(startLine(input.requestId, cfg.version));
  env.output.line(endLine(input.requestId));
  const billed = billedDurationMs(initMs);
  env.output.line(reportLine({ requestId: input.requestId, durationMs: initMs, billedDurationMs: billed,
    memorySizeMb: cfg.memorySize, maxMemoryUsedMb: 0, initDurationMs: initMs }));
  const payload = init.platformMessage === undefined ? init.payload : failure(init.errorType, init.platformMessage, input.requestId).payload;
  return { requestId: input.requestId, ok: false, payload, errorType: init.errorType, start: 'cold',
    durationMs: initMs, billedDurationMs: billed, initDurationMs: initMs, memorySizeMb: cfg.memorySize,
    maxMemoryUsedMb: 0, logTail: env.output.endTail() };
}
