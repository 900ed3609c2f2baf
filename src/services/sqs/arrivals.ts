// Who wants to know that messages arrived in a queue (by name): long-polling receives
// waiting in this process, and in-process subscribers (event-source pollers) so they
// need not spin. Notified after a send's commit.
import type { Clock } from '../../kernel/clock';

export class Arrivals {
  private listeners = new Map<string, Set<() => void>>();

  constructor(private readonly clock: Clock) {}

  subscribe(queueName: string, listener: () => void): () => void {
    let set = this.listeners.get(queueName);
    if (!set) this.listeners.set(queueName, (set = new Set()));
    set.add(listener);
    return () => {
      set!.delete(listener);
      if (set!.size === 0 && this.listeners.get(queueName) === set) this.listeners.delete(queueName);
    };
  }

  notify(queueName: string): void {
    const set = this.listeners.get(queueName);
    if (!set) return;
    for (const fn of [...set]) {
      try { fn(); } catch { /* a subscriber's failure is its own */ }
    }
  }

  /** Resolves at the first arrival in the queue, after `ms`, or when `signal` aborts, whichever comes first. */
  wait(queueName: string, ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        timer.cancel();
        unsubscribe();
        signal?.removeEventListener('abort', finish);
        resolve();
      };
      const unsubscribe = this.subscribe(queueName, finish);
      const timer = this.clock.setTimer(Math.max(0, ms), finish);
      if (signal?.aborted) finish();
      else signal?.addEventListener('abort', finish);
    });
  }
}
