// The runtime's own error types (named `Runtime.*` as on AWS) and the two ways an error is
// written: the JSON posted to the Runtime API (`{errorType, errorMessage, trace}`, Node's
// shape) and the tab-prefixed JSON that goes into the log after "Invoke Error" and friends.
import { types } from 'node:util';

/** Gives a class AWS's `Runtime.<Name>` error name (set on the prototype, so stacks show it). */
function runtimeName(cls: { prototype: Error; name: string }): void {
  Object.defineProperty(cls.prototype, 'name', { value: `Runtime.${cls.name}`, writable: true, configurable: true });
}

/** The handler's module (or one it requires) could not be found. Message: `String(cause)`. */
export class ImportModuleError extends Error {
  constructor(cause: unknown) { super(String(cause)); }
}
export class HandlerNotFound extends Error {}
export class MalformedHandlerName extends Error {}
/** The handler's module does not parse. Message: `String(cause)`, e.g. "SyntaxError: ...". */
export class UserCodeSyntaxError extends Error {
  constructor(cause: unknown) { super(String(cause)); }
}
/** An async handler's promise was still pending when the event loop ran dry. */
export class NodeJsExit extends Error {
  constructor() {
    super('The Lambda runtime client detected an unexpected Node.js exit code. This is most commonly caused by '
      + 'a Promise that was never settled. For more information, see https://nodejs.org/docs/latest/api/process.html#exit-codes');
  }
}
export class UnhandledPromiseRejection extends Error {
  constructor(readonly reason: unknown, readonly promise?: Promise<unknown>) { super(String(reason)); }
}
/** nodejs24.x and later: a handler declaring a callback parameter (3 or more) is refused at Init. */
export class CallbackHandlerDeprecated extends Error {
  constructor() {
    super('ERROR: AWS Lambda has removed support for callback-based function handlers starting with Node.js 24. You need to '
      + 'modify this function to use a supported handler signature to use Node.js 24 or later. For more information see '
      + 'https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html.');
  }
}
for (const cls of [ImportModuleError, HandlerNotFound, MalformedHandlerName, UserCodeSyntaxError, NodeJsExit,
  UnhandledPromiseRejection, CallbackHandlerDeprecated]) runtimeName(cls);

export interface RapidError {
  errorType: string;
  errorMessage: string;
  trace?: string[];
}

/** Looks like an Error even when it comes from another realm or a library. */
function isErrorLike(e: unknown): e is Error {
  if (types.isNativeError(e)) return true;
  const o = e as { name?: unknown; message?: unknown; stack?: unknown } | null;
  return !!o && typeof o.name === 'string' && o.name !== '' && typeof o.message === 'string' && o.message !== ''
    && typeof o.stack === 'string' && o.stack !== '';
}

/**
 * The body posted to /error and /init/error. Errors give name, message and stack lines;
 * anything else thrown gives `typeof` and `toString()` (`throw "x"` → errorType "string").
 */
export function toRapidError(error: unknown): RapidError {
  try {
    if (isErrorLike(error)) {
      return { errorType: error.name, errorMessage: error.message, trace: String(error.stack).split('\n') };
    }
    return { errorType: typeof error, errorMessage: String((error as { toString(): string }).toString()), trace: [] };
  } catch {
    return {
      errorType: 'handled',
      errorMessage: 'callback called with Error argument, but there was a problem while retrieving one or more of its message, name, and stack',
    };
  }
}

export function intoError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}

/** The log form: a tab, then the error as JSON with its own fields and the stack as lines. */
export function toFormatted(error: Error): string {
  try {
    return '\t' + JSON.stringify(error, (_key, value: unknown) => withEnumerableProperties(value));
  } catch {
    return '\t' + JSON.stringify(toRapidError(error));
  }
}

function withEnumerableProperties(value: unknown): unknown {
  if (!(value instanceof Error)) return value;
  const ret: Record<string, unknown> = Object.assign(
    { errorType: value.name, errorMessage: value.message, code: (value as { code?: unknown }).code }, value as object);
  if (typeof value.stack === 'string') ret.stack = value.stack.split('\n');
  return ret;
}
