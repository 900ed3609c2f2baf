// POST /2018-06-01/runtime/invocation/{id}/error: the function failed. The body (the
// runtime's `{errorMessage, errorType, ...}` JSON) becomes the invocation's error payload; its
// type is the Lambda-Runtime-Function-Error-Type header, else the body's errorType, else
// `Unhandled`. Answered 202; 400/403 for a wrong id or state, as /response.
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  MAX_RESPONSE_BYTES, RESPONSE_TOO_LARGE_PAYLOAD, RESPONSE_TOO_LARGE_TYPE, errorTypeOf, readBody, replyAccepted,
  replyTooLarge,
} from './wire';
import { abandonResult, beginResult, isReceiving, type RuntimeState } from './runtime-state';

export const ERROR_TYPE_HEADER = 'lambda-runtime-function-error-type';

export function handleError(state: RuntimeState, id: string, req: IncomingMessage, res: ServerResponse): void {
  const current = beginResult(state, id, 'InvocationErrorResponse', res);
  if (!current) {
    req.resume();
    return;
  }
  readBody(req, MAX_RESPONSE_BYTES, (body) => {
    if (!isReceiving(state, current)) {
      res.destroy();
      return;
    }
    if (body === null) {
      // RIE reads any size here; Nimbus caps error bodies like results, to bound memory.
      state.settle(current, { kind: 'error', payload: RESPONSE_TOO_LARGE_PAYLOAD, errorType: RESPONSE_TOO_LARGE_TYPE });
      replyTooLarge(res);
      return;
    }
    state.settle(current, { kind: 'error', payload: body, errorType: errorTypeOf(req.headers[ERROR_TYPE_HEADER], body) });
    replyAccepted(res);
  }, () => abandonResult(state, current));
}
