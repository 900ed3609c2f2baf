// Pre-initialised spares: for a function version whose Init is heavy, the pool keeps one
// environment initialised off any request's path. The next invocation that finds every
// other environment busy takes it instead of paying a cold start, and a new spare starts
// then. An unused spare idles out like any environment.
import type { FunctionVersion } from '../registry/model';
import type { ExecutionEnvironment } from './execution-environment';
import type { StartGate } from './start-gate';

export class Spares {
  /** Per environment key: its spares not used yet. */
  private byKey = new Map<string, Set<ExecutionEnvironment>>();

  /** `create` makes an environment of `config` that the pool tracks, not yet started. */
  constructor(private readonly create: (config: FunctionVersion, key: string) => ExecutionEnvironment,
    private readonly gate: StartGate) {}

  of(key: string): ReadonlySet<ExecutionEnvironment> | undefined {
    const set = this.byKey.get(key);
    return set && set.size > 0 ? set : undefined;
  }

  /** Starts a spare of `config` if it has none and a start slot is free; its Init runs now. */
  add(config: FunctionVersion, key: string): void {
    let set = this.byKey.get(key);
    if (set && set.size > 0) return;
    const started = this.gate.tryTake();
    if (!started) return;
    if (!set) this.byKey.set(key, (set = new Set()));
    const env = this.create(config, key);
    set.add(env);
    void env.start('on-demand', undefined, true).then(() => env.initDone).then(
      (init) => { if (!init.ok) set!.delete(env); },
      () => { set!.delete(env); env.stop('start-failed'); },
    ).finally(started);
  }

  /** `env` is about to run an invocation: if it was a spare, it is one no more and the next starts. */
  use(env: ExecutionEnvironment): void {
    if (this.byKey.get(env.key)?.delete(env)) this.add(env.config, env.key);
  }

  /** `env` stopped. */
  forget(env: ExecutionEnvironment): void {
    const set = this.byKey.get(env.key);
    if (!set?.delete(env)) return;
    if (set.size === 0) this.byKey.delete(env.key);
  }
}
