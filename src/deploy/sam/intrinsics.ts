// Evaluates CloudFormation intrinsic functions in a template value: Ref, Fn::GetAtt,
// Fn::Sub, Fn::Join, Fn::Select, Fn::Split, Fn::If, Fn::Equals/Not/And/Or, Condition,
// Fn::FindInMap, Fn::Base64, Fn::ImportValue (placeholder), Fn::GetAZs. AWS::NoValue
// removes the key (or list item) it stands in. Names are looked up through the
// StackScope, which knows parameters, pseudo-parameters, conditions and resources.

import { show } from '../deploy-error';
import type { KeyPath } from './yaml-template';

export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

export interface StackScope {
  fail(detail: string, path: KeyPath): never;
  warn(message: string): void;
  /** Ref of a parameter, pseudo-parameter or resource (fails on unknown names). */
  ref(name: string, path: KeyPath): unknown;
  getAtt(logicalId: string, attribute: string, path: KeyPath): unknown;
  condition(name: string, path: KeyPath): boolean;
  findInMap(map: string, top: string, second: string, path: KeyPath): unknown;
  region: string;
}

function isIntrinsic(v: unknown): v is Record<string, unknown> {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return false;
  const keys = Object.keys(v);
  if (keys.length !== 1) return false;
  const k = keys[0];
  return k === 'Ref' || k.startsWith('Fn::') || (k === 'Condition' && typeof (v as Record<string, unknown>)[k] === 'string');
}

export function resolveValue(value: unknown, path: KeyPath, s: StackScope): unknown {
  if (Array.isArray(value)) {
    return value.map((v, i) => resolveValue(v, [...path, i], s)).filter((v) => v !== NO_VALUE);
  }
  if (isIntrinsic(value)) {
    const [fn, arg] = Object.entries(value)[0];
    return evaluate(fn, arg, [...path, fn], s);
  }
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const r = resolveValue(v, [...path, k], s);
      if (r !== NO_VALUE) out[k] = r;
    }
    return out;
  }
  return value;
}

/** A resolved scalar as the string CloudFormation would substitute. */
export function asString(v: unknown, path: KeyPath, s: StackScope): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return s.fail(`expected a string, got ${show(v)}`, path);
}

function list(v: unknown, n: number | undefined, what: string, path: KeyPath, s: StackScope): unknown[] {
  if (!Array.isArray(v) || (n !== undefined && v.length !== n)) {
    s.fail(`${what} expects a list${n !== undefined ? ` of ${n}` : ''}, got ${show(v)}`, path);
  }
  return v as unknown[];
}

