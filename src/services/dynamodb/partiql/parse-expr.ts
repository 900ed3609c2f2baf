// PartiQL expressions as DynamoDB accepts them in WHERE and SET: OR < AND < NOT < predicates
// (comparisons, [NOT] BETWEEN, [NOT] IN [..], IS [NOT] MISSING|NULL) < + - < operands
// (literals, `?`, document paths, function calls, [lists], {'maps'}, <<bags>>, parentheses).
// Pure.
import { ValidationException } from '../errors';
import type { Comparison, DocPath, Expr } from './ast';
import { Cursor, lineColumn, malformed } from './tokens';

const COMPARISONS: Record<string, Comparison> = { '=': '=', '<>': '<>', '!=': '<>', '<': '<', '<=': '<=', '>': '>', '>=': '>=' };
const RESERVED = new Set(['AND', 'OR', 'NOT', 'BETWEEN', 'IN', 'IS', 'WHERE', 'SET', 'REMOVE', 'RETURNING', 'FROM', 'SELECT', 'VALUE']);

export function parseExpr(c: Cursor): Expr {
  let l = and(c);
  while (c.isWord('OR')) { const pos = c.next().pos; l = { k: 'or', l, r: and(c), pos }; }
  return l;
}

function and(c: Cursor): Expr {
  let l = not(c);
  while (c.isWord('AND')) { const pos = c.next().pos; l = { k: 'and', l, r: not(c), pos }; }
  return l;
}

function not(c: Cursor): Expr {
  if (c.isWord('NOT')) { const pos = c.next().pos; return { k: 'not', e: not(c), pos }; }
  return predicate(c);
}

function predicate(c: Cursor): Expr {
  const e = additive(c);
  const t = c.peek();
  if (t.kind === 'punct' && COMPARISONS[t.text]) { c.next(); return { k: 'cmp', op: COMPARISONS[t.text], l: e, r: additive(c), pos: t.pos }; }
  if (c.isWord('IS')) {
    c.next();
    const negated = c.acceptWord('NOT');
    const what = c.acceptWord('MISSING') ? 'MISSING' : c.acceptWord('NULL') ? 'NULL' : undefined;
    if (!what) throw c.unexpected();
    return { k: 'is', e, what, not: negated, pos: t.pos };
  }
  const negated = c.isWord('NOT') && (c.isWord('BETWEEN', 1) || c.isWord('IN', 1)) ? !!c.next() : false;
  if (c.acceptWord('BETWEEN')) {
    const lo = additive(c);
    c.expectWord('AND');
    return { k: 'between', e, lo, hi: additive(c), not: negated, pos: t.pos };
  }
  if (c.acceptWord('IN')) {
    const close = c.acceptPunct('[') ? ']' : (c.expectPunct('('), ')');
    const list = [additive(c)];
    while (c.acceptPunct(',')) list.push(additive(c));
    c.expectPunct(close);
    return { k: 'in', e, list, not: negated, pos: t.pos };
  }
  return e;
}

export function additive(c: Cursor): Expr {
  let l = operand(c);
  while (c.isPunct('+') || c.isPunct('-')) {
    const t = c.next();
    l = { k: 'arith', op: t.text as '+' | '-', l, r: operand(c), pos: t.pos };
  }
  return l;
}

function signed(c: Cursor, sign: string, pos: number): Expr {
  const e = operand(c);
  if (e.k !== 'value' || e.v.N === undefined) throw malformed(`Unary operator ${sign} requires a number literal at ${lineColumn(c.src, pos)}`);
  if (sign === '+') return e;
  return { ...e, v: { N: e.v.N.startsWith('-') ? e.v.N.slice(1) : `-${e.v.N}` } };
}

export function operand(c: Cursor): Expr {
  const t = c.peek();
  const pos = t.pos;
  if (t.kind === 'punct' && (t.text === '-' || t.text === '+')) { c.next(); return signed(c, t.text, pos); }
  if (t.kind === 'string') { c.next(); return { k: 'value', v: { S: t.text }, pos }; }
  if (t.kind === 'number') { c.next(); return { k: 'value', v: { N: t.text }, pos }; }
  if (t.kind === 'param') { c.next(); return { k: 'param', i: c.params++, pos }; }
  if (c.acceptPunct('(')) { const e = parseExpr(c); c.expectPunct(')'); return e; }
  if (c.acceptPunct('[')) return { k: 'list', items: items(c, ']'), pos };
  if (c.acceptPunct('<<')) return { k: 'bag', items: items(c, '>>'), pos };
  if (c.acceptPunct('{')) {
    const entries: [string, Expr][] = [];
    if (!c.acceptPunct('}')) {
      do {
        const key = c.next();
        if (key.kind !== 'string') throw c.unexpected(key);
        c.expectPunct(':');
        entries.push([key.text, parseExpr(c)]);
      } while (c.acceptPunct(','));
      c.expectPunct('}');
    }
    return { k: 'map', entries, pos };
  }
  if (t.kind === 'word') {
    const up = t.text.toUpperCase();
    if (up === 'TRUE' || up === 'FALSE') { c.next(); return { k: 'value', v: { BOOL: up === 'TRUE' }, pos }; }
    if (up === 'NULL') { c.next(); return { k: 'value', v: { NULL: true }, pos }; }
    if (up === 'MISSING') { c.next(); return { k: 'missing', pos }; }
    if (c.isPunct('(', 1)) {
      c.next(); c.next();
      const args = c.isPunct(')') ? [] : items(c, ')', false);
      if (args.length === 0) c.expectPunct(')');
      return { k: 'call', name: t.text.toLowerCase(), args, pos };
    }
    if (RESERVED.has(up)) throw c.unexpected();
  }
  if (t.kind === 'word' || t.kind === 'quoted') return { k: 'path', path: parsePath(c), pos };
  throw c.unexpected();
}

function items(c: Cursor, close: string, allowEmpty = true): Expr[] {
  const out: Expr[] = [];
  if (allowEmpty && c.acceptPunct(close)) return out;
  do out.push(parseExpr(c)); while (c.acceptPunct(','));
  c.expectPunct(close);
  return out;
}

/** `a.b[2]."c d"`: a name, then `.name` and `[index]` steps. */
export function parsePath(c: Cursor): DocPath {
  const first = c.next();
  if (first.kind !== 'word' && first.kind !== 'quoted') throw c.unexpected(first);
  const path: DocPath = [first.text];
  for (;;) {
    if (c.acceptPunct('.')) {
      const t = c.next();
      if (t.kind !== 'word' && t.kind !== 'quoted') throw c.unexpected(t);
      path.push(t.text);
    } else if (c.isPunct('[')) {
      c.next();
      const negative = c.acceptPunct('-');
      const t = c.next();
      if (t.kind !== 'number' || !/^\d+$/.test(t.text)) throw c.unexpected(t);
      const n = Number(t.text);
      if ((negative && n !== 0) || n > 2147483647) {
        throw new ValidationException(`List index is not within the allowable range; index: [${negative ? '-' : ''}${t.text}] at ${lineColumn(c.src, t.pos)}:${t.text.length}`);
      }
      c.expectPunct(']');
      path.push(n);
    } else return path;
  }
}
