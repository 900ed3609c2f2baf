// How one invocation finishes, for every handler style AWS's Node.js runtime accepts: a
// returned promise, callback(err, result), and the legacy context.succeed/fail/done. The
// first of them wins; later calls are ignored. With callbackWaitsForEmptyEventLoop (the
// default) a callback's result is held until the event loop has nothing else to do, which
// Node signals with 'beforeExit'; with it false the result is posted at once and leftover
// work simply continues (on AWS it would be frozen until the next invoke).

/** Where a finished invocation's result goes (see runtime-loop.ts). */
export interface Outcome {
  respond(result: unknown): void;
  fail(error: unknown): void;
}

export interface CallbackControls {
  waitsForEmptyEventLoop(): boolean;
  setWaitsForEmptyEventLoop(value: boolean): void;
  succeed(result?: unknown): void;
  fail(error?: unknown): void;
  done(error?: unknown, result?: unknown): void;
}

export type Callback = (error?: unknown, result?: unknown) => void;

/**
 * The one 'beforeExit' action of the process (registered once in bootstrap.ts). It is
 * one-shot: running it clears it, so an idle process (parked in /next) never re-runs it.
 */
export const beforeExit = {
  action: null as (() => void) | null,
  set(action: (() => void) | null): void {
    this.action = action;
  },
  run(): void {
    const action = beforeExit.action;
    beforeExit.action = null;
    action?.();
  },
};

export function buildCallbacks(out: Outcome): { callback: Callback; controls: CallbackControls } {
  let finished = false;
  let waitForEmptyEventLoop = true;

  const callback: Callback = (error, result) => {
    if (finished) return;
    finished = true;
    beforeExit.set(null);
    if (error !== undefined && error !== null) out.fail(error);
    else if (!waitForEmptyEventLoop) out.respond(result);
    else beforeExit.set(() => out.respond(result));
  };

  const done = (error?: unknown, result?: unknown): void => {
    if (finished) return;
    finished = true;
    beforeExit.set(null);
    if (error !== undefined && error !== null) out.fail(error);
    else out.respond(result);
  };

  return {
    callback,
    controls: {
      waitsForEmptyEventLoop: () => waitForEmptyEventLoop,
      setWaitsForEmptyEventLoop: (value) => { waitForEmptyEventLoop = value; },
      succeed: (result) => done(null, result),
      // fail() with nothing to report still fails, as the string "handled" (AWS's choice).
      fail: (error) => done(error === undefined || error === null ? 'handled' : error, null),
      done,
    },
  };
}
