// POST /2018-06-01/runtime/init/error: Init failed (the handler could not be loaded, module
// code threw). Allowed only before the first /next (RIE: from Started only, else 403). The
// environment is failed from then on: onInitError is told, and an invoke() already waiting
// for this environment settles with the same error, as Lambda answers the invoke whose
// Init failed.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ERROR_TYPE_HEADER } from './error';
import {
  MAX_RESPONSE_BYTES, RESPONSE_TOO_LARGE_PAYLOAD, RESPONSE_TOO_LARGE_TYPE, errorTypeOf, readBody, replyAccepted,
  replyInvalidState, replyTooLarge,
} from './wire';
import type { RuntimeState } from './runtime-state';

export function handleInitError(state: RuntimeState, req: IncomingMessage, res: ServerResponse): void {
  const phase = state.phase;
  if (phase.name !== 'Started') {
    req.resume();
    replyInvalidState(res, phase.name, 'InitError');
    return;
  }
  const queued = phase.queued;
  state.phase = { name: 'InitError' };
  readBody(req, MAX_RESPONSE_BYTES, (body) => {
    if (state.phase.name !== 'InitError') {
      res.destroy();
      return;
    }
    const payload = body ?? RESPONSE_TOO_LARGE_PAYLOAD;
    const errorType = body ? errorTypeOf(req.headers[ERROR_TYPE_HEADER], body) : RESPONSE_TOO_LARGE_TYPE;
    if (body) replyAccepted(res);
    else replyTooLarge(res);
    queued?.resolve({ kind: 'error', payload, errorType });
    state.notify(() => state.listener.onInitError?.(payload, errorType));
  }, () => {
    if (state.phase.name !== 'InitError') return;
    // The runtime died mid-post: Init failed all the same, with nothing to say why.
    const payload = Buffer.from('{"errorMessage":"init error report was cut off","errorType":"Unhandled"}');
    queued?.resolve({ kind: 'error', payload, errorType: 'Unhandled' });
    state.notify(() => state.listener.onInitError?.(payload, 'Unhandled'));
  });
}
