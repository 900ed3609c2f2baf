// WHERE clauses as DynamoDB condition expressions (the service's own parser and evaluator
// then check and run them), and the key equalities a WHERE names: its top-level AND terms,
// `key = value` / `key IN [values]` among them. Pure.
import { ValidationException } from '../errors';
import type { AttributeValue } from '../expr';
import type { Comparison, DocPath, Expr } from './ast';
import { ExprText, valueOf, type Binding } from './values';

const CONDITION_FUNCTIONS = ['attribute_exists', 'attribute_not_exists', 'attribute_type', 'begins_with', 'contains'];

/** The top-level AND terms (parentheses are already gone from the tree). */
export function conjuncts(e: Expr | undefined): Expr[] {
  if (!e) return [];
  return e.k === 'and' ? [...conjuncts(e.l), ...conjuncts(e.r)] : [e];
}

export function conditionText(e: Expr, b: Binding, t: ExprText): string {
  const group = (x: Expr) => (['and', 'or', 'not'].includes(x.k) ? `(${conditionText(x, b, t)})` : conditionText(x, b, t));
  switch (e.k) {
    case 'and': case 'or': return `${group(e.l)} ${e.k.toUpperCase()} ${group(e.r)}`;
    case 'not': return `NOT ${group(e.e)}`;
    case 'cmp': return `${operandText(e.l, b, t)} ${e.op} ${operandText(e.r, b, t)}`;
    case 'between': {
      const s = `${operandText(e.e, b, t)} BETWEEN ${operandText(e.lo, b, t)} AND ${operandText(e.hi, b, t)}`;
      return e.not ? `NOT (${s})` : s;
    }
    case 'in': {
      if (e.e.k !== 'path') throw new ValidationException('IN operator must have a left hand argument of type Variable Reference and right hand argument of type Seq with at least one member');
      const s = `${operandText(e.e, b, t)} IN (${e.list.map((x) => operandText(x, b, t)).join(', ')})`;
      return e.not ? `NOT (${s})` : s;
    }
    case 'is': {
      if (e.e.k !== 'path') throw new ValidationException('The left hand side argument to IS must be a Variable Reference, Literal, or Path');
      const p = t.path(e.e.path);
      if (e.what === 'MISSING') return e.not ? `attribute_exists(${p})` : `attribute_not_exists(${p})`;
      const s = `attribute_type(${p}, ${t.value({ S: 'NULL' })})`;
      return e.not ? `NOT ${s}` : s;
    }
    case 'call':
      if (!CONDITION_FUNCTIONS.includes(e.name)) throw unknownFunction(e.name);
      return `${e.name}(${e.args.map((a) => operandText(a, b, t)).join(', ')})`;
    default:
      throw new ValidationException('WHERE clause must contain an expression that resolves to a boolean');
  }
}

function unknownFunction(name: string): InstanceType<typeof ValidationException> {
  return new ValidationException(`Unrecognized function: ${name}`);
}

function operandText(e: Expr, b: Binding, t: ExprText): string {
  if (e.k === 'path') return t.path(e.path);
  if (e.k === 'missing') throw new ValidationException('MISSING must be compared using IS operator');
  if (e.k === 'call') {
    if (e.name !== 'size') throw unknownFunction(e.name);
    return `size(${e.args.map((a) => operandText(a, b, t)).join(', ')})`;
  }
  const v = valueOf(e, b);
  if (!v) throw new ValidationException(`Unsupported operator in Condition Expression. Operator: ${e.k}`);
  return t.value(v);
}

const isKey = (e: Expr, key: string): boolean => e.k === 'path' && e.path.length === 1 && e.path[0] === key;
const FLIP: Record<Comparison, Comparison> = { '=': '=', '<>': '<>', '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

/** `key op value` (either way round) as [op, value expression]. */
export function keyComparison(e: Expr, key: string): { op: Comparison; value: Expr } | undefined {
  if (e.k !== 'cmp') return undefined;
  if (isKey(e.l, key) && !isPathLike(e.r)) return { op: e.op, value: e.r };
  if (isKey(e.r, key) && !isPathLike(e.l)) return { op: FLIP[e.op], value: e.l };
  return undefined;
}

const isPathLike = (e: Expr) => e.k === 'path' || e.k === 'call' || e.k === 'missing';

export interface KeyTerms { values: AttributeValue[]; terms: Expr[] }

/** The values a WHERE's top-level terms require of a key: `key = v` and `key IN [v, ...]`. */
export function keyTerms(terms: Expr[], key: string, b: Binding): KeyTerms {
  const out: KeyTerms = { values: [], terms: [] };
  for (const e of terms) {
    const eq = keyComparison(e, key);
    if (eq?.op === '=') { out.values.push(valueOf(eq.value, b)!); out.terms.push(e); continue; }
    if (e.k === 'in' && !e.not && isKey(e.e, key) && e.list.every((x) => !isPathLike(x))) {
      out.values.push(...e.list.map((x) => valueOf(x, b)!));
      out.terms.push(e);
    }
  }
  return out;
}

export function pathName(p: DocPath): string {
  return p.map((s, i) => (typeof s === 'number' ? `[${s}]` : `${i ? '.' : ''}${s}`)).join('');
}
