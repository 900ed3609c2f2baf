// Event filtering (FilterCriteria.Filters[].Pattern): EventBridge-style patterns matched
// against the record an event source would send (pure). A record passes when any filter
// matches; a mapping without filters passes everything. Supported: exact values (strings,
// numbers, booleans, null), `prefix`, `suffix`, `equals-ignore-case`, `anything-but`
// (values, or {prefix}/{suffix}), `numeric` ranges, `exists`, `wildcard` and `$or`.

type Json = unknown;
type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

export class InvalidPatternError extends Error {}

/** Parses and checks one Pattern string; throws InvalidPatternError. */
export function parsePattern(text: string): Obj {
  let p: unknown;
  try { p = JSON.parse(text); } catch { throw new InvalidPatternError('not JSON'); }
  if (!isObj(p)) throw new InvalidPatternError('a pattern is a JSON object');
  checkPattern(p);
  return p;
}

function checkPattern(p: Obj): void {
  for (const [key, v] of Object.entries(p)) {
    if (key === '$or') {
      if (!Array.isArray(v) || v.length < 2 || !v.every(isObj)) throw new InvalidPatternError('$or takes a list of patterns');
      v.forEach((x) => checkPattern(x as Obj));
    } else if (Array.isArray(v)) {
      if (v.length === 0) throw new InvalidPatternError(`empty list at ${key}`);
      for (const m of v) if (isObj(m)) checkMatcher(m);
    } else if (isObj(v)) checkPattern(v);
    else throw new InvalidPatternError(`the value of ${key} must be a list or an object`);
  }
}

const OPERATORS = ['prefix', 'suffix', 'equals-ignore-case', 'anything-but', 'numeric', 'exists', 'wildcard', 'cidr'];

function checkMatcher(m: Obj): void {
  const keys = Object.keys(m);
  if (keys.length !== 1 || !OPERATORS.includes(keys[0])) throw new InvalidPatternError(`unknown matcher ${JSON.stringify(m)}`);
  const [op] = keys;
  const v = m[op];
  if (op === 'numeric' && (!Array.isArray(v) || v.length === 0 || v.length % 2 !== 0)) throw new InvalidPatternError('numeric takes operator, value pairs');
  if (op === 'exists' && typeof v !== 'boolean') throw new InvalidPatternError('exists takes true or false');
}

/** Whether `event` matches `pattern` (already parsed). */
export function matchesPattern(pattern: Obj, event: Json): boolean {
  for (const [key, v] of Object.entries(pattern)) {
    if (key === '$or') {
      if (!(v as Obj[]).some((alt) => matchesPattern(alt, event))) return false;
      continue;
    }
    const value = isObj(event) ? event[key] : undefined;
    if (Array.isArray(v)) {
      if (!matchesLeaf(v, value)) return false;
    } else if (!isObj(value) || !matchesPattern(v as Obj, value)) {
      return false;
    }
  }
  return true;
}

/** A list of matchers against a value: any matcher against the value (or any element of an array value). */
function matchesLeaf(matchers: unknown[], value: unknown): boolean {
  for (const m of matchers) {
    if (isObj(m) && 'exists' in m) {
      if ((value !== undefined) === m.exists) return true;
      continue;
    }
    if (value === undefined) continue;
    const values = Array.isArray(value) ? value : [value];
    if (values.some((x) => matchesOne(m, x))) return true;
  }
  return false;
}

function matchesOne(m: unknown, x: unknown): boolean {
  if (!isObj(m)) return typeof m === 'number' && typeof x === 'number' ? m === x : m === x;
  const [op, arg] = Object.entries(m)[0];
  switch (op) {
    case 'prefix': return typeof x === 'string' && (isObj(arg) ? x.toLowerCase().startsWith(String(arg['equals-ignore-case']).toLowerCase()) : x.startsWith(String(arg)));
    case 'suffix': return typeof x === 'string' && (isObj(arg) ? x.toLowerCase().endsWith(String(arg['equals-ignore-case']).toLowerCase()) : x.endsWith(String(arg)));
    case 'equals-ignore-case': return typeof x === 'string' && x.toLowerCase() === String(arg).toLowerCase();
    case 'anything-but': return anythingBut(arg, x);
    case 'numeric': return typeof x === 'number' && numeric(arg as unknown[], x);
    case 'wildcard': return typeof x === 'string' && wildcard(String(arg)).test(x);
    default: return false;
  }
}

function anythingBut(arg: unknown, x: unknown): boolean {
  if (isObj(arg)) {
    if ('prefix' in arg) return typeof x === 'string' && !x.startsWith(String(arg.prefix));
    if ('suffix' in arg) return typeof x === 'string' && !x.endsWith(String(arg.suffix));
    if ('equals-ignore-case' in arg) {
      const list = ([] as unknown[]).concat(arg['equals-ignore-case']).map((s) => String(s).toLowerCase());
      return typeof x === 'string' && !list.includes(x.toLowerCase());
    }
    return false;
  }
  return !([] as unknown[]).concat(arg).some((a) => a === x);
}

function numeric(spec: unknown[], x: number): boolean {
  for (let i = 0; i < spec.length; i += 2) {
    const op = spec[i];
    const n = Number(spec[i + 1]);
    const ok = op === '=' ? x === n : op === '<' ? x < n : op === '<=' ? x <= n : op === '>' ? x > n : op === '>=' ? x >= n : false;
    if (!ok) return false;
  }
  return true;
}

function wildcard(p: string): RegExp {
  return new RegExp(`^${p.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 's');
}

/** A mapping's filters: none passes everything, else any one matching. */
export function passesFilters(patterns: readonly Obj[], record: Json): boolean {
  return patterns.length === 0 || patterns.some((p) => matchesPattern(p, record));
}
