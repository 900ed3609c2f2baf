// A FIFO async mutex. The SQLite adapter holds it for the whole of a transaction
// (better-sqlite3 has one connection, and its transaction cannot span an await on its
// own), and plain queries issued meanwhile queue behind it.

export class AsyncMutex {
  private held = false;
  private readonly waiters: Array<() => void> = [];

  /** True while someone holds the lock or is being handed it. */
  get locked(): boolean {
    return this.held;
  }

  /** Resolves once the caller holds the lock; callers are served in arrival order. */
  acquire(): Promise<void> {
    if (!this.held) {
      this.held = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Hands the lock straight to the next waiter (so nobody can barge in), or frees it. */
  release(): void {
    const next = this.waiters.shift();
    if (next) next();
    else this.held = false;
  }

  /** Runs fn holding the lock. */
  async with<T>(fn: () => T | Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await fn();
    } finally {
      this.release();
    }
  }
}
