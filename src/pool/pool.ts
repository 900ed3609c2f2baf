// The pool owns the execution environments of every function version: it reuses a
// warm one when it can, starts a cold one when it must, stops idle ones after the
// idle timeout (scale to zero) and retires those whose code or configuration changed.
// Its choices are the pure functions of schedule.ts.
import type { TimerHandle } from '../kernel/clock';
import type { FunctionVersion } from '../registry/model';
import { ExecutionEnvironment, type EnvironmentDeps } from './execution-environment';
import type { InitOutcome, InvocationInput, InvocationResult } from './invocation';
import { initFailure } from './invocation-run';
import { CpuSlots } from './cpu-slots';
import { MemoryBudget } from './memory-budget';
import { Spares } from './spares';
import { Provisioning, type ProvisionStatus } from './provisioning';
import { runtimeCommand, usesStemCells } from './runtimes';
import { StartGate } from './start-gate';
import type { StemCells } from './stem-cells';
import { HEAVY_INIT_MS, evictions, ewma, isShortInvocation, pickWarm } from './schedule';

export interface PoolOptions extends EnvironmentDeps {
  /** Idle environments stop after this long (Lambda keeps them minutes; 0 = never). */
  idleTimeoutMs: number;
  /** Short invocations running at once (cpu-slots.ts); 0 = no limit. */
  cpuSlots?: number;
  /** Environments starting at once (start-gate.ts); 0 = no limit. */
  maxStarting?: number;
  /** Pre-started runtimes for cold starts (stem-cells.ts); none = every cold start spawns. */
  stemCells?: StemCells;
  /** The environments' private memory together, MiB (memory-budget.ts); 0 or none = no budget. */
  memoryBudgetMb?: number;
}

export interface EnvironmentInfo {
  id: string; functionName: string; version: string; state: string; pid: number; logStream: string;
}

export const environmentKey = (c: FunctionVersion): string => `${c.functionArn}:${c.version}:${c.revisionId}`;

export class Pool {
  private byKey = new Map<string, Set<ExecutionEnvironment>>();
  private retired = new Set<string>();
  private sweeper?: TimerHandle;
  private readonly budget: MemoryBudget;
  private readonly governor: CpuSlots;
  /** Moving average of invocation durations per environment key. */
  private durations = new Map<string, number>();

  private readonly provisioning: Provisioning;
  private readonly gate: StartGate;
  /** Pre-initialised spares of heavy-Init function versions (spares.ts). */
  private readonly spares: Spares;

  constructor(private opts: PoolOptions) {
    this.governor = new CpuSlots(opts.cpuSlots ?? 0, opts.clock);
    this.gate = new StartGate(opts.maxStarting ?? 0);
    this.provisioning = new Provisioning((config) => this.add(new ExecutionEnvironment(config, environmentKey(config), this.opts)),
      environmentKey);
    this.spares = new Spares((config, key) => this.add(new ExecutionEnvironment(config, key, this.opts)), this.gate);
    this.budget = new MemoryBudget(opts.memoryBudgetMb ?? 0, opts.clock, () => this.all());
    this.armSweeper();
  }

  async invoke(config: FunctionVersion, input: InvocationInput): Promise<InvocationResult> {
    const key = environmentKey(config);
    if (!isShortInvocation(this.durations.get(key))) return this.place(config, key, input);
    const release = await this.governor.acquire();
    try {
      return await this.place(config, key, input);
    } finally {
      release();
    }
  }

  /** Runs the invocation on an idle provisioned environment, else the most recently used idle
   * one, else a new one (a cold start: traffic above the provisioned count spills over). */
  private async place(config: FunctionVersion, key: string, input: InvocationInput): Promise<InvocationResult> {
    for (let woken = false; ; woken = true) {
      const warm = this.idleEnvironment(key);
      if (warm) {
        if (woken) this.gate.passOn();
        return this.run(warm, input);
      }
      const started = this.gate.tryTake();
      if (started) return this.cold(config, key, input, started);
      await this.gate.wait(key); // too many starting: the next free slot, or an environment that turns idle
    }
  }

  private idleEnvironment(key: string): ExecutionEnvironment | undefined {
    const envs = this.byKey.get(key);
    if (!envs) return undefined;
    const view = (e: ExecutionEnvironment) => ({ id: e.id, state: e.state.name, since: e.state.since });
    const spares = this.spares.of(key);
    const used = spares ? [...envs].filter((e) => !spares.has(e)) : envs;
    // Provisioned first, then the most recently used, and a spare only when nothing else is idle.
    return (this.provisioning.hasKey(key) && pickWarm(this.provisioning.idleOf(key), view)) || pickWarm(used, view)
      || (spares && pickWarm(spares, view));
  }

