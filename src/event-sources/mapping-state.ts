// The lifecycle of an event source mapping as a literal state machine, with Lambda's
// state names. `transition` is the only place a state changes; an event the state does
// not accept throws ILLEGAL_TRANSITION (the API turns that into ResourceInUseException).
//
//  Creating ──enabled──▶ Enabled ──disable──▶ Disabling ──disabled──▶ Disabled
//     └────disabled────────────────────────────────────────────────────▲  │
//  Enabled | Disabled ──update──▶ Updating ──enabled | disabled──▶ …      │
//  Disabled ──enable──▶ Enabling ──enabled──▶ Enabled ◀───────────────────┘
//  any ──delete──▶ Deleting (then the mapping is removed)
import { NimbusError } from '../kernel/errors';

export type MappingState = 'Creating' | 'Enabling' | 'Enabled' | 'Disabling' | 'Disabled' | 'Updating' | 'Deleting';
/** `enabled` / `disabled`: the pollers are now running / stopped (a transitional state settles). */
export type MappingEvent = 'enable' | 'disable' | 'update' | 'delete' | 'enabled' | 'disabled';

export const MAPPING_TRANSITIONS: Readonly<Record<MappingState, Partial<Record<MappingEvent, MappingState>>>> = {
  Creating: { enabled: 'Enabled', disabled: 'Disabled', delete: 'Deleting' },
  Enabled: { disable: 'Disabling', update: 'Updating', delete: 'Deleting' },
  Disabling: { disabled: 'Disabled', delete: 'Deleting' },
  Disabled: { enable: 'Enabling', update: 'Updating', delete: 'Deleting' },
  Enabling: { enabled: 'Enabled', delete: 'Deleting' },
  Updating: { enabled: 'Enabled', disabled: 'Disabled', delete: 'Deleting' },
  Deleting: {},
};

export function transition(state: MappingState, event: MappingEvent): MappingState {
  const next = MAPPING_TRANSITIONS[state][event];
  if (!next) throw new NimbusError('ILLEGAL_TRANSITION', `event source mapping: ${event} in state ${state}`, { state, event });
  return next;
}

export function canTransition(state: MappingState, event: MappingEvent): boolean {
  return MAPPING_TRANSITIONS[state][event] !== undefined;
}

/**
 * The event an UpdateEventSourceMapping starts (pure): turning the mapping on or off is
 * `enable` / `disable` (Lambda answers Enabling / Disabling), any other change `update`.
 */
export function updateEvent(state: MappingState, enabled: boolean | undefined): MappingEvent {
  if (enabled === true && state === 'Disabled') return 'enable';
  if (enabled === false && state === 'Enabled') return 'disable';
  return 'update';
}

/** The event that settles a transitional state once the pollers follow `enabled`. */
export const settleEvent = (enabled: boolean): MappingEvent => (enabled ? 'enabled' : 'disabled');

/** States a restart finds mid-way (a crash between the two writes) and settles again. */
export const TRANSITIONAL: readonly MappingState[] = ['Creating', 'Enabling', 'Disabling', 'Updating'];
