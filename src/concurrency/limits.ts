// Lambda's concurrency rules as pure functions over plain data. An account has a limit of
// concurrent executions (1000 by default). A function's reserved concurrency is both its cap
// and capacity no other function may take; functions without a reservation share what is
// left (the unreserved pool), which may never be set below 100.

export const DEFAULT_ACCOUNT_LIMIT = 1000;
export const UNRESERVED_MINIMUM = 100;

export type ThrottleReason = 'ReservedFunctionConcurrentInvocationLimitExceeded' | 'ConcurrentInvocationLimitExceeded';

export interface ConcurrencyView {
  accountLimit: number;
  /** Reserved concurrency per function name. */
  reserved: ReadonlyMap<string, number>;
  /** Executions in flight per function name. */
  inFlight: ReadonlyMap<string, number>;
  /** Executions in flight of functions without a reservation. */
  unreservedInFlight: number;
}

export function totalReserved(reserved: ReadonlyMap<string, number>, except?: string): number {
  let sum = 0;
  for (const [fn, n] of reserved) if (fn !== except) sum += n;
  return sum;
}

/** What functions without a reservation share. */
export function unreservedCapacity(accountLimit: number, reserved: ReadonlyMap<string, number>): number {
  return accountLimit - totalReserved(reserved);
}

/** Why one more execution of `fn` would be throttled now, or undefined when it may run. */
export function throttleReason(v: ConcurrencyView, fn: string): ThrottleReason | undefined {
  const reserved = v.reserved.get(fn);
  if (reserved !== undefined) {
    return (v.inFlight.get(fn) ?? 0) >= reserved ? 'ReservedFunctionConcurrentInvocationLimitExceeded' : undefined;
  }
  return v.unreservedInFlight >= unreservedCapacity(v.accountLimit, v.reserved) ? 'ConcurrentInvocationLimitExceeded' : undefined;
}

/** Lambda's refusal of a reservation of `n` for `fn`, or undefined when it is allowed. */
export function reservationRefusal(accountLimit: number, reserved: ReadonlyMap<string, number>, fn: string, n: number)
  : string | undefined {
  if (accountLimit - totalReserved(reserved, fn) - n < UNRESERVED_MINIMUM) {
    return 'Specified ReservedConcurrentExecutions for function decreases account\'s UnreservedConcurrentExecution '
      + `below its minimum value of [${UNRESERVED_MINIMUM}].`;
  }
  return undefined;
}
