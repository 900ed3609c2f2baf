// One execution environment: an OS process running a runtime, its own Runtime API
// server, its output capture and its timers. Every state change goes through
// transition() (environment.ts); this file performs the side effects around them.
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, type Duplex } from 'node:stream';
import type { Channel } from '../kernel/channel';
import type { Clock, TimerHandle } from '../kernel/clock';
import { hexId, logStreamName } from '../kernel/ids';
import type { FunctionVersion } from '../registry/model';
import { FRAME, encodeFrame } from '../runtime-api/frames';
import { PipeRuntime } from '../runtime-api/pipe-runtime';
import { RuntimeApiServer, type RuntimeApiListener, type RuntimeChannel } from '../runtime-api/runtime-api-server';
import { transition, startKind, type EnvEvent, type EnvState, type StartKind, type StopReason } from './environment';
import type { EnvironmentProcess, Executor } from './executor';
import { lambdaEnvironment } from './lambda-env';
import { parseStatus } from './memory';
import { OutputCapture, type LogEvent } from './output-capture';
import { runtimeCommand } from './runtimes';
import type { StemCell } from './stem-cells';
import { failure, type InitOutcome, type InvocationInput, type InvocationResult } from './invocation';
import { settleInvocation } from './invocation-run';

export const INIT_TIMEOUT_MS = 10_000;

export interface EnvironmentDeps {
  executor: Executor;
  clock: Clock;
  region: string;
  /** This Nimbus's AWS endpoint once it listens (AWS_ENDPOINT_URL of every function). */
  awsEndpoint?: () => string | undefined;
  /** Directory under which each environment gets its own TMPDIR. */
  envRoot: string;
  logs: Channel<LogEvent>;
  /** How often a busy environment's memory is checked. */
  watchdogMs: number;
}

export class ExecutionEnvironment {
  readonly id = hexId(8);
  state: EnvState;
  readonly logStream: string;
  readonly output: OutputCapture;
  proc!: EnvironmentProcess;
  api!: RuntimeChannel;
  private tmpDir: string;
  private initStarted = 0;
  /** What the runtime said (its first /next, or an init error) while the environment was still
   * `starting`: a fast runtime may speak before the launcher has reported the spawn. */
  private early?: () => void;
  private initTimer?: TimerHandle;
  private initResolve!: (o: InitOutcome) => void;
  readonly initDone: Promise<InitOutcome>;
  /** Set while an invocation runs: ends it early (timeout, out of memory, exit). */
  interrupt?: (r: { errorType: string; message: string; reason: StopReason }) => void;
  onStopped?: (env: ExecutionEnvironment) => void;
  /** Kept initialised for provisioned concurrency: never stopped for idling. */
  provisioned = false;
  /** Private memory at the last reading, MiB (memory-budget.ts). */
  privateMb?: number;

  constructor(readonly config: FunctionVersion, readonly key: string, readonly deps: EnvironmentDeps) {
    this.state = { name: 'starting', since: deps.clock.now() };
    this.logStream = logStreamName(config.version, deps.clock.now());
    this.output = new OutputCapture(`/aws/lambda/${config.functionName}`, this.logStream, deps.logs, deps.clock);
    this.tmpDir = join(deps.envRoot, this.id);
    this.initDone = new Promise((r) => { this.initResolve = r; });
  }