  /** A cold start holding a start slot, given back once Init is over. */
  private async cold(config: FunctionVersion, key: string, input: InvocationInput, started: () => void)
    : Promise<InvocationResult> {
    this.budget.makeRoom();
    const env = this.add(new ExecutionEnvironment(config, key, this.opts));
    const cmd = runtimeCommand(config);
    const cell = usesStemCells(cmd) ? this.opts.stemCells?.take(cmd) : undefined;
    let init: InitOutcome;
    try {
      await env.start('on-demand', cell);
      init = await env.initDone;
    } catch (err) {
      env.stop('start-failed');
      this.byKey.get(key)?.delete(env);
      throw err;
    } finally {
      started();
    }
    if (!init.ok) return initFailure(env, input, init);
    // Only a stem-cell start measures the handler's Init alone (a spawn's includes the runtime's boot).
    if (cell && (init.initDurationMs ?? 0) >= HEAVY_INIT_MS) this.spares.add(config, key);
    return this.run(env, input);
  }

  private async run(env: ExecutionEnvironment, input: InvocationInput): Promise<InvocationResult> {
    this.spares.use(env);
    const result = await env.invoke(input);
    this.durations.set(env.key, ewma(this.durations.get(env.key), result.durationMs));
    if (this.retired.has(env.key) && env.state.name === 'idle' && !env.provisioned) env.stop('retired');
    else if (env.state.name === 'idle') this.gate.idle(env.key);
    return result;
  }

  private add(env: ExecutionEnvironment): ExecutionEnvironment {
    let set = this.byKey.get(env.key);
    if (!set) this.byKey.set(env.key, (set = new Set()));
    set.add(env);
    env.onStopped = (e) => {
      if (e.provisioned) this.provisioning.stopped(e);
      this.spares.forget(e);
      const s = this.byKey.get(e.key);
      s?.delete(e);
      if (s && s.size === 0) { this.byKey.delete(e.key); this.retired.delete(e.key); this.durations.delete(e.key); }
    };
    return env;
  }

  /** Keeps `n` environments of `config` initialised ahead of demand for `owner` ("fn:qualifier"); 0 releases them. */
  provision(owner: string, config: FunctionVersion, n: number): void {
    this.provisioning.set(owner, config, n);
  }

  provisionStatus(owner: string): ProvisionStatus | undefined {
    return this.provisioning.status(owner);
  }

  /** Retires every environment of a function except those at `keepKey`: idle ones stop now, busy ones when done. */
  retire(functionArn: string, keepKey?: string): void {
    for (const [key, set] of this.byKey) {
      if (!key.startsWith(`${functionArn}:`) || key === keepKey) continue;
      this.retired.add(key);
      for (const e of set) if (e.state.name === 'idle' && !e.provisioned) e.stop('retired');
    }
  }

  private armSweeper(): void {
    const { idleTimeoutMs, clock } = this.opts;
    if (idleTimeoutMs <= 0) return;
    const every = Math.max(10, Math.min(1000, Math.floor(idleTimeoutMs / 2)));
    this.sweeper = clock.setTimer(every, () => {
      const all = this.all().filter((e) => !e.provisioned);
      const stop = new Set(evictions(all.map((e) => ({ id: e.id, state: e.state.name, since: e.state.since })),
        clock.now(), idleTimeoutMs));
      for (const e of all) if (stop.has(e.id)) e.stop('idle');
      this.armSweeper();
    });
  }

  private all(): ExecutionEnvironment[] {
    return [...this.byKey.values()].flatMap((s) => [...s]);
  }

  environments(): EnvironmentInfo[] {
    return this.all().map((e) => ({ id: e.id, functionName: e.config.functionName, version: e.config.version,
      state: e.state.name, pid: e.proc?.pid ?? -1, logStream: e.logStream }));
  }

  /** Keeps a stem cell ready for the runtime `config` needs (a function that may be called soon). */
  prime(config: FunctionVersion): void {
    const cmd = runtimeCommand(config);
    if (usesStemCells(cmd)) this.opts.stemCells?.prime(cmd);
  }

  /** The stem cells' counts, if the pool has stem cells. */
  stemCellCounts(): ReturnType<StemCells['counts']> | undefined {
    return this.opts.stemCells?.counts();
  }

  async shutdown(): Promise<void> {
    this.sweeper?.cancel();
    this.budget.stop();
    this.opts.stemCells?.shutdown();
    const all = this.all();
    for (const e of all) e.stop('shutdown');
    await Promise.all(all.map((e) => e.proc?.exited));
  }
}
