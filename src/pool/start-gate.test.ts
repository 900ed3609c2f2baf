import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StartGate } from './start-gate';

describe('StartGate', () => {
  it('lets `max` starts run at once and wakes the first waiter when one ends', async () => {
    const gate = new StartGate(2);
    const a = gate.tryTake()!;
    assert.ok(gate.tryTake());
    assert.equal(gate.tryTake(), undefined);
    const woken: string[] = [];
    void gate.wait('f').then(() => woken.push('first'));
    void gate.wait('g').then(() => woken.push('second'));
    a();
    a(); // ending twice frees one slot only
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(woken, ['first']);
  });

  it('wakes the first waiter of a function whose environment turned idle', async () => {
    const gate = new StartGate(1);
    gate.tryTake();
    const woken: string[] = [];
    void gate.wait('f').then(() => woken.push('f1'));
    void gate.wait('g').then(() => woken.push('g1'));
    gate.idle('g');
    gate.idle('h'); // nobody waits for h
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(woken, ['g1']);
  });

  it('passes a free slot on when the woken invocation did not need it', async () => {
    const gate = new StartGate(1);
    const slot = gate.tryTake()!;
    const woken: string[] = [];
    void gate.wait('f').then(() => { woken.push('f'); gate.passOn(); }); // f found an idle environment instead
    void gate.wait('g').then(() => woken.push('g'));
    slot();
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(woken, ['f', 'g'], 'g is woken for the slot f did not take');
    const other = gate.tryTake()!;
    void gate.wait('h').then(() => woken.push('h'));
    gate.passOn(); // no slot free: nobody more is woken
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(woken, ['f', 'g']);
    other();
  });

  it('never blocks with max 0', () => {
    const gate = new StartGate(0);
    for (let i = 0; i < 50; i++) assert.ok(gate.tryTake());
  });
});
