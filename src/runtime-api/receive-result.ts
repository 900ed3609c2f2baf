// What /response and /error share: claim the invocation for the request id, read the
// body (one copy at most, capped at 6 MiB + 100 bytes), settle the invocation with the
// outcome the endpoint builds from it, and answer 202 (413 past the cap, which fails
// the invocation with Function.ResponseSizeTooLarge, as on Lambda).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { InvocationOutcome } from './runtime-api-server';
import { abandonResult, beginResult, isReceiving, type RuntimeState } from './runtime-state';
import {
  MAX_RESPONSE_BYTES, RESPONSE_TOO_LARGE_PAYLOAD, RESPONSE_TOO_LARGE_TYPE, readBody, replyAccepted, replyTooLarge,
} from './wire';

export function receiveResult(state: RuntimeState, id: string, to: 'InvocationResponse' | 'InvocationErrorResponse',
  req: IncomingMessage, res: ServerResponse, outcome: (body: Buffer) => InvocationOutcome): void {
  const current = beginResult(state, id, to, res);
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
      // RIE reads error bodies of any size; Nimbus caps them like results, to bound memory.
      state.settle(current, { kind: 'error', payload: RESPONSE_TOO_LARGE_PAYLOAD, errorType: RESPONSE_TOO_LARGE_TYPE });
      replyTooLarge(res);
      return;
    }
    state.settle(current, outcome(body));
    replyAccepted(res);
  }, () => abandonResult(state, current));
}
