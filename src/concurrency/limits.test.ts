import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { reservationRefusal, throttleReason, unreservedCapacity } from './limits';

const view = (o: { limit?: number; reserved?: [string, number][]; inFlight?: [string, number][]; unreserved?: number }) => ({
  accountLimit: o.limit ?? 1000, reserved: new Map(o.reserved ?? []), inFlight: new Map(o.inFlight ?? []),
  unreservedInFlight: o.unreserved ?? 0,
});

describe('concurrency limits', () => {
  it('caps a function at its reservation, 0 throttling everything', () => {
    assert.equal(throttleReason(view({ reserved: [['f', 2]], inFlight: [['f', 1]] }), 'f'), undefined);
    assert.equal(throttleReason(view({ reserved: [['f', 2]], inFlight: [['f', 2]] }), 'f'),
      'ReservedFunctionConcurrentInvocationLimitExceeded');
    assert.equal(throttleReason(view({ reserved: [['f', 0]] }), 'f'), 'ReservedFunctionConcurrentInvocationLimitExceeded');
  });
  it('lets unreserved functions share what reservations leave, and no more', () => {
    const v = view({ limit: 300, reserved: [['r', 150]], unreserved: 149 });
    assert.equal(unreservedCapacity(300, v.reserved), 150);
    assert.equal(throttleReason(v, 'g'), undefined);
    assert.equal(throttleReason({ ...v, unreservedInFlight: 150 }, 'g'), 'ConcurrentInvocationLimitExceeded');
    // The reserved function is not affected by the unreserved pool being full.
    assert.equal(throttleReason({ ...v, unreservedInFlight: 150 }, 'r'), undefined);
  });
  it('refuses a reservation that leaves less than 100 unreserved, counting the others', () => {
    assert.equal(reservationRefusal(1000, new Map(), 'f', 900), undefined);
    assert.match(reservationRefusal(1000, new Map(), 'f', 901) ?? '', /below its minimum value of \[100\]/);
    assert.match(reservationRefusal(1000, new Map([['g', 500]]), 'f', 401) ?? '', /minimum/);
    // Changing f's own reservation does not count its old value.
    assert.equal(reservationRefusal(1000, new Map([['f', 900]]), 'f', 900), undefined);
  });
});