function evaluate(fn: string, arg: unknown, path: KeyPath, s: StackScope): unknown {
  const r = (v: unknown, p: KeyPath = path) => resolveValue(v, p, s);
  switch (fn) {
    case 'Ref': {
      if (typeof arg !== 'string') return s.fail(`Ref expects a name, got ${show(arg)}`, path);
      if (arg === 'AWS::NoValue') return NO_VALUE;
      return s.ref(arg, path);
    }
    case 'Fn::GetAtt': {
      const a = typeof arg === 'string' ? arg.split(/\.(.*)/s).slice(0, 2) : r(arg);
      const [id, attr] = list(a, 2, fn, path, s);
      return s.getAtt(asString(id, path, s), asString(attr, path, s), path);
    }
    case 'Condition':
      return s.condition(arg as string, path);
    case 'Fn::Sub': return substitute(arg, path, s);
    case 'Fn::Join': {
      const [delim, items] = list(arg, 2, fn, path, s);
      const values = list(r(items, [...path, 1]), undefined, fn, path, s);
      return values.map((v) => asString(v, path, s)).join(asString(delim, path, s));
    }
    case 'Fn::Select': {
      const [index, items] = list(arg, 2, fn, path, s);
      const i = Number(r(index, [...path, 0]));
      const values = list(r(items, [...path, 1]), undefined, fn, path, s);
      if (!Number.isInteger(i) || i < 0 || i >= values.length) {
        return s.fail(`Fn::Select index ${show(index)} is out of range for ${values.length} item(s)`, path);
      }
      return values[i];
    }
    case 'Fn::Split': {
      const [delim, text] = list(arg, 2, fn, path, s);
      return asString(r(text, [...path, 1]), path, s).split(asString(delim, path, s));
    }
    case 'Fn::If': {
      const [cond, yes, no] = list(arg, 3, fn, path, s);
      const which = s.condition(asString(cond, [...path, 0], s), [...path, 0]);
      return which ? r(yes, [...path, 1]) : r(no, [...path, 2]);
    }
    case 'Fn::Equals': {
      const [a, b] = list(arg, 2, fn, path, s).map((v, i) => r(v, [...path, i]));
      return JSON.stringify(a) === JSON.stringify(b) || (a !== null && b !== null && typeof a !== 'object' && String(a) === String(b));
    }
    case 'Fn::Not': return !truth(list(arg, 1, fn, path, s)[0], [...path, 0], s);
    case 'Fn::And': return list(arg, undefined, fn, path, s).every((c, i) => truth(c, [...path, i], s));
    case 'Fn::Or': return list(arg, undefined, fn, path, s).some((c, i) => truth(c, [...path, i], s));
    case 'Fn::FindInMap': {
      const parts = list(r(arg), undefined, fn, path, s);
      if (parts.length < 3) return s.fail(`Fn::FindInMap expects [MapName, TopLevelKey, SecondLevelKey]`, path);
      const [m, top, second] = parts.map((p) => asString(p, path, s));
      return s.findInMap(m, top, second, path);
    }
    case 'Fn::Base64': return Buffer.from(asString(r(arg), path, s), 'utf8').toString('base64');
    case 'Fn::GetAZs': return ['a', 'b', 'c'].map((z) => `${s.region}${z}`);
    case 'Fn::ImportValue': {
      const name = asString(r(arg), path, s);
      s.warn(`Fn::ImportValue "${name}" cannot be resolved without other stacks; using the placeholder "import:${name}"`);
      return `import:${name}`;
    }
    default:
      s.warn(`${fn} is not evaluated; its value is kept as written`);
      return { [fn]: arg };
  }
}

function truth(cond: unknown, path: KeyPath, s: StackScope): boolean {
  const v = resolveValue(cond, path, s);
  if (typeof v !== 'boolean') return s.fail(`expected a condition, got ${show(v)}`, path);
  return v;
}

/** Fn::Sub: `${Name}`, `${Res.Attr}`, `${!Literal}`; the map form's variables come first. */
function substitute(arg: unknown, path: KeyPath, s: StackScope): string {
  let text = arg;
  let vars: Record<string, unknown> = {};
  if (Array.isArray(arg)) {
    const [t, m] = list(arg, 2, 'Fn::Sub', path, s);
    text = t;
    vars = resolveValue(m, [...path, 1], s) as Record<string, unknown>;
    if (!vars || typeof vars !== 'object' || Array.isArray(vars)) s.fail('Fn::Sub variables must be a map', path);
  }
  if (typeof text !== 'string') return s.fail(`Fn::Sub expects a string, got ${show(text)}`, path);
  return text.replace(/\$\{([^}]*)\}/g, (_, name: string) => {
    const n = name.trim();
    if (n.startsWith('!')) return `\${${n.slice(1)}}`;
    if (Object.prototype.hasOwnProperty.call(vars, n)) return asString(vars[n], path, s);
    const dot = n.indexOf('.');
    if (dot > 0 && !n.startsWith('AWS::')) return asString(s.getAtt(n.slice(0, dot), n.slice(dot + 1), path), path, s);
    const v = s.ref(n, path);
    return Array.isArray(v) ? v.join(',') : asString(v, path, s);
  });
}
