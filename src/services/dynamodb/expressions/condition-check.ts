// Checks a parsed condition as DynamoDB does and substitutes names and values: function names
// and arity, functions used where a condition (or an operand) belongs, reserved words,
// undefined names/values, identical operands, operand types known from the text, BETWEEN
// bounds, IN's 100 operands. The first error in DynamoDB's order is thrown.
import { compareValues, typeOf, valueString } from './attribute-values';
import { parseConditionText, type RawCondition, type RawOperand } from './condition-grammar';
import { pathString } from './document-paths';
import type { ExpressionKind } from './errors';
import type { Condition, ConditionFunction, DocumentPath, ExpressionInput, Operand, Parsed } from './model';
import { Semantics, checkText, validateExpressionInput } from './semantics';

export const CONDITION_ERROR_ORDER = ['parens', 'function-name', 'misused', 'reserved', 'name', 'value', 'operands', 'distinct', 'types', 'in-count'];

const ARITY: Record<string, number> = { attribute_exists: 1, attribute_not_exists: 1, attribute_type: 2, begins_with: 2, contains: 2, size: 1 };
const UPDATE_FUNCTIONS = new Set(['if_not_exists', 'list_append']);
const TYPE_NAMES = ['S', 'SS', 'N', 'NS', 'B', 'BS', 'BOOL', 'NULL', 'L', 'M'];

