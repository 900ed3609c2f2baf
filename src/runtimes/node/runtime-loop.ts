// The invoke loop: GET /next, run the handler, post its result, poll again. The result of
// one invocation is posted exactly once, whichever way the handler finishes; if it never
// finishes before the event loop runs dry, an async handler fails with Runtime.NodeJsExit
// and any other handler answers null, as on AWS.
import { beforeExit, buildCallbacks, type Outcome } from './callback';
import { buildContext, forwardTraceId } from './context';
import type { Handler } from './handler-loader';
import { logError, setCurrentRequestId } from './log-patch';
import type { NextInvocation, RuntimeClient } from './runtime-client';

// Needed only when an invocation fails: loaded then, not at start-up.
const errors = (): typeof import('./errors') => require('./errors');

export function startLoop(client: RuntimeClient, handler: Handler): void {
  const isAsync = isAsyncFunction(handler);
  const next = (): void => client.next(onInvocation);

  function onInvocation(err: Error | null, inv?: NextInvocation): void {
    if (err || !inv) return lostRuntimeApi(err);
    const id = inv.headers['lambda-runtime-aws-request-id'] ?? '';
    setCurrentRequestId(id);
    forwardTraceId(inv.headers);
    const out = new InvocationResult(client, id, next);
    const { callback, controls } = buildCallbacks(out);
    beforeExit.set(isAsync ? () => out.fail(new (errors().NodeJsExit)()) : () => out.respond(null));
    try {
      const event: unknown = JSON.parse(inv.body);
      const context = buildContext(id, inv.headers, controls);
      const result = handler(event, context, callback);
      if (isThenable(result)) result.then(controls.succeed, controls.fail);
    } catch (error) {
      callback(error);
    }
  }

  next();
}

class InvocationResult implements Outcome {
  private posted = false;

  constructor(private readonly client: RuntimeClient, private readonly id: string, private readonly next: () => void) {}

  respond(result: unknown): void {
    if (this.posted) {
      console.error('Invocation has already been reported as done. Cannot call complete more than once per invocation.');
      return;
    }
    let json: string | undefined;
    try {
      json = JSON.stringify(result === undefined ? null : result);
    } catch {
      this.fail(new Error('Unable to stringify response body'));
      return;
    }
    this.posted = true;
    beforeExit.set(null);
    // A function or symbol result stringifies to nothing: it answers null.
    this.client.postResponse(this.id, json ?? 'null', (err, status) => {
      if (err) return lostRuntimeApi(err);
      if (status !== 202) console.error(`Failed to post handler success response. Http response code: ${status}.`);
      this.next();
    });
  }

  fail(error: unknown): void {
    if (this.posted) return;
    this.posted = true;
    beforeExit.set(null);
    logError('Invoke Error', error);
    this.client.postError(this.id, errors().toRapidError(error), (err, status) => {
      if (err) return lostRuntimeApi(err);
      if (status !== 202) console.error(`Failed to post handler error response. Http response code: ${status}.`);
      this.next();
    });
  }
}

function isAsyncFunction(fn: Handler): boolean {
  try {
    return fn.constructor?.name === 'AsyncFunction';
  } catch {
    return false;
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return !!value && typeof (value as { then?: unknown }).then === 'function';
}

/** The Runtime API is gone or refused /next (the environment is stopping): nothing to do but exit. */
function lostRuntimeApi(err: Error | null): void {
  process.stderr.write(`Nimbus Node.js runtime: lost the Runtime API (${err?.message ?? 'no invocation'}); exiting\n`);
  process.exit(1);
}
