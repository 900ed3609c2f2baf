// POST /2018-06-01/runtime/invocation/{id}/response: the runtime's result. The body is passed
// through byte for byte (one copy at most) and answered 202; a body over 6 MiB + 100 bytes
// gets 413 and makes the invocation fail with Function.ResponseSizeTooLarge, as on Lambda.
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  MAX_RESPONSE_BYTES, RESPONSE_TOO_LARGE_PAYLOAD, RESPONSE_TOO_LARGE_TYPE, readBody, replyAccepted, replyTooLarge,
} from './wire';
import { abandonResult, beginResult, isReceiving, type RuntimeState } from './runtime-state';

export function handleResponse(state: RuntimeState, id: string, req: IncomingMessage, res: ServerResponse): void {
  const current = beginResult(state, id, 'InvocationResponse', res);
  if (!current) {
    req.resume();
    return;
  }
  readBody(req, MAX_RESPONSE_BYTES, (body) => {
    if (!isReceiving(state, current)) {
      // Closed while the body arrived; close() already rejected the invoke.
      res.destroy();
      return;
    }
    if (body === null) {
      state.settle(current, { kind: 'error', payload: RESPONSE_TOO_LARGE_PAYLOAD, errorType: RESPONSE_TOO_LARGE_TYPE });
      replyTooLarge(res);
      return;
    }
    state.settle(current, { kind: 'response', payload: body });
    replyAccepted(res);
  }, () => abandonResult(state, current));
}
