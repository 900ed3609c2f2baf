// Reserved concurrency and the account limit at run time: every execution takes a slot from
// its function's reservation or from the unreserved pool (limits.ts decides), or is
// throttled with Lambda's TooManyRequestsException and Reason. Settings persist in the store.
import { InvalidParameterValueException, TooManyRequestsException } from '../registry/errors';
import { reservationRefusal, throttleReason, unreservedCapacity } from './limits';
import type { ConcurrencyStore } from './store';

/** Seconds a throttled caller is told to wait (Retry-After). */
export const RETRY_AFTER_SECONDS = 1;

export class ReservedConcurrency {
  private inFlight = new Map<string, number>();
  private unreservedInFlight = 0;

  private constructor(private readonly store: ConcurrencyStore, private readonly reserved: Map<string, number>,
    readonly accountLimit: number) {}

  static async open(store: ConcurrencyStore, accountLimit: number): Promise<ReservedConcurrency> {
    return new ReservedConcurrency(store, await store.reservations(), accountLimit);
  }

  /** Takes one execution slot of `functionName`; throws TooManyRequestsException when none is free. */
  acquire(functionName: string): () => void {
    const reason = throttleReason({ accountLimit: this.accountLimit, reserved: this.reserved, inFlight: this.inFlight,
      unreservedInFlight: this.unreservedInFlight }, functionName);
    if (reason) throw new TooManyRequestsException('Rate Exceeded.', reason, RETRY_AFTER_SECONDS);
    const unreserved = !this.reserved.has(functionName);
    this.inFlight.set(functionName, (this.inFlight.get(functionName) ?? 0) + 1);
    if (unreserved) this.unreservedInFlight++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const n = (this.inFlight.get(functionName) ?? 1) - 1;
      if (n === 0) this.inFlight.delete(functionName);
      else this.inFlight.set(functionName, n);
      if (unreserved) this.unreservedInFlight--;
    };
  }

  get(functionName: string): number | undefined {
    return this.reserved.get(functionName);
  }

  async put(functionName: string, n: number): Promise<void> {
    const refusal = reservationRefusal(this.accountLimit, this.reserved, functionName, n);
    if (refusal) throw new InvalidParameterValueException(refusal);
    await this.store.putReserved(functionName, n);
    this.reserved.set(functionName, n);
  }

  async delete(functionName: string): Promise<void> {
    await this.store.deleteReserved(functionName);
    this.reserved.delete(functionName);
  }

  /** GetAccountSettings' limits. */
  limits(): { concurrentExecutions: number; unreservedConcurrentExecutions: number } {
    return { concurrentExecutions: this.accountLimit, unreservedConcurrentExecutions: unreservedCapacity(this.accountLimit, this.reserved) };
  }

  /** Executions in flight now, per function (for GetAccountSettings and tests). */
  running(functionName?: string): number {
    if (functionName !== undefined) return this.inFlight.get(functionName) ?? 0;
    let sum = 0;
    for (const n of this.inFlight.values()) sum += n;
    return sum;
  }
}
