// The CPU governor: short invocations (a few milliseconds of work) run at most `slots` at a
// time across the pool; the rest wait a moment, first come first served. On a machine with
// few cores, dozens of environment processes answering tiny requests at once spend their
// time switching between processes, not running code (measured here: 64 concurrent
// connections to a hello function, 2 cores: ~2,200 req/s over 64 hot processes, ~5,200 with
// 4 at a time). Invocations that take longer, or whose length is not known yet, are not
// governed: they scale out at once, as on Lambda. A waiter never waits longer than
// `maxWaitMs`, so a governed function that turns slow holds the others up for that long at
// most, until its moving average takes it out of the governor.
import type { Clock, TimerHandle } from '../kernel/clock';

export class CpuSlots {
  private running = 0;
  private queue: { admit: () => void; timer: TimerHandle }[] = [];

  constructor(private readonly slots: number, private readonly clock: Clock, private readonly maxWaitMs = 1000) {}

  /** Resolves when the invocation may run; call the returned release() when it is done. */
  acquire(): Promise<() => void> | (() => void) {
    if (this.slots <= 0) return noop;
    if (this.running < this.slots && this.queue.length === 0) return this.take();
    return new Promise((resolve) => {
      const entry = {
        admit: () => resolve(this.take()),
        timer: this.clock.setTimer(this.maxWaitMs, () => {
          // Waited long enough: run anyway (over the limit) rather than stall the caller.
          const i = this.queue.indexOf(entry);
          if (i >= 0) this.queue.splice(i, 1);
          resolve(this.take());
        }),
      };
      this.queue.push(entry);
    });
  }

  private take(): () => void {
    this.running++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.running--;
      while (this.running < this.slots && this.queue.length > 0) {
        const next = this.queue.shift()!;
        next.timer.cancel();
        next.admit();
      }
    };
  }
}

const noop = (): void => {};
