// At most `max` environments start (spawn + Init) at once. Booting hundreds of runtimes at
// the same moment on a few cores makes every one of them slow (measured here: 500 parallel
// `node -e 0` take 30 s to finish, and a burst of 500 cold invokes all hit the 10 s Init
// limit), while an invocation that waits a moment usually finds an environment that just
// finished its first request. Waiters are woken, first come first served, when a start slot
// frees up or when an environment of their function turns idle.
export class StartGate {
  private starting = 0;
  private waiters: { key: string; wake: () => void }[] = [];

  constructor(private readonly max: number) {}

  /** Takes a start slot if one is free; call the returned function when the start is over. */
  tryTake(): (() => void) | undefined {
    if (this.max > 0 && this.starting >= this.max) return undefined;
    this.starting++;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.starting--;
      this.waiters.shift()?.wake();
    };
  }

  /** Resolves at the next chance for an invocation of `key`: a free slot or an idle environment. */
  wait(key: string): Promise<void> {
    return new Promise((wake) => this.waiters.push({ key, wake }));
  }

  /**
   * A woken invocation found an idle environment and needs no slot: the chance it was woken for
   * passes to the next waiter while a slot is free, or that slot would sit unused while other
   * functions' invocations wait for a wake-up that never comes.
   */
  passOn(): void {
    if (this.max <= 0 || this.starting < this.max) this.waiters.shift()?.wake();
  }

  /** An environment of `key` turned idle: the first invocation waiting for that function may take it. */
  idle(key: string): void {
    const i = this.waiters.findIndex((w) => w.key === key);
    if (i >= 0) this.waiters.splice(i, 1)[0].wake();
  }
}
