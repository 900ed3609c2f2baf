// The pool owns the execution environments of every function version: it reuses a
// warm one when it can, starts a cold one when it must, stops idle ones after the
// idle timeout (scale to zero) and retires those whose code or configuration changed.
// Its choices are the pure functions of schedule.ts.
import type { TimerHandle } from '../kernel/clock';
import type { FunctionVersion } from '../registry/model';
import { ExecutionEnvironment, type EnvironmentDeps } from './execution-environment';
import type { InitOutcome, InvocationInput, InvocationResult } from './invocation';
import { endLine, reportLine, startLine } from './log-lines';
import { CpuSlots } from './cpu-slots';
import { NEW_ENVIRONMENT_MB, budgetEvictions, readPrivateMb } from './memory-budget';
import { Provisioning, type ProvisionStatus } from './provisioning';
import { runtimeCommand } from './runtimes';
import { StartGate } from './start-gate';
import type { StemCells } from './stem-cells';
import { HEAVY_INIT_MS, billedDurationMs, evictions, ewma, isShortInvocation, pickWarm } from './schedule';

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

/** How often every environment's private memory is read for the budget. */
const MEMORY_SAMPLE_MS = 2000;

export interface EnvironmentInfo {
  id: string; functionName: string; version: string; state: string; pid: number; logStream: string;
}

export const environmentKey = (c: FunctionVersion): string => `${c.functionArn}:${c.version}:${c.revisionId}`;

export class Pool {
  private byKey = new Map<string, Set<ExecutionEnvironment>>();
  private retired = new Set<string>();
  private sweeper?: TimerHandle;
  private sampler?: TimerHandle;
  private readonly governor: CpuSlots;
  /** Moving average of invocation durations per environment key. */
  private durations = new Map<string, number>();

  private readonly provisioning: Provisioning;
  private readonly gate: StartGate;
  /** Pre-initialised spares of heavy-Init function versions, per key, until first used. */
  private spares = new Map<string, Set<ExecutionEnvironment>>();

  constructor(private opts: PoolOptions) {
    this.governor = new CpuSlots(opts.cpuSlots ?? 0, opts.clock);
    this.gate = new StartGate(opts.maxStarting ?? 0);
    this.provisioning = new Provisioning((config) => {
      const env = new ExecutionEnvironment(config, environmentKey(config), this.opts);
      this.add(env);
      return env;
    }, environmentKey);
    this.armSweeper();
    this.armSampler();
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
    for (;;) {
      const warm = this.idleEnvironment(key);
      if (warm) return this.run(warm, input);
      const started = this.gate.tryTake();
      if (started) return this.cold(config, key, input, started);
      await this.gate.wait(key); // too many starting: the next free slot, or an environment that turns idle
    }
  }

  private idleEnvironment(key: string): ExecutionEnvironment | undefined {
    const envs = this.byKey.get(key);
    if (!envs) return undefined;
    const view = (e: ExecutionEnvironment) => ({ id: e.id, state: e.state.name, since: e.state.since });
    const spares = this.spares.get(key);
    const used = spares && spares.size > 0 ? [...envs].filter((e) => !spares.has(e)) : envs;
    // Provisioned first, then the most recently used, and a spare only when nothing else is idle.
    return (this.provisioning.hasKey(key) && pickWarm(this.provisioning.idleOf(key), view)) || pickWarm(used, view)
      || (spares && pickWarm(spares, view));
  }

  /** A cold start holding a start slot, given back once Init is over. */
  private async cold(config: FunctionVersion, key: string, input: InvocationInput, started: () => void)
    : Promise<InvocationResult> {
    this.fitBudget(NEW_ENVIRONMENT_MB);
    const env = new ExecutionEnvironment(config, key, this.opts);
    this.add(env);
    const cmd = runtimeCommand(config);
    const cell = cmd.channel === 'pipe' ? this.opts.stemCells?.take(cmd) : undefined;
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
    if (!init.ok) return this.initFailure(env, input, init);
    // Only a stem-cell start measures the handler's Init alone (a spawn's includes the runtime's boot).
    if (cell && (init.initDurationMs ?? 0) >= HEAVY_INIT_MS) this.addSpare(config, key);
    return this.run(env, input);
  }

