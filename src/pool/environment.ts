// The execution environment as a literal state machine (DESIGN.md). States carry
// their own data; `transition` is the only place a state changes, and an event a
// state does not accept throws ILLEGAL_TRANSITION. Cold, prewarmed and warm starts
// are read from the state, never guessed.
import { NimbusError } from '../kernel/errors';

export type StopReason =
  | 'idle' | 'timeout' | 'out-of-memory' | 'exit' | 'init-error' | 'init-timeout'
  | 'start-failed' | 'retired' | 'shutdown';

export type EnvState =
  | { name: 'starting'; since: number }
  | { name: 'prewarmed'; since: number }
  | { name: 'initializing'; since: number; prewarmed: boolean }
  /** `initDurationMs` is set until the first invocation consumes it (it goes on that REPORT). */
  | { name: 'idle'; since: number; invocations: number; initDurationMs?: number; prewarmed: boolean }
  | { name: 'busy'; since: number; invocations: number; requestId: string; initDurationMs?: number; prewarmed: boolean }
  | { name: 'stopping'; since: number; reason: StopReason }
  | { name: 'stopped'; since: number; reason: StopReason };

export type EnvEvent =
  | { type: 'ready' }                          // a generic runtime process is up (stem cell)
  | { type: 'init' }                           // the function's Init begins in a fresh process
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
    case 'init': return { name: 'initializing', since: now, prewarmed: false };
    case 'assign': return { name: 'initializing', since: now, prewarmed: true };
    case 'inited': {
      const s = state as Extract<EnvState, { name: 'initializing' }>;
      return { name: 'idle', since: now, invocations: 0, initDurationMs: event.initDurationMs, prewarmed: s.prewarmed };
    }
    case 'invoke': {
      const s = state as Extract<EnvState, { name: 'idle' }>;
      return { name: 'busy', since: now, invocations: s.invocations + 1, requestId: event.requestId,
        initDurationMs: s.initDurationMs, prewarmed: s.prewarmed };
    }
    case 'done': {
      const s = state as Extract<EnvState, { name: 'busy' }>;
      return { name: 'idle', since: now, invocations: s.invocations, prewarmed: s.prewarmed };
    }
    case 'stop':
      // A second stop keeps the first reason: the first cause is the one reported.
      return state.name === 'stopping' ? state : { name: 'stopping', since: now, reason: event.reason };
    case 'exited':
      return { name: 'stopped', since: now, reason: state.name === 'stopping' ? state.reason : event.reason };
  }
}

/** How the invocation in a busy state started, for logs and metering. */
export function startKind(state: Extract<EnvState, { name: 'busy' }>): 'cold' | 'prewarmed' | 'warm' {
  if (state.invocations > 1 || state.initDurationMs === undefined) return 'warm';
  return state.prewarmed ? 'prewarmed' : 'cold';
}

export const isLive = (s: EnvState): boolean => s.name !== 'stopping' && s.name !== 'stopped';
