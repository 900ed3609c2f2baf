// Filter policy validation as SNS answers it (pure): parses the attribute's JSON and returns
// the policy, or the text after `Invalid parameter: ` (Subscribe puts `Attributes Reason: `
// before it). Limits: 5 keys, 150 combinations; MessageAttributes scope allows no nesting.
import { alternatives, ipBits, type FilterPolicyScope } from './filter-policy';

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };
export type CheckedPolicy = { policy: Record<string, Json> } | { problem: string };

const NUMERIC_OPS = ['<', '<=', '=', '>', '>='];

class Problem extends Error {}
const fail = (m: string): never => { throw new Problem(`FilterPolicy: ${m}`); };

export function checkFilterPolicy(text: string, scope: FilterPolicyScope): CheckedPolicy {
  let policy: unknown;
  try { policy = JSON.parse(text); } catch { return { problem: 'FilterPolicy: failed to parse JSON.' }; }
  if (policy === null || typeof policy !== 'object' || Array.isArray(policy)) return { problem: 'FilterPolicy: failed to parse JSON.' };
  try {
    const p = policy as Record<string, Json>;
    if (Object.keys(p).filter((k) => k !== '$or').length > 5) fail('Filter policy can not have more than 5 keys');
    walk(p, scope, 1);
    const combos = alternatives(p).reduce((sum, c) => sum + [...c.values()].reduce((n, rules) => n * rules.length, 1), 0);
    if (combos > 150) fail('Filter policy is too complex');
    return { policy: p };
  } catch (e) {
    if (e instanceof Problem) return { problem: e.message };
    throw e;
  }
}

function walk(policy: Record<string, Json>, scope: FilterPolicyScope, depth: number): void {
  for (const [key, value] of Object.entries(policy)) {
    if (key === '$or') {
      if (!Array.isArray(value) || value.length < 2) fail('$or must be an array of at least 2 objects');
      for (const branch of value as Json[]) {
        if (branch === null || typeof branch !== 'object' || Array.isArray(branch)) fail('$or must be an array of at least 2 objects');
        walk(branch as Record<string, Json>, scope, depth);
      }
    } else if (Array.isArray(value)) {
      if (!value.length) fail('Empty arrays are not allowed');
      for (const rule of value) checkRule(rule);
    } else if (value !== null && typeof value === 'object') {
      if (scope === 'MessageAttributes') throw new Problem('Filter policy scope MessageAttributes does not support nested filter policy');
      walk(value, scope, depth + 1);
    } else {
      fail(`"${key}" must be an object or an array`);
    }
  }
}

function checkRule(rule: Json): void {
  if (rule === null || typeof rule === 'string' || typeof rule === 'boolean') return;
  if (typeof rule === 'number') { checkNumber(rule); return; }
  if (Array.isArray(rule)) fail('Match value must be String, number, true, false, or null');
  const entries = Object.entries(rule as Record<string, Json>);
  if (entries.length !== 1) fail('Only one key allowed in match expression');
  const [op, arg] = entries[0];
  switch (op) {
    case 'prefix': case 'suffix': case 'equals-ignore-case':
      if (typeof arg !== 'string') fail(`${op} match pattern must be a string`);
      return;
    case 'exists':
      if (typeof arg !== 'boolean') fail('exists match pattern must be either true or false.');
      return;
    case 'anything-but':
      if (Array.isArray(arg)) {
        for (const v of arg) if (v !== null && typeof v === 'object') fail('Inside anything but list, start|null|boolean is not supported.');
        return;
      }
      if (arg !== null && typeof arg === 'object') {
        const [inner, innerArg] = Object.entries(arg)[0] ?? [];
        if (!['prefix', 'suffix', 'equals-ignore-case'].includes(inner ?? '')) fail(`Unsupported anything-but pattern: ${inner}`);
        if (typeof innerArg !== 'string') fail(`${inner} match pattern must be a string`);
        return;
      }
      if (typeof arg === 'number') checkNumber(arg);
      return;
    case 'numeric': checkNumeric(arg); return;
    case 'cidr': checkCidr(arg); return;
    default: fail(`Unrecognized match type ${op}`);
  }
}

function checkNumber(n: number): void {
  if (n <= -1e9 || n >= 1e9) fail('Numeric values must be between -1000000000 and 1000000000 (exclusive)');
}

function checkNumeric(arg: Json): void {
  if (!Array.isArray(arg) || !arg.length) fail('Invalid member in numeric match: ]');
  const terms = arg as Json[];
  const [op, value, op2, value2, ...rest] = terms;
  if (typeof op !== 'string') fail(`Invalid member in numeric match: ${op}`);
  if (!NUMERIC_OPS.includes(op as string)) fail(`Unrecognized numeric range operator: ${op}`);
  if (typeof value !== 'number') fail(`Value of ${op === '=' ? 'equals' : op} must be numeric`);
  checkNumber(value as number);
  if (terms.length === 2) return;
  if (op !== '>' && op !== '>=') fail('Too many elements in numeric expression');
  if (typeof op2 !== 'string') fail(`Bad value in numeric range: ${op2}`);
  if (op2 !== '<' && op2 !== '<=') fail(`Bad numeric range operator: ${op2}`);
  if (typeof value2 !== 'number') fail(`Value of ${op2} must be numeric`);
  checkNumber(value2 as number);
  if ((value2 as number) <= (value as number)) fail('Bottom must be less than top');
  if (rest.length) fail('Too many terms in numeric range expression');
}

function checkCidr(arg: Json): void {
  if (typeof arg !== 'string') fail('prefix match pattern must be a string');
  const parts = (arg as string).split('/');
  if (parts.length !== 2) fail("Malformed CIDR, one '/' required");
  if (!/^\d+$/.test(parts[1])) fail('Malformed CIDR, mask bits must be an integer');
  const ip = ipBits(parts[0]);
  if (!ip || Number(parts[1]) > ip.width) fail(`Nonstandard IP address: ${parts[0]}`);
}
