// POST /2018-06-01/runtime/invocation/{id}/response: the runtime's result, passed through
// byte for byte and answered 202 (see receive-result.ts for the size cap and states).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { receiveResult } from './receive-result';
import type { RuntimeState } from './runtime-state';

export function handleResponse(state: RuntimeState, id: string, req: IncomingMessage, res: ServerResponse): void {
  receiveResult(state, id, 'InvocationResponse', req, res, (payload) => ({ kind: 'response', payload }));
}
