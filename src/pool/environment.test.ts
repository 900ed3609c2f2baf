import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { NimbusError } from '../kernel/errors';
import { startKind, transition, TRANSITIONS, type EnvEvent, type EnvState, type StateName } from './environment';

const at = 1000;
const samples: Record<StateName, EnvState> = {
  starting: { name: 'starting', since: 0 },
  prewarmed: { name: 'prewarmed', since: 0 },
  initializing: { name: 'initializing', since: 0, path: 'on-demand' },
  idle: { name: 'idle', since: 0, invocations: 0, initDurationMs: 12.5, path: 'on-demand' },
  busy: { name: 'busy', since: 0, invocations: 1, requestId: 'r1', initDurationMs: 12.5, path: 'on-demand' },
  stopping: { name: 'stopping', since: 0, reason: 'timeout' },
  stopped: { name: 'stopped', since: 0, reason: 'timeout' },
};
const events: EnvEvent[] = [
  { type: 'ready' }, { type: 'init' }, { type: 'assign' }, { type: 'inited', initDurationMs: 7 },
  { type: 'invoke', requestId: 'r2' }, { type: 'done' }, { type: 'stop', reason: 'idle' }, { type: 'exited', reason: 'exit' },
];

// The whole table, row by row: [state, event, expected next state or 'illegal'].
const table: [StateName, EnvEvent['type'], StateName | 'illegal'][] = [
  ['starting', 'ready', 'prewarmed'], ['starting', 'init', 'initializing'], ['starting', 'assign', 'illegal'],
  ['starting', 'invoke', 'illegal'], ['starting', 'stop', 'stopping'], ['starting', 'exited', 'stopped'],
  ['prewarmed', 'assign', 'initializing'], ['prewarmed', 'stop', 'stopping'], ['prewarmed', 'exited', 'stopped'],
  ['prewarmed', 'invoke', 'illegal'], ['prewarmed', 'init', 'illegal'],
  ['initializing', 'inited', 'idle'], ['initializing', 'invoke', 'illegal'], ['initializing', 'done', 'illegal'],
  ['initializing', 'exited', 'stopped'], ['initializing', 'stop', 'stopping'],
  ['idle', 'invoke', 'busy'], ['idle', 'done', 'illegal'], ['idle', 'inited', 'illegal'], ['idle', 'stop', 'stopping'], ['idle', 'exited', 'stopped'],
  ['busy', 'done', 'idle'], ['busy', 'invoke', 'illegal'], ['busy', 'stop', 'stopping'], ['busy', 'exited', 'stopped'],
  ['stopping', 'exited', 'stopped'], ['stopping', 'invoke', 'illegal'], ['stopping', 'stop', 'stopping'],
  ['stopped', 'invoke', 'illegal'], ['stopped', 'stop', 'illegal'], ['stopped', 'exited', 'illegal'],
];

describe('environment state machine', () => {
  for (const [from, type, to] of table) {
    it(`${from} --${type}--> ${to}`, () => {
      const ev = events.find((e) => e.type === type)!;
      if (to === 'illegal') {
        assert.throws(() => transition(samples[from], ev, at), (e: unknown) => e instanceof NimbusError && e.code === 'ILLEGAL_TRANSITION');
      } else {
        const next = transition(samples[from], ev, at);
        assert.equal(next.name, to);
        assert.equal(next.since, from === 'stopping' && type === 'stop' ? 0 : at);
      }
    });
  }

  it('the table test covers every accepted transition', () => {
    for (const [from, row] of Object.entries(TRANSITIONS)) {
      for (const ev of Object.keys(row)) {
        assert.ok(table.some(([f, e, t]) => f === from && e === ev && t !== 'illegal'), `${from} --${ev}--> is untested`);
      }
    }
  });

  it('carries Init Duration to the first invocation only', () => {
    let s = transition(samples.initializing, { type: 'inited', initDurationMs: 42 }, 1);
    s = transition(s, { type: 'invoke', requestId: 'a' }, 2);
    assert.equal(s.name === 'busy' && s.initDurationMs, 42);
    assert.equal(s.name === 'busy' && startKind(s), 'cold');
    s = transition(s, { type: 'done' }, 3);
    s = transition(s, { type: 'invoke', requestId: 'b' }, 4);
    assert.equal(s.name === 'busy' && s.initDurationMs, undefined);
    assert.equal(s.name === 'busy' && startKind(s), 'warm');
  });

  it('a provisioned environment carries no Init Duration and reports a provisioned start, then warm', () => {
    let s = transition(samples.starting, { type: 'init', path: 'provisioned' }, 1);
    s = transition(s, { type: 'inited', initDurationMs: 80 }, 2);
    assert.equal(s.name === 'idle' && s.initDurationMs, undefined);
    s = transition(s, { type: 'invoke', requestId: 'a' }, 3);
    assert.equal(s.name === 'busy' && startKind(s), 'provisioned');
    s = transition(transition(s, { type: 'done' }, 4), { type: 'invoke', requestId: 'b' }, 5);
    assert.equal(s.name === 'busy' && startKind(s), 'warm');
  });

  it('a prewarmed environment reports a prewarmed start', () => {
    let s = transition(samples.prewarmed, { type: 'assign' }, 1);
    s = transition(s, { type: 'inited', initDurationMs: 3 }, 2);
    s = transition(s, { type: 'invoke', requestId: 'a' }, 3);
    assert.equal(s.name === 'busy' && startKind(s), 'prewarmed');
  });

  it('stopped keeps the first stop reason', () => {
    let s = transition(samples.busy, { type: 'stop', reason: 'timeout' }, 1);
    s = transition(s, { type: 'stop', reason: 'shutdown' }, 2);
    s = transition(s, { type: 'exited', reason: 'exit' }, 3);
    assert.deepEqual(s, { name: 'stopped', since: 3, reason: 'timeout' });
  });
});
