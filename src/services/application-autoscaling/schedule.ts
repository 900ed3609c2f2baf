// Schedule expressions of scheduled actions, as AWS writes them: `at(yyyy-mm-ddThh:mm:ss)`,
// `rate(N unit)` and `cron(min hour day-of-month month day-of-week year)` (AWS's six fields,
// `?` in one of the day fields, weekdays 1-7 = SUN-SAT). Cron and the wall-clock time of
// at() are evaluated by croner in the action's Timezone (UTC by default). Pure functions.
import { Cron } from 'croner';

export type Schedule =
  | { kind: 'at'; fields: [number, number, number, number, number, number] }
  | { kind: 'rate'; periodMs: number }
  | { kind: 'cron'; pattern: string };

export type ParsedSchedule = { ok: true; schedule: Schedule } | { ok: false; reason: string };

const UNIT_MS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

export function parseSchedule(expr: string): ParsedSchedule {
  const at = /^at\((\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\)$/.exec(expr);
  if (at) {
    const f = at.slice(1).map(Number) as [number, number, number, number, number, number];
    const d = new Date(Date.UTC(f[0], f[1] - 1, f[2], f[3], f[4], f[5]));
    const valid = d.getUTCFullYear() === f[0] && d.getUTCMonth() === f[1] - 1 && d.getUTCDate() === f[2]
      && d.getUTCHours() === f[3] && d.getUTCMinutes() === f[4] && d.getUTCSeconds() === f[5];
    return valid ? { ok: true, schedule: { kind: 'at', fields: f } } : { ok: false, reason: `Invalid date in ${expr}` };
  }
  const rate = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(expr);
  if (rate) {
    const n = Number(rate[1]);
    if (n < 1) return { ok: false, reason: `The rate value must be a positive integer: ${expr}` };
    return { ok: true, schedule: { kind: 'rate', periodMs: n * UNIT_MS[rate[2].replace(/s$/, '')] } };
  }
  const cron = /^cron\((.*)\)$/.exec(expr);
  if (cron) {
    const fields = cron[1].trim().split(/\s+/);
    if (fields.length !== 6) return { ok: false, reason: `A cron expression has 6 fields: ${expr}` };
    if (fields[2] !== '?' && fields[4] !== '?') {
      return { ok: false, reason: `Day-of-month or day-of-week must be '?' in a cron expression: ${expr}` };
    }
    const pattern = `0 ${fields.join(' ')}`;
    try {
      cronOf(pattern, 'UTC');
    } catch (e) {
      return { ok: false, reason: `Invalid cron expression ${expr}: ${(e as Error).message}` };
    }
    return { ok: true, schedule: { kind: 'cron', pattern } };
  }
  return { ok: false, reason: `Unsupported schedule expression: ${expr}` };
}

/** True for an IANA time zone name the runtime knows. */
export function isTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export interface FireWindow {
  /** Only times strictly after this (epoch ms) are returned. */
  after: number;
  /** When the action was created: rate schedules count from StartTime, else from here. */
  createdAt: number;
  startTime?: number;
  endTime?: number;
  timezone?: string;
}

/** The next firing of a schedule after `w.after` within [StartTime, EndTime], or null. */
export function nextFire(s: Schedule, w: FireWindow): number | null {
  const tz = w.timezone ?? 'UTC';
  let t: number | null;
  if (s.kind === 'rate') {
    const anchor = w.startTime ?? w.createdAt;
    t = anchor > w.after ? anchor : anchor + (Math.floor((w.after - anchor) / s.periodMs) + 1) * s.periodMs;
  } else if (s.kind === 'at') {
    const [y, mo, d, h, mi, se] = s.fields;
    t = cronOf(`${se} ${mi} ${h} ${d} ${mo} ? ${y}`, tz).nextRun(new Date(0))?.getTime() ?? null;
    if (t !== null && (t <= w.after || (w.startTime !== undefined && t < w.startTime))) t = null;
  } else {
    const from = w.startTime !== undefined && w.startTime - 1 > w.after ? w.startTime - 1 : w.after;
    t = cronOf(s.pattern, tz).nextRun(new Date(from))?.getTime() ?? null;
  }
  return t !== null && w.endTime !== undefined && t > w.endTime ? null : t;
}

function cronOf(pattern: string, timezone: string): Cron {
  return new Cron(pattern, { mode: '7-part', alternativeWeekdays: true, timezone, paused: true });
}
