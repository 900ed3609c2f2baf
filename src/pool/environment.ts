// The execution environment as a literal state machine (DESIGN.md). States carry
// their own data; `transition` is the only place a state changes, and an event a
// state does not accept throws ILLEGAL_TRANSITION. Which path a start took (on demand, a
// prewarmed stem cell, provisioned ahead of demand) is part of the state, and the start
// kind of each invocation is read from it, never guessed.
import { NimbusError } from '../kernel/errors';

export type StopReason =
  | 'idle' | 'timeout' | 'out-of-memory' | 'exit' | 'init-error' | 'init-timeout'
  | 'start-failed' | 'retired' | 'shutdown' | 'memory-budget';

/** How the environment's Init came about. `provisioned`: ahead of any request
 * (AWS_LAMBDA_INITIALIZATION_TYPE=provisioned-concurrency); `pre-initialised`: a spare that
 * Nimbus starts for a function with a heavy Init. No REPORT shows the Init of either. */
export type StartPath = 'on-demand' | 'prewarmed' | 'provisioned' | 'pre-initialised';
export type StartKind = 'cold' | 'prewarmed' | 'provisioned' | 'pre-initialised' | 'warm';

export type EnvState =
  | { name: 'starting'; since: number }
  | { name: 'prewarmed'; since: number }
  | { name: 'initializing'; since: number; path: StartPath }
  /** `initDurationMs` is set until the first invocation consumes it (it goes on that REPORT). */
  | { name: 'idle'; since: number; invocations: number; initDurationMs?: number; path: StartPath }
  | { name: 'busy'; since: number; invocations: number; requestId: string; initDurationMs?: number; path: StartPath }
  | { name: 'stopping'; since: number; reason: StopReason }
  | { name: 'stopped'; since: number; reason: StopReason };

export type EnvEvent =
  | { type: 'ready' }                          // a generic runtime process is up (stem cell)
  | { type: 'init'; path?: 'provisioned' | 'pre-initialised' } // the function's Init begins in a fresh process
  | { type: 'assign' }                         // a prewarmed process is given a function
  | { type: 'inited'; initDurationMs: number } // Init finished: the runtime asked for work
  | { type: 'invoke'; requestId: string }
  | { type: 'done' }
  | { type: 'stop'; reason: StopReason }
  | { type: 'exited'; reason: StopReason };

export type StateName = EnvState['name'];

/** The transition table: for each state, the events it accepts and where they lead. */
export const TRANSITIONS: Readonly<Record<StateName, Partial<Record<EnvEvent['type'], StateName>>>> = {
  starting: { ready: 'prewarmed', init: 'initializing', stop: 'stopping', exited: 'stopped' },
  prewarmed: { assign: 'initializing', stop: 'stopping', exited: 'stopped' },
  initializing: { inited: 'idle', stop: 'stopping', exited: 'stopped' },
  idle: { invoke: 'busy', stop: 'stopping', exited: 'stopped' },
  busy: { done: 'idle', stop: 'stopping', exited: 'stopped' },
  stopping: { exited: 'stopped', stop: 'stopping' },
  stopped: {},
};

export function transition(state: EnvState, event: EnvEvent, now: number): EnvState {
  const target = TRANSITIONS[state.name][event.type];
  if (!target) {
    throw new NimbusError('ILLEGAL_TRANSITION', `environment in state ${state.name} cannot take event ${event.type}`,
      { state: state.name, event: event.type });
  }
  switch (event.type) {
    case 'ready': return { name: 'prewarmed', since: now };
    case 'init': return { name: 'initializing', since: now, path: event.path ?? 'on-demand' };
    case 'assign': return { name: 'initializing', since: now, path: 'prewarmed' };
    case 'inited': {
      const s = state as Extract<EnvState, { name: 'initializing' }>;
      // A provisioned or pre-initialised Init is not on any request's path: no REPORT carries it.
      const ahead = s.path === 'provisioned' || s.path === 'pre-initialised';
      const initDurationMs = ahead ? undefined : event.initDurationMs;
      return { name: 'idle', since: now, invocations: 0, initDurationMs, path: s.path };
    }
    case 'invoke': {
      const s = state as Extract<EnvState, { name: 'idle' }>;
      return { name: 'busy', since: now, invocations: s.invocations + 1, requestId: event.requestId,
        initDurationMs: s.initDurationMs, path: s.path };
    }
    case 'done': {
      const s = state as Extract<EnvState, { name: 'busy' }>;
      return { name: 'idle', since: now, invocations: s.invocations, path: s.path };
    }
    case 'stop':
      // A second stop keeps the first reason: the first cause is the one reported.
      return state.name === 'stopping' ? state : { name: 'stopping', since: now, reason: event.reason };
    case 'exited':
      return { name: 'stopped', since: now, reason: state.name === 'stopping' ? state.reason : event.reason };
  }
}

/** How the invocation in a busy state started, for logs and metering. */
export function startKind(state: Extract<EnvState, { name: 'busy' }>): StartKind {
  if (state.invocations > 1) return 'warm';
  if (state.path === 'provisioned' || state.path === 'pre-initialised') return state.path;
  if (state.initDurationMs === undefined) return 'warm';
  return state.path === 'prewarmed' ? 'prewarmed' : 'cold';
}

export const isLive = (s: EnvState): boolean => s.name !== 'stopping' && s.name !== 'stopped';