export function checkCondition(text: string, kind: ExpressionKind, input: ExpressionInput): { ast: Condition; semantics: Semantics } {
  const { tree, redundantParens } = parseConditionText(text, kind);
  const s = new Semantics(kind, input, CONDITION_ERROR_ORDER);
  if (redundantParens) s.report('parens', 'The expression has redundant parentheses;');
  const placeholder: Operand = { kind: 'value', value: { NULL: true } };

  /** The type an operand is known to have from the text alone (values, size()). */
  const knownType = (o: Operand): string | undefined => (o.kind === 'value' ? typeOf(o.value) : o.kind === 'size' ? 'N' : undefined);
  const operandType = (name: string, type: string) => s.report('types', `Incorrect operand type for operator or function; operator or function: ${name}, operand type: ${type}`);

  const functionName = (name: string): boolean => {
    if (ARITY[name] !== undefined) return true;
    s.report('function-name', UPDATE_FUNCTIONS.has(name)
      ? `The function is not allowed in a condition expression; function: ${name}`
      : `Invalid function name; function: ${name}`);
    return false;
  };
  const arity = (name: string, args: unknown[]): boolean => {
    if (args.length === ARITY[name]) return true;
    s.report('operands', `Incorrect number of operands for operator or function; operator or function: ${name}, number of operands: ${args.length}`);
    return false;
  };
  const distinct = (operator: string, a: Operand, b: Operand) => {
    if (a.kind === 'path' && b.kind === 'path' && a.path.length === b.path.length && a.path.every((e, i) => e === b.path[i])) {
      s.report('distinct', `The first operand must be distinct from the remaining operands for this operator or function; operator: ${operator}, first operand: ${pathString(a.path)}`);
    }
  };

  const operand = (raw: RawOperand): Operand => {
    if (raw.kind === 'path') return { kind: 'path', path: s.path(raw.path) };
    if (raw.kind === 'value') { const v = s.value(raw.name); return v ? { kind: 'value', value: v } : placeholder; }
    if (!functionName(raw.name)) { raw.args.forEach(operand); return placeholder; }
    if (raw.name !== 'size') s.report('misused', `The function is not allowed to be used this way in an expression; function: ${raw.name}`);
    const args = raw.args.map(operand);
    if (raw.name !== 'size' || !arity('size', args)) return placeholder;
    const t = knownType(args[0]);
    if (t === 'N' || t === 'BOOL' || t === 'NULL') operandType('size', t);
    return { kind: 'size', operand: args[0] };
  };

  const call = (name: string, rawArgs: RawOperand[]): Condition => {
    if (!functionName(name)) { rawArgs.forEach(operand); return { kind: 'true' }; }
    if (name === 'size') s.report('misused', 'The function is not allowed to be used this way in an expression; function: size');
    const args = rawArgs.map(operand);
    if (!arity(name, args) || name === 'size') return { kind: 'true' };
    if (args.length === 2) distinct(name, args[0], args[1]);
    if ((name === 'attribute_exists' || name === 'attribute_not_exists') && args[0].kind !== 'path') {
      s.report('types', `Operator or function requires a document path; operator or function: ${name}`);
    }
    if (name === 'begins_with') {
      for (const a of args) { const t = knownType(a); if (t && t !== 'S' && t !== 'B') { operandType(name, t); break; } }
    }
    if (name === 'attribute_type') {
      const t = knownType(args[1]);
      if (t !== 'S') operandType(name, t ?? '{NS,SS,L,BS,N,M,B,BOOL,NULL,S}');
      else if (args[1].kind === 'value' && !TYPE_NAMES.includes(args[1].value.S!)) {
        s.report('types', `Invalid attribute type name found; type: ${args[1].value.S}, valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}`);
      }
    }
    return { kind: 'function', name: name as ConditionFunction, args };
  };

  const comparand = (raw: RawOperand): Operand => operand(raw);

  const condition = (raw: RawCondition): Condition => {
    switch (raw.kind) {
      case 'and': case 'or': return { kind: raw.kind, left: condition(raw.left), right: condition(raw.right) };
      case 'not': return { kind: 'not', condition: condition(raw.condition) };
      case 'call': return call(raw.name, raw.args);
      case 'compare': {
        const left = comparand(raw.left), right = comparand(raw.right);
        distinct(raw.op, left, right);
        return { kind: 'compare', op: raw.op, left, right };
      }
      case 'between': {
        const o = comparand(raw.operand), low = comparand(raw.low), high = comparand(raw.high);
        if (low.kind === 'value' && high.kind === 'value' && low !== placeholder && high !== placeholder) {
          const bounds = `lower bound operand: AttributeValue: ${valueString(low.value)}, upper bound operand: AttributeValue: ${valueString(high.value)}`;
          if (typeOf(low.value) !== typeOf(high.value)) s.report('types', `The BETWEEN operator requires same data type for lower and upper bounds; ${bounds}`);
          else if ((compareValues(low.value, high.value) ?? 0) > 0) s.report('types', `The BETWEEN operator requires upper bound to be greater than or equal to lower bound; ${bounds}`);
        }
        return { kind: 'between', operand: o, low, high };
      }
      case 'in': {
        const o = comparand(raw.operand), list = raw.list.map(comparand);
        if (list.length > 100) s.report('in-count', `The IN operator is provided with too many operands; number of operands: ${list.length}`);
        return { kind: 'in', operand: o, list };
      }
    }
  };

  const ast = condition(tree);
  return { ast, semantics: s };
}

/** Every document path a condition reads (for key-attribute checks by the caller). */
export function conditionPaths(c: Condition, out: DocumentPath[] = []): DocumentPath[] {
  const op = (o: Operand): void => { if (o.kind === 'path') out.push(o.path); else if (o.kind === 'size') op(o.operand); };
  switch (c.kind) {
    case 'and': case 'or': conditionPaths(c.left, out); conditionPaths(c.right, out); break;
    case 'not': conditionPaths(c.condition, out); break;
    case 'compare': op(c.left); op(c.right); break;
    case 'between': [c.operand, c.low, c.high].forEach(op); break;
    case 'in': [c.operand, ...c.list].forEach(op); break;
    case 'function': c.args.forEach(op); break;
  }
  return out;
}

/** ConditionExpression / FilterExpression → checked Condition. */
export function parseCondition(text: string, kind: 'ConditionExpression' | 'FilterExpression', input: ExpressionInput): Parsed<Condition> {
  validateExpressionInput(input);
  checkText(kind, text);
  const { ast, semantics } = checkCondition(text, kind, input);
  semantics.finish();
  return { ast, usedNames: semantics.usedNames, usedValues: semantics.usedValues };
}
