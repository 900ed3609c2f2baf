// Stem cells: runtime processes started ahead of demand, before they have a function. Node
// and the runtime are loaded and wait on their channel; a cold start takes one and sends it
// the function's environment, so only the handler's own Init is on the request's path.
// Kept per runtime command (the runtime and the V8 flags its memory size fixes at spawn),
// sized to the recent cold-start rate, replenished off the request path, and stopped when
// cold starts stop (scale to zero). A runtime command with `zygote` (Python) has its cells
// forked from one process that has imported the runtime and boto3 (launcher/zygotes.ts).
import type { Duplex } from 'node:stream';
import type { Clock, TimerHandle } from '../kernel/clock';
import { FRAME, FrameReader } from '../runtime-api/frames';
import type { EnvironmentProcess, Executor } from './executor';
import type { RuntimeCommand } from './runtimes';
import { stemCellTarget } from './schedule';

export interface StemCell { proc: EnvironmentProcess; channel: Duplex }

interface Line { cmd: RuntimeCommand; ready: StemCell[]; starting: number; coldStarts: number[]; primed: boolean }

const WINDOW_MS = 10_000;
/** How long after a cold start took a cell its replacement starts booting. */
const REFILL_DELAY_MS = 50;

export class StemCells {
  private lines = new Map<string, Line>();
  private timer?: TimerHandle;
  /** Every cell process not yet handed out, starting or ready. */
  private live = new Set<EnvironmentProcess>();
  private stopped = false;
  /** Cells spawned since the start (tests and metrics: a pool that spins shows here). */
  spawned = 0;

  /** Cells booting at once across all lines: more only compete for the cores with each other
   * and with the requests (measured: 8 at once made back-to-back cold starts' p99 ~450 ms). */
  private starting = 0;

  constructor(private readonly executor: Executor, private readonly clock: Clock,
    private readonly baseEnv: Record<string, string>, private readonly cwd: string, private readonly maxStarting = 2) {
    this.arm();
  }

  /** A ready stem cell for `cmd`, if one is waiting; the cold start is counted either way. */
  take(cmd: RuntimeCommand): StemCell | undefined {
    const line = this.line(cmd);
    line.coldStarts.push(this.clock.now());
    const cell = line.ready.shift();
    if (cell) this.live.delete(cell.proc);
    // The replacement boots a little later: booting a runtime takes tens of ms of CPU, which
    // would otherwise compete with this cold start's own Init and first invoke for the cores.
    this.clock.setTimer(REFILL_DELAY_MS, () => this.fill(line));
    return cell;
  }

  /** Keeps at least one cell for `cmd` (a function that exists and may be called). */
  prime(cmd: RuntimeCommand): void {
    const line = this.line(cmd);
    line.primed = true;
    this.fill(line);
  }

  shutdown(): void {
    this.stopped = true;
    this.timer?.cancel();
    for (const line of this.lines.values()) line.ready.length = 0;
    for (const p of this.live) p.kill();
    this.live.clear();
  }

  private line(cmd: RuntimeCommand): Line {
    const key = [cmd.command, ...cmd.args].join(' ');
    let line = this.lines.get(key);
    if (!line) this.lines.set(key, (line = { cmd, ready: [], starting: 0, coldStarts: [], primed: false }));
    return line;
  }

  private target(line: Line): number {
    const since = this.clock.now() - WINDOW_MS;
    line.coldStarts = line.coldStarts.filter((t) => t >= since);
    return stemCellTarget(line.coldStarts.length, line.primed);
  }

  private fill(line: Line): void {
    if (this.stopped) return;
    const target = this.target(line);
    while (line.ready.length + line.starting < target && this.starting < this.maxStarting) this.spawn(line);
    while (line.ready.length > target) {
      const extra = line.ready.pop()!;
      this.live.delete(extra.proc);
      extra.proc.kill();
    }
  }

  /** Cells waiting for a function and cells booting, across every runtime. */
  counts(): { ready: number; starting: number; spawned: number } {
    let ready = 0;
    for (const line of this.lines.values()) ready += line.ready.length;
    return { ready, starting: this.starting, spawned: this.spawned };
  }

  private spawn(line: Line): void {
    this.spawned++;
    line.starting++;
    this.starting++;
    void this.executor.start({ command: line.cmd.command, args: line.cmd.args, cwd: this.cwd, channel: true,
      zygote: line.cmd.zygote, env: { ...this.baseEnv, _NIMBUS_RUNTIME_FD: '3', _NIMBUS_STEM_CELL: '1' } }).then((proc) => this.watch(line, proc));
  }

  /** Waits for the new cell's "ready"; it joins the line then, or is dropped if it fails first. */
  private watch(line: Line, proc: EnvironmentProcess): void {
    const channel = proc.channel;
    let done = false;
    const settle = (ok: boolean) => {
      if (done) return;
      done = true;
      line.starting--;
      this.starting--;
      channel?.off('data', onData);
      if (ok && !this.stopped) line.ready.push({ proc, channel: channel! });
      else { this.live.delete(proc); proc.kill(); }
      for (const l of this.lines.values()) this.fill(l); // the next waiting boot may start
    };
    const reader = new FrameReader((f) => settle(f.kind === FRAME.ready), () => settle(false));
    const onData = (chunk: Buffer) => reader.push(chunk);
    if (!channel || this.stopped) return settle(false);
    this.live.add(proc);
    channel.on('data', onData);
    channel.on('error', () => settle(false));
    void proc.exited.then(() => {
      settle(false);
      this.live.delete(proc);
      const i = line.ready.findIndex((c) => c.proc === proc);
      if (i >= 0) line.ready.splice(i, 1);
    });
  }

  /** Re-sizes every line now and then: cells of runtimes nobody cold-starts any more stop. */
  private arm(): void {
    this.timer = this.clock.setTimer(WINDOW_MS, () => {
      for (const line of this.lines.values()) this.fill(line);
      this.arm();
    });
  }
}
