// The grammar of ConditionExpression, FilterExpression and KeyConditionExpression, to a raw
// tree (names and values not yet substituted). Precedence: comparisons, BETWEEN, IN and
// functions bind tightest, then NOT, AND, OR; parentheses group. Checks are in condition-check.ts.
import { parsePath, type RawPath } from './document-paths';
import type { ExpressionKind } from './errors';
import type { Comparator } from './model';
import { TokenCursor } from './tokens';

export type RawOperand = { parens: number } & (
  | { kind: 'path'; path: RawPath }
  | { kind: 'value'; name: string }
  | { kind: 'call'; name: string; args: RawOperand[] });

export type RawCondition = { parens: number } & (
  | { kind: 'and' | 'or'; left: RawCondition; right: RawCondition }
  | { kind: 'not'; condition: RawCondition }
  | { kind: 'compare'; op: Comparator; left: RawOperand; right: RawOperand }
  | { kind: 'between'; operand: RawOperand; low: RawOperand; high: RawOperand }
  | { kind: 'in'; operand: RawOperand; list: RawOperand[] }
  | { kind: 'call'; name: string; args: RawOperand[] });

const COMPARATORS: readonly string[] = ['=', '<>', '<', '<=', '>', '>='];
const KEYWORDS = new Set(['AND', 'OR', 'NOT', 'BETWEEN', 'IN']);

export interface ConditionParse { tree: RawCondition; redundantParens: boolean }

export function parseConditionText(text: string, kind: ExpressionKind): ConditionParse {
  const c = new TokenCursor(text, kind, KEYWORDS);
  let redundantParens = false;

  const or = (): RawCondition => {
    let left = and();
    while (c.acceptKeyword('OR')) left = { kind: 'or', left, right: and(), parens: 0 };
    return left;
  };
  const and = (): RawCondition => {
    let left = not();
    while (c.acceptKeyword('AND')) left = { kind: 'and', left, right: not(), parens: 0 };
    return left;
  };
  const not = (): RawCondition => (c.acceptKeyword('NOT') ? { kind: 'not', condition: not(), parens: 0 } : primary());
  const primary = (): RawCondition => {
    const saved = redundantParens; // a failed alternative must not leave its finding behind
    return c.oneOf(() => { redundantParens = saved; return group(); }, () => { redundantParens = saved; return comparison(); });
  };
  const group = (): RawCondition => {
    c.expectPunct('(');
    const inner = or();
    c.expectPunct(')');
    if (COMPARATORS.some((op) => c.isPunct(op)) || c.isKeyword('BETWEEN') || c.isKeyword('IN')) throw c.syntaxError();
    if (inner.parens > 0) redundantParens = true;
    inner.parens++;
    return inner;
  };
  const comparison = (): RawCondition => {
    const left = operand();
    const t = c.peek();
    if (t.kind === 'punct' && COMPARATORS.includes(t.text)) {
      c.next();
      return { kind: 'compare', op: t.text as Comparator, left, right: operand(), parens: 0 };
    }
    if (c.acceptKeyword('BETWEEN')) {
      const low = operand();
      if (!c.acceptKeyword('AND')) throw c.syntaxError();
      return { kind: 'between', operand: left, low, high: operand(), parens: 0 };
    }
    if (c.acceptKeyword('IN')) {
      c.expectPunct('(');
      const list = [operand()];
      while (c.acceptPunct(',')) list.push(operand());
      c.expectPunct(')');
      return { kind: 'in', operand: left, list, parens: 0 };
    }
    if (left.kind === 'call' && left.parens === 0) return { kind: 'call', name: left.name, args: left.args, parens: 0 };
    throw c.syntaxError();
  };
  const operand = (): RawOperand => {
    if (c.acceptPunct('(')) {
      const inner = operand();
      c.expectPunct(')');
      if (inner.parens > 0) redundantParens = true;
      inner.parens++;
      return inner;
    }
    const t = c.peek();
    if (t.kind === 'attrValue') { c.next(); return { kind: 'value', name: t.text, parens: 0 }; }
    if (c.isIdentifier() && c.isPunct('(', 1)) {
      c.next(); c.next();
      const args = [operand()];
      while (c.acceptPunct(',')) args.push(operand());
      c.expectPunct(')');
      return { kind: 'call', name: t.text, args, parens: 0 };
    }
    return { kind: 'path', path: parsePath(c), parens: 0 };
  };

  const tree = or();
  c.expectEnd();
  return { tree, redundantParens };
}
