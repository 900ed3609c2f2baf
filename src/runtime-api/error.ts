// POST /2018-06-01/runtime/invocation/{id}/error: the function failed. The body (the
// runtime's `{errorMessage, errorType, ...}` JSON) becomes the invocation's error payload; its
// type is the Lambda-Runtime-Function-Error-Type header, else the body's errorType, else
// `Unhandled`. Answered 202; 400/403 for a wrong id or state, as /response.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { receiveResult } from './receive-result';
import type { RuntimeState } from './runtime-state';
import { errorTypeOf } from './wire';

export const ERROR_TYPE_HEADER = 'lambda-runtime-function-error-type';

export function handleError(state: RuntimeState, id: string, req: IncomingMessage, res: ServerResponse): void {
  receiveResult(state, id, 'InvocationErrorResponse', req, res,
    (payload) => ({ kind: 'error', payload, errorType: errorTypeOf(req.headers[ERROR_TYPE_HEADER], payload) }));
}
