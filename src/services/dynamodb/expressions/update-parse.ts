// UpdateExpression: SET (with + and -, if_not_exists, list_append), REMOVE, ADD and DELETE
// clauses, each at most once, parsed and checked as DynamoDB does (reserved words, function
// names and arity, undefined names/values, overlapping paths, operand types known from the text).
import { typeOf } from './attribute-values';
import { checkPaths, parsePath, type RawPath } from './document-paths';
import type { DocumentPath, ExpressionInput, Parsed, SetValue, UpdateAction, UpdatePlan } from './model';
import { Semantics, checkText, validateExpressionInput } from './semantics';
import { TokenCursor } from './tokens';

type RawValue =
  | { kind: 'path'; path: RawPath }
  | { kind: 'value'; name: string }
  | { kind: 'call'; name: string; args: RawValue[] }
  | { kind: '+' | '-'; left: RawValue; right: RawValue };
type RawAction =
  | { action: 'SET'; path: RawPath; value: RawValue }
  | { action: 'REMOVE'; path: RawPath }
  | { action: 'ADD' | 'DELETE'; path: RawPath; value: string };

const CLAUSES = ['SET', 'REMOVE', 'ADD', 'DELETE'] as const;
export const UPDATE_ERROR_ORDER = ['reserved', 'function-name', 'section', 'name', 'value', 'overlap', 'conflict', 'operand', 'types'];
const CONDITION_FUNCTIONS = new Set(['attribute_exists', 'attribute_not_exists', 'attribute_type', 'begins_with', 'contains', 'size']);
const TYPE_WORDS: Record<string, string> = { S: 'STRING', N: 'NUMBER', B: 'BINARY', NULL: 'NULL', BOOL: 'BOOLEAN', L: 'LIST', M: 'MAP' };

function grammar(text: string): { actions: RawAction[]; repeated?: string } {
  const c = new TokenCursor(text, 'UpdateExpression', new Set(CLAUSES));
  const operand = (): RawValue => {
    if (c.acceptPunct('(')) { const inner = operand(); c.expectPunct(')'); return inner; }
    const t = c.peek();
    if (t.kind === 'attrValue') { c.next(); return { kind: 'value', name: t.text }; }
    if (c.isIdentifier() && c.isPunct('(', 1)) {
      c.next(); c.next();
      const args = [operand()];
      while (c.acceptPunct(',')) args.push(operand());
      c.expectPunct(')');
      return { kind: 'call', name: t.text, args };
    }
    return { kind: 'path', path: parsePath(c) };
  };
  const arithmetic = (): RawValue => {
    const left = operand();
    const t = c.peek();
    if (t.kind === 'punct' && (t.text === '+' || t.text === '-')) { c.next(); return { kind: t.text, left, right: operand() }; }
    return left;
  };
  const setValue = (): RawValue => c.oneOf(() => { c.expectPunct('('); const v = arithmetic(); c.expectPunct(')'); return v; }, arithmetic);
  const valueName = (): string => { const t = c.peek(); if (t.kind !== 'attrValue') throw c.syntaxError(); c.next(); return t.text; };

  const actions: RawAction[] = [];
  const seen = new Set<string>();
  let repeated: string | undefined;
  do {
    const clause = CLAUSES.find((w) => c.isKeyword(w));
    if (!clause) throw c.syntaxError();
    c.next();
    if (seen.has(clause) && !repeated) repeated = clause;
    seen.add(clause);
    do {
      const path = parsePath(c);
      if (clause === 'SET') { c.expectPunct('='); actions.push({ action: 'SET', path, value: setValue() }); }
      else if (clause === 'REMOVE') actions.push({ action: 'REMOVE', path });
      else actions.push({ action: clause, path, value: valueName() });
    } while (c.acceptPunct(','));
  } while (c.peek().kind !== 'eof');
  return { actions, repeated };
}

export function parseUpdate(text: string, input: ExpressionInput): Parsed<UpdatePlan> {
  validateExpressionInput(input);
  checkText('UpdateExpression', text);
  const { actions: raw, repeated } = grammar(text);
  const s = new Semantics('UpdateExpression', input, UPDATE_ERROR_ORDER);
  if (repeated) s.report('section', `The "${repeated}" section can only be used once in an update expression;`);
  const nothing: SetValue = { kind: 'value', value: { NULL: true } };
  const literalType = (v: SetValue) => (v.kind === 'value' && v !== nothing ? typeOf(v.value) : undefined);
  const operandType = (f: string, t: string) => s.report('types', `Incorrect operand type for operator or function; operator or function: ${f}, operand type: ${t}`);

  const value = (r: RawValue): SetValue => {
    switch (r.kind) {
      case 'path': return { kind: 'path', path: s.path(r.path) };
      case 'value': { const v = s.value(r.name); return v ? { kind: 'value', value: v } : nothing; }
      case '+': case '-': {
        const left = value(r.left), right = value(r.right);
        for (const t of [literalType(left), literalType(right)]) if (t && t !== 'N') { operandType(r.kind, t); break; }
        return { kind: r.kind, left, right };
      }
      case 'call': {
        const args = r.args.map(value);
        if (r.name !== 'if_not_exists' && r.name !== 'list_append') {
          s.report('function-name', CONDITION_FUNCTIONS.has(r.name)
            ? `The function is not allowed in an update expression; function: ${r.name}`
            : `Invalid function name; function: ${r.name}`);
          return nothing;
        }
        if (args.length !== 2) {
          s.report('types', `Incorrect number of operands for operator or function; operator or function: ${r.name}, number of operands: ${args.length}`);
          return nothing;
        }
        if (r.name === 'if_not_exists') {
          if (args[0].kind !== 'path') { s.report('types', 'Operator or function requires a document path; operator or function: if_not_exists'); return nothing; }
          return { kind: 'if_not_exists', path: args[0].path, fallback: args[1] };
        }
        for (const t of args.map(literalType)) if (t && t !== 'L') { operandType('list_append', t); break; }
        return { kind: 'list_append', first: args[0], second: args[1] };
      }
    }
  };

  const actions: UpdateAction[] = raw.map((r): UpdateAction => {
    const path = s.path(r.path);
    if (r.action === 'SET') return { action: 'SET', path, value: value(r.value) };
    if (r.action === 'REMOVE') return { action: 'REMOVE', path };
    const v = s.value(r.value) ?? { NULL: true };
    const t = typeOf(v)!;
    if (TYPE_WORDS[t] && !(r.action === 'ADD' && t === 'N')) {
      s.report('operand', `Incorrect operand type for operator or function; operator: ${r.action}, operand type: ${TYPE_WORDS[t]}`);
    }
    return { action: r.action, path, value: v };
  });
  checkPaths(actions.map((a) => a.path as DocumentPath), (category, message) => s.report(category, message));
  s.finish();
  return { ast: { actions }, usedNames: s.usedNames, usedValues: s.usedValues };
}
