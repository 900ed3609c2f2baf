// The node's memory budget: the private memory of every execution environment together
// may not exceed it. When a cold start would go over, or the environments grew past it,
// the least recently used idle environments stop first; a busy, starting or provisioned
// environment is never stopped for the budget (an invocation in flight is never lost).
import { readFileSync } from 'node:fs';
import type { Clock, TimerHandle } from '../kernel/clock';

export interface BudgetedEnv {
  id: string;
  state: string;
  /** When it entered its current state (epoch ms): for an idle one, when it was last used. */
  since: number;
  /** Private memory, MiB (last reading, or an estimate before the first). */
  privateMb: number;
  /** Provisioned environments are promised to their function: never evicted. */
  pinned: boolean;
}

/**
 * Pure: which idle environments to stop, least recently used first, so that the total
 * plus `incomingMb` (a cold start about to happen) fits in `budgetMb`. Stops only as many
 * as needed; when the idle ones are not enough, stops them all and the rest is over budget
 * (only busy environments remain, which are never stopped).
 */
export function budgetEvictions(envs: readonly BudgetedEnv[], budgetMb: number, incomingMb = 0): string[] {
  let total = incomingMb;
  for (const e of envs) total += e.privateMb;
  if (total <= budgetMb) return [];
  const idle = envs.filter((e) => e.state === 'idle' && !e.pinned).sort((a, b) => a.since - b.since);
  const out: string[] = [];
  for (const e of idle) {
    if (total <= budgetMb) break;
    out.push(e.id);
    total -= e.privateMb;
  }
  return out;
}

/** Typical private memory of a new environment before it has been measured, MiB. */
export const NEW_ENVIRONMENT_MB = 8;

/** The default budget: half the machine's memory; the rest stays for the server, the page
 * cache (SQLite, code) and the environments' own growth between two readings. */
export const DEFAULT_BUDGET_SHARE = 0.5;

const PAGE_MB = 4096 / (1024 * 1024);

/**
 * A process's private memory in MiB from /proc/<pid>/statm: resident minus shared pages, that
 * is its anonymous resident memory (heap, stacks), which is what it alone costs the machine.
 * Cheap (one small read), so the pool can sample every environment every few seconds.
 */
export function readPrivateMb(pid: number): number | undefined {
  try {
    return parseStatm(readFileSync(`/proc/${pid}/statm`, 'latin1'));
  } catch {
    return undefined; // the process is gone
  }
}

/** Pure: `size resident shared text lib data dt` (pages) → (resident − shared) in MiB. */
export function parseStatm(text: string): number | undefined {
  const f = text.trim().split(/\s+/).map(Number);
  if (f.length < 3 || f.some((n) => !Number.isFinite(n))) return undefined;
  return Math.max(0, f[1] - f[2]) * PAGE_MB;
}

/** How often every environment's private memory is read. */
const SAMPLE_MS = 2000;

interface Measured extends BudgetedEnvSource { privateMb?: number }
/** What the budget needs of an execution environment. */
export interface BudgetedEnvSource {
  id: string; state: { name: string; since: number }; provisioned: boolean; proc?: { pid: number };
  stop(reason: 'memory-budget'): void;
}

/** Applies the budget to the pool's environments: before each cold start, and after each
 * reading of their memory (busy environments grow, and the idle ones pay for it). */
export class MemoryBudget {
  private timer?: TimerHandle;

  constructor(private readonly budgetMb: number, private readonly clock: Clock, private readonly all: () => Measured[]) {
    if (budgetMb > 0) this.arm();
  }

  /** Stops least recently used idle environments until the budget holds `incomingMb` more. */
  makeRoom(incomingMb = NEW_ENVIRONMENT_MB): void {
    if (this.budgetMb <= 0) return;
    const all = this.all();
    const stop = new Set(budgetEvictions(all.map((e) => ({ id: e.id, state: e.state.name, since: e.state.since,
      privateMb: e.privateMb ?? NEW_ENVIRONMENT_MB, pinned: e.provisioned })), this.budgetMb, incomingMb));
    if (stop.size > 0) for (const e of all) if (stop.has(e.id)) e.stop('memory-budget');
  }

  stop(): void {
    this.timer?.cancel();
  }

  private arm(): void {
    this.timer = this.clock.setTimer(SAMPLE_MS, () => {
      for (const e of this.all()) {
        if (e.proc && e.state.name !== 'stopped') e.privateMb = readPrivateMb(e.proc.pid) ?? e.privateMb;
      }
      this.makeRoom(0);
      this.arm();
    });
  }
}
