import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FakeClock } from '../kernel/clock';
import { CpuSlots } from './cpu-slots';

const settle = () => new Promise((r) => setImmediate(r));

describe('CPU governor', () => {
  it('runs up to `slots` at once and admits waiters first come first served', async () => {
    const slots = new CpuSlots(2, new FakeClock());
    const order: string[] = [];
    const a = await slots.acquire();
    const b = await slots.acquire();
    void Promise.resolve(slots.acquire()).then((r) => { order.push('c'); return r; });
    void Promise.resolve(slots.acquire()).then((r) => { order.push('d'); return r; });
    await settle();
    assert.deepEqual(order, []);
    a();
    a(); // releasing twice frees one slot only
    await settle();
    assert.deepEqual(order, ['c']);
    b();
    await settle();
    assert.deepEqual(order, ['c', 'd']);
  });

  it('admits a waiter anyway after the longest wait', async () => {
    const clock = new FakeClock();
    const slots = new CpuSlots(1, clock, 1000);
    await slots.acquire();
    let admitted = false;
    void Promise.resolve(slots.acquire()).then(() => { admitted = true; });
    clock.advance(999);
    await settle();
    assert.equal(admitted, false);
    clock.advance(1);
    await settle();
    assert.equal(admitted, true);
  });

  it('does nothing with 0 slots', async () => {
    const slots = new CpuSlots(0, new FakeClock());
    for (let i = 0; i < 100; i++) await slots.acquire();
  });
});
