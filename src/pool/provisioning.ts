// Provisioned concurrency in the pool: for each owner (a function version or alias with a
// provisioned concurrency config) N environments are started and initialised ahead of any
// request (AWS_LAMBDA_INITIALIZATION_TYPE=provisioned-concurrency), kept out of idle
// eviction, and replaced if one dies. One whose Init fails is not replaced: the config
// reports the failure instead of spinning.
import type { FunctionVersion } from '../registry/model';
import type { ExecutionEnvironment } from './execution-environment';

export interface ProvisionStatus { requested: number; allocated: number; failure?: string }

interface Owner { config: FunctionVersion; key: string; target: number; envs: Set<ExecutionEnvironment>; failure?: string }

export class Provisioning {
  private owners = new Map<string, Owner>();

  /** `create` makes an environment of `config` that the pool tracks, not yet started. */
  constructor(private readonly create: (config: FunctionVersion) => ExecutionEnvironment,
    private readonly keyOf: (config: FunctionVersion) => string) {}

  /** Keeps `n` environments of `config` initialised for `owner`; 0 releases them. */
  set(owner: string, config: FunctionVersion, n: number): void {
    let o = this.owners.get(owner);
    const key = this.keyOf(config);
    if (o && o.key !== key) {
      // The alias moved, or the version changed: the old environments are released.
      for (const e of o.envs) release(e);
      o.envs.clear();
    }
    if (n <= 0) {
      if (o) for (const e of o.envs) release(e);
      this.owners.delete(owner);
      return;
    }
    if (!o) this.owners.set(owner, (o = { config, key, target: n, envs: new Set() }));
    Object.assign(o, { config, key, target: n, failure: undefined });
    const extra = [...o.envs].sort((a, b) => Number(a.state.name === 'busy') - Number(b.state.name === 'busy'));
    while (o.envs.size > n) {
      const e = extra.shift()!;
      o.envs.delete(e);
      release(e);
    }
    while (o.envs.size < n) this.startOne(o);
  }

  status(owner: string): ProvisionStatus | undefined {
    const o = this.owners.get(owner);
    if (!o) return undefined;
    let allocated = 0;
    for (const e of o.envs) if (e.state.name === 'idle' || e.state.name === 'busy') allocated++;
    return { requested: o.target, allocated, failure: o.failure };
  }

  hasKey(key: string): boolean {
    for (const o of this.owners.values()) if (o.key === key) return true;
    return false;
  }

  /** The provisioned environments of an environment key. */
  *idleOf(key: string): Iterable<ExecutionEnvironment> {
    for (const o of this.owners.values()) if (o.key === key) for (const e of o.envs) if (e.state.name === 'idle') yield e;
  }

  /** The pool saw `env` stop: a provisioned one that died is replaced, unless its Init failed. */
  stopped(env: ExecutionEnvironment): void {
    for (const o of this.owners.values()) {
      if (!o.envs.delete(env)) continue;
      const reason = env.state.name === 'stopped' ? env.state.reason : undefined;
      if (reason === 'init-error' || reason === 'init-timeout' || reason === 'start-failed') continue;
      if (reason !== 'shutdown' && o.envs.size < o.target && !o.failure) this.startOne(o);
    }
  }

  private startOne(o: Owner): void {
    const env = this.create(o.config);
    env.provisioned = true;
    o.envs.add(env);
    env.start('provisioned-concurrency').then(() => env.initDone).then(
      (init) => { if (!init.ok) o.failure = `${init.errorType}: Init failed`; },
      (err: unknown) => { o.failure = `could not start: ${(err as Error).message}`; env.stop('start-failed'); },
    );
  }
}

function release(e: ExecutionEnvironment): void {
  e.provisioned = false;
  if (e.state.name === 'idle') e.stop('retired');
}
