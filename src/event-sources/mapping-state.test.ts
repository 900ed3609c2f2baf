import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canTransition, MAPPING_TRANSITIONS, transition, updateEvent, type MappingState } from './mapping-state';

test('the lifecycle Lambda reports: Creating → Enabled → Disabling → Disabled → Enabling → Enabled', () => {
  let s: MappingState = 'Creating';
  for (const [event, want] of [['enabled', 'Enabled'], ['disable', 'Disabling'], ['disabled', 'Disabled'], ['enable', 'Enabling'],
    ['enabled', 'Enabled'], ['update', 'Updating'], ['disabled', 'Disabled'], ['delete', 'Deleting']] as const) {
    s = transition(s, event);
    assert.equal(s, want);
  }
});

test('illegal events throw ILLEGAL_TRANSITION; Deleting accepts nothing', () => {
  assert.throws(() => transition('Enabled', 'enable'), { code: 'ILLEGAL_TRANSITION' });
  assert.throws(() => transition('Creating', 'update'), { code: 'ILLEGAL_TRANSITION' });
  for (const e of ['enable', 'disable', 'update', 'delete', 'enabled', 'disabled'] as const) assert.equal(canTransition('Deleting', e), false);
  for (const s of Object.keys(MAPPING_TRANSITIONS) as MappingState[]) if (s !== 'Deleting') assert.equal(transition(s, 'delete'), 'Deleting');
});

test('an update is enable / disable when it flips Enabled, else update', () => {
  assert.equal(updateEvent('Disabled', true), 'enable');
  assert.equal(updateEvent('Enabled', false), 'disable');
  assert.equal(updateEvent('Enabled', true), 'update');
  assert.equal(updateEvent('Disabled', undefined), 'update');
});