  /**
   * Starts one pre-initialised spare of a heavy-Init version (if it has none and a start slot
   * is free), off any request's path: its Init runs now, and the next invocation that finds
   * every environment busy takes it instead of paying a cold start. Replenished when used;
   * an unused spare idles out like any environment.
   */
  private addSpare(config: FunctionVersion, key: string): void {
    let set = this.spares.get(key);
    if (set && set.size > 0) return;
    const started = this.gate.tryTake();
    if (!started) return;
    if (!set) this.spares.set(key, (set = new Set()));
    const env = new ExecutionEnvironment(config, key, this.opts);
    this.add(env);
    set.add(env);
    void env.start('on-demand', undefined, true).then(() => env.initDone).then(
      (init) => { if (!init.ok) set!.delete(env); },
      () => { set!.delete(env); env.stop('start-failed'); },
    ).finally(started);
  }

  private async run(env: ExecutionEnvironment, input: InvocationInput): Promise<InvocationResult> {
    const spare = this.spares.get(env.key)?.delete(env) === true;
    if (spare) this.addSpare(env.config, env.key); // a spare was needed: the next one starts now
    const result = await env.invoke(input);
    this.durations.set(env.key, ewma(this.durations.get(env.key), result.durationMs));
    if (this.retired.has(env.key) && env.state.name === 'idle' && !env.provisioned) env.stop('retired');
    else if (env.state.name === 'idle') this.gate.idle(env.key);
    return result;
  }

  /** Init failed on a cold start: the invocation answers with the init error, as Lambda's does. */
  private initFailure(env: ExecutionEnvironment, input: InvocationInput, init: InitOutcome & { ok: false }): InvocationResult {
    const cfg = env.config;
    const initMs = init.initDurationMs ?? 0;
    env.output.line(startLine(input.requestId, cfg.version));
    env.output.line(endLine(input.requestId));
    const billed = billedDurationMs(initMs);
    env.output.line(reportLine({ requestId: input.requestId, durationMs: initMs, billedDurationMs: billed,
      memorySizeMb: cfg.memorySize, maxMemoryUsedMb: 0, initDurationMs: initMs }));
    return { requestId: input.requestId, ok: false, payload: init.payload, errorType: init.errorType, start: 'cold',
      durationMs: initMs, billedDurationMs: billed, initDurationMs: initMs, memorySizeMb: cfg.memorySize,
      maxMemoryUsedMb: 0, logTail: env.output.endTail() };
  }

  private add(env: ExecutionEnvironment): void {
    let set = this.byKey.get(env.key);
    if (!set) this.byKey.set(env.key, (set = new Set()));
    set.add(env);
    env.onStopped = (e) => {
      if (e.provisioned) this.provisioning.stopped(e);
      this.spares.get(e.key)?.delete(e);
      const s = this.byKey.get(e.key);
      s?.delete(e);
      if (s && s.size === 0) { this.byKey.delete(e.key); this.retired.delete(e.key); this.durations.delete(e.key); }
    };
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

  /** Stops least recently used idle environments until the budget holds `incomingMb` more. */
  private fitBudget(incomingMb: number): void {
    const budget = this.opts.memoryBudgetMb;
    if (!budget) return;
    const all = this.all();
    const stop = new Set(budgetEvictions(all.map((e) => ({ id: e.id, state: e.state.name, since: e.state.since,
      privateMb: e.privateMb ?? NEW_ENVIRONMENT_MB, pinned: e.provisioned })), budget, incomingMb));
    if (stop.size > 0) for (const e of all) if (stop.has(e.id)) e.stop('memory-budget');
  }

  /** Reads every environment's private memory now and then, and applies the budget: busy
   * environments grow, and the idle ones pay for it. */
  private armSampler(): void {
    if (!this.opts.memoryBudgetMb) return;
    this.sampler = this.opts.clock.setTimer(MEMORY_SAMPLE_MS, () => {
      for (const e of this.all()) {
        if (e.proc && e.state.name !== 'stopped') e.privateMb = readPrivateMb(e.proc.pid) ?? e.privateMb;
      }
      this.fitBudget(0);
      this.armSampler();
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
    if (cmd.channel === 'pipe') this.opts.stemCells?.prime(cmd);
  }

  /** The stem cells' counts, if the pool has stem cells. */
  stemCellCounts(): ReturnType<StemCells['counts']> | undefined {
    return this.opts.stemCells?.counts();
  }

  async shutdown(): Promise<void> {
    this.sweeper?.cancel();
    this.sampler?.cancel();
    this.opts.stemCells?.shutdown();
    const all = this.all();
    for (const e of all) e.stop('shutdown');
    await Promise.all(all.map((e) => e.proc?.exited));
  }
}
