// Subscription filter policies as SNS evaluates them (pure): a policy is a conjunction of
// keys, each matching when any of its rules matches; `$or` splits it into alternatives.
// MessageAttributes scope matches the message attributes (String, Number, String.Array;
// Binary never matches a value); MessageBody scope matches the JSON body, nested keys as
// paths, arrays meaning "any element". Rules: exact strings, numbers, booleans and null,
// prefix, suffix, equals-ignore-case, anything-but (values, prefix, suffix), numeric ranges,
// exists, cidr. Validation (SNS's messages) is in filter-policy-check.ts.
import type { MessageAttribute } from './model';

export type FilterPolicyScope = 'MessageAttributes' | 'MessageBody';
type Json = string | number | boolean | null | Json[] | { [k: string]: Json };
type Leaf = string | number | boolean | null;
/** One alternative: every path must match one of its rules. */
type Conjunction = Map<string, Json[]>;

/** The alternatives of a policy: `$or` multiplies them, nested objects become dotted paths. */
export function alternatives(policy: Record<string, Json>, prefix = '', start: Conjunction[] = [new Map()]): Conjunction[] {
  let out = start;
  for (const [key, value] of Object.entries(policy)) {
    if (key === '$or' && Array.isArray(value)) {
      out = value.flatMap((branch) => alternatives(branch as Record<string, Json>, prefix, out));
    } else if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      out = alternatives(value, `${prefix}${key}.`, out);
    } else {
      const rules = Array.isArray(value) ? value : [value];
      out = out.map((c) => new Map(c).set(`${prefix}${key}`, rules));
    }
  }
  return out;
}

export interface FilterInput { attributes: Record<string, MessageAttribute>; body: string }

export function matchesFilterPolicy(policy: Record<string, Json>, scope: FilterPolicyScope, message: FilterInput): boolean {
  const lookup = scope === 'MessageBody' ? bodyLookup(message.body) : attributeLookup(message.attributes);
  if (!lookup) return false;
  return alternatives(policy).some((c) => [...c].every(([path, rules]) => {
    const values = lookup(path);
    return rules.some((r) => matchesRule(r, values));
  }));
}

/** The values at a path, or undefined when absent. */
type Lookup = (path: string) => Leaf[] | undefined;

function attributeLookup(attrs: Record<string, MessageAttribute>): Lookup {
  return (path) => {
    const a = attrs[path];
    if (!a) return undefined;
    if (a.Type.startsWith('Number')) return [Number(a.Value)];
    if (a.Type === 'String.Array') {
      try {
        const list = JSON.parse(a.Value) as unknown;
        return Array.isArray(list) ? list.filter((v): v is Leaf => v === null || typeof v !== 'object') : [];
      } catch { return []; }
    }
    if (a.Type.startsWith('String')) return [a.Value];
    return [];
  };
}

function bodyLookup(body: string): Lookup | undefined {
  let doc: unknown;
  try { doc = JSON.parse(body); } catch { return undefined; }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return undefined;
  return (path) => {
    let nodes: unknown[] = [doc];
    for (const key of path.split('.')) {
      nodes = nodes.flatMap((n) => (Array.isArray(n) ? n : [n]))
        .filter((n): n is Record<string, unknown> => n !== null && typeof n === 'object' && key in n)
        .map((n) => n[key]);
      if (!nodes.length) return undefined;
    }
    const leaves = nodes.flatMap(function flat(n): unknown[] { return Array.isArray(n) ? n.flatMap(flat) : [n]; });
    return leaves.filter((v): v is Leaf => v === null || typeof v !== 'object');
  };
}

function matchesRule(rule: Json, values: Leaf[] | undefined): boolean {
  if (rule === null || typeof rule !== 'object' || Array.isArray(rule)) return values !== undefined && values.some((v) => same(rule as Leaf, v));
  const [op, arg] = Object.entries(rule)[0] ?? [];
  if (op === 'exists') return (values !== undefined) === arg;
  if (values === undefined) return false;
  return values.some((v) => matchesOperator(op, arg, v));
}

const same = (rule: Leaf, v: Leaf): boolean => (typeof rule === 'number' ? typeof v === 'number' && v === rule : rule === v);

function matchesOperator(op: string | undefined, arg: Json, v: Leaf): boolean {
  switch (op) {
    case 'prefix': return typeof v === 'string' && v.startsWith(String(arg));
    case 'suffix': return typeof v === 'string' && v.endsWith(String(arg));
    case 'equals-ignore-case': return typeof v === 'string' && v.toLowerCase() === String(arg).toLowerCase();
    case 'numeric': return typeof v === 'number' && Number.isFinite(v) && numericMatch(arg as (string | number)[], v);
    case 'cidr': return typeof v === 'string' && inCidr(String(arg), v);
    case 'anything-but': {
      if (Array.isArray(arg)) return !arg.some((a) => same(a as Leaf, v));
      if (arg !== null && typeof arg === 'object') {
        const [inner, innerArg] = Object.entries(arg)[0] ?? [];
        return typeof v === 'string' && !matchesOperator(inner, innerArg, v);
      }
      return !same(arg, v);
    }
    default: return false;
  }
}

function numericMatch(terms: (string | number)[], v: number): boolean {
  for (let i = 0; i + 1 < terms.length; i += 2) {
    const n = Number(terms[i + 1]);
    const ok = { '=': v === n, '>': v > n, '>=': v >= n, '<': v < n, '<=': v <= n }[String(terms[i])];
    if (!ok) return false;
  }
  return true;
}

/** Whether an IPv4 or IPv6 address lies in a CIDR block. */
export function inCidr(cidr: string, address: string): boolean {
  const [net, bits] = cidr.split('/');
  const a = ipBits(address);
  const n = ipBits(net);
  if (!a || !n || a.width !== n.width) return false;
  const shift = BigInt(a.width - Number(bits));
  return a.value >> shift === n.value >> shift;
}

export function ipBits(ip: string): { value: bigint; width: number } | undefined {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (v4) {
    const parts = v4.slice(1).map(Number);
    if (parts.some((p) => p > 255)) return undefined;
    return { value: parts.reduce((acc, p) => (acc << 8n) | BigInt(p), 0n), width: 32 };
  }
  if (!ip.includes(':') || !/^[0-9a-fA-F:]+$/.test(ip)) return undefined;
  const [head, tail, extra] = ip.split('::');
  if (extra !== undefined) return undefined;
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  if (groups.length !== 8 || groups.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  return { value: groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n), width: 128 };
}
