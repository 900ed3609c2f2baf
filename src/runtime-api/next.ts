// GET /2018-06-01/runtime/invocation/next: the runtime asks for its next event. Answered at
// once when an invoke() is queued, otherwise parked (no timeout: the runtime must not time
// out this call) until invoke() hands it an event. The first call ends Init.
import type { ServerResponse } from 'node:http';
import { replyInvalidState } from './wire';
import { isLive, type Pending, type RuntimeState } from './runtime-state';

export function handleNext(state: RuntimeState, res: ServerResponse): void {
  const phase = state.phase;
  switch (phase.name) {
    case 'Started':
    case 'RuntimeResponseSentState':
      if (phase.queued && deliverQueued(state, res, phase.queued)) return;
      park(state, res);
      state.notify(() => state.listener.onNext?.());
      return;
    case 'Ready':
      // The runtime reconnected after its earlier poll's connection closed: already idle,
      // so no second onNext. A second poll while one is still open is refused.
      if (isLive(phase.poll)) return replyInvalidState(res, 'Ready', 'Ready');
      if (phase.queued && deliverQueued(state, res, phase.queued)) return;
      park(state, res);
      return;
    default:
      return replyInvalidState(res, phase.name, 'Ready');
  }
}

/** False when the invocation could not be written (unusable header values): that invoke()
 * fails and the runtime's poll is parked instead. */
function deliverQueued(state: RuntimeState, res: ServerResponse, p: Pending): boolean {
  try {
    state.deliver(res, p);
    return true;
  } catch (err) {
    p.reject(err instanceof Error ? err : new Error(String(err)));
    return false;
  }
}

function park(state: RuntimeState, res: ServerResponse): void {
  state.phase = { name: 'Ready', poll: res, queued: null };
  res.on('close', () => {
    const now = state.phase;
    if (now.name === 'Ready' && now.poll === res) now.poll = null;
  });
}