  /**
   * Starts the process and its Init; resolve initDone to learn how Init went. With a stem
   * cell (already running the runtime), the cell is given the function's environment
   * instead of a new process being spawned: only the handler's Init is left to run.
   */
  async start(initializationType: 'on-demand' | 'provisioned-concurrency' = 'on-demand', cell?: StemCell,
    preInitialised = false): Promise<void> {
    mkdirSync(this.tmpDir, { recursive: true });
    const listener: RuntimeApiListener = {
      onNext: () => this.onNext(),
      onInitError: (payload, errorType) => {
        if (this.state.name === 'starting') this.early = () => this.finishInit({ ok: false, payload, errorType });
        else this.finishInit({ ok: false, payload, errorType });
      },
    };
    const cmd = runtimeCommand(this.config);
    const pipe = cmd.channel === 'pipe';
    if (!pipe) this.api = await RuntimeApiServer.start(listener);
    const env = lambdaEnvironment({ config: this.config, region: this.deps.region, runtime: pipe ? { fd: 3 } : { api: this.api.address },
      runtimeDir: cmd.runtimeDir, logStreamName: this.logStream, tmpDir: this.tmpDir, initializationType,
      awsEndpoint: this.deps.awsEndpoint?.() });
    this.initStarted = this.deps.clock.monotonic();
    if (cell) {
      this.proc = cell.proc;
      this.apply({ type: 'ready' });
      this.apply({ type: 'assign' });
      this.api = new PipeRuntime(cell.channel, listener);
      cell.channel.write(encodeFrame(FRAME.specialise, { env }, ''));
    } else {
      this.proc = await this.deps.executor.start({ command: cmd.command, args: cmd.args, env, cwd: this.config.codeDir, channel: pipe });
      if (pipe) this.api = new PipeRuntime(this.proc.channel ?? closedChannel(), listener);
      if (this.state.name !== 'starting') this.proc.kill(); // stopped while it was being spawned
      else this.apply({ type: 'init', path: initializationType === 'provisioned-concurrency' ? 'provisioned'
        : preInitialised ? 'pre-initialised' : undefined });
    }
    this.output.beginTail();
    this.proc.onOutput((stream, chunk) => this.output.write(stream, chunk));
    this.initTimer = this.deps.clock.setTimer(INIT_TIMEOUT_MS, () => {
      this.finishInit(failure('Sandbox.Timedout', `Init timed out after ${(INIT_TIMEOUT_MS / 1000).toFixed(2)} seconds`));
    });
    void this.proc.exited.then((info) => this.onExit(info.code, info.signal));
    this.early?.();
    this.early = undefined;
  }

  apply(event: EnvEvent): void {
    this.state = transition(this.state, event, this.deps.clock.now());
  }

  private onNext(): void {
    // A fast runtime may ask for work before the launcher has reported the spawn: Init ends
    // as soon as the environment knows it began.
    if (this.state.name === 'starting') { this.early = () => this.onNext(); return; }
    if (this.state.name !== 'initializing') return; // a later /next: the runtime is ready again
    this.finishInit({ ok: true, initDurationMs: this.deps.clock.monotonic() - this.initStarted });
  }

  private finishInit(outcome: InitOutcome): void {
    if (this.state.name !== 'initializing') return;
    this.initTimer?.cancel();
    if (outcome.ok) {
      this.apply({ type: 'inited', initDurationMs: outcome.initDurationMs });
    } else {
      outcome.initDurationMs = this.deps.clock.monotonic() - this.initStarted;
      this.stop(outcome.errorType === 'Sandbox.Timedout' ? 'init-timeout' : 'init-error');
    }
    this.initResolve(outcome);
  }

  /** Runs one invocation; the environment must be idle. */
  invoke(input: InvocationInput): Promise<InvocationResult> {
    return settleInvocation(this, input);
  }

  /** Reads the process's memory now (synchronously: a few microseconds from /proc). */
  memoryNow(): { rssMb: number; peakMb: number } | undefined {
    try { return parseStatus(readFileSync(`/proc/${this.proc.pid}/status`, 'latin1')); } catch { return undefined; }
  }

  stop(reason: StopReason): void {
    if (this.state.name === 'stopped') return;
    this.apply({ type: 'stop', reason });
    this.proc?.kill();
  }

  private onExit(code: number | null, signal: string | null): void {
    const detail = signal ? `signal: ${signal === 'SIGKILL' ? 'killed' : signal}` : `exit status ${code}`;
    this.output.flush();
    if (this.state.name === 'initializing') {
      this.finishInit(failure('Runtime.ExitError', `Runtime exited with error: ${detail}`));
    }
    this.interrupt?.({ errorType: 'Runtime.ExitError', message: `Runtime exited with error: ${detail}`, reason: 'exit' });
    if (this.state.name !== 'stopped') this.apply({ type: 'exited', reason: 'exit' });
    void this.api?.close();
    rmSync(this.tmpDir, { recursive: true, force: true });
    this.onStopped?.(this);
  }

  /** The start kind of the invocation now running. */
  startKind(): StartKind {
    return this.state.name === 'busy' ? startKind(this.state) : 'warm';
  }
}

/** The channel of a process that could not be spawned: already ended (its exit reports why). */
function closedChannel(): Duplex {
  const d = new PassThrough();
  d.destroy();
  return d;
}
