// A synchronous fan-out channel: publishers never wait for listeners, so recording,
// metering and logging stay off the invoke path (listeners batch their own work).

export class Channel<T> {
  private listeners = new Set<(value: T) => void>();
  subscribe(fn: (value: T) => void): () => void {
    this.listeners.add(fn);
    return () => { this.listeners.delete(fn); };
  }
  publish(value: T): void {
    for (const fn of this.listeners) {
      try { fn(value); } catch { /* a listener's failure never reaches the publisher */ }
    }
  }
}
