// Request expressions: ExpressionAttributeNames/Values checked, each expression parsed through
// the expression module (expr.ts), unused names/values rejected at the end, and the module's
// ExpressionError turned into DynamoDB's ValidationException.
import type { Input } from './context';
import { ValidationException } from './errors';
import * as expr from './expr';

export class Expressions {
  readonly input: expr.ExpressionInput;
  private readonly names = new Set<string>();
  private readonly values = new Set<string>();
  private readonly any: boolean;

  constructor(req: Input) {
    const raw: expr.ExpressionInput = { names: req.ExpressionAttributeNames, values: req.ExpressionAttributeValues };
    wrap(() => expr.validateExpressionInput(raw));
    const values = raw.values && Object.fromEntries(Object.entries(raw.values).map(([k, v]) => [k, expr.canonical(v)]));
    this.input = { names: raw.names, values };
    this.any = !!(raw.names || raw.values);
  }

  private use<T>(r: { ast: T; usedNames: Set<string>; usedValues: Set<string> }): T {
    r.usedNames.forEach((n) => this.names.add(n));
    r.usedValues.forEach((v) => this.values.add(v));
    return r.ast;
  }

  condition(text: unknown, which: 'ConditionExpression' | 'FilterExpression'): unknown {
    if (text === undefined) return undefined;
    if (text === '') throw new ValidationException(`Invalid ${which}: The expression can not be empty;`);
    return wrap(() => this.use(expr.parseCondition(String(text), which, this.input)));
  }
  keyCondition(text: string, keys: { hash: string; range?: string }): expr.KeyCondition {
    if (text === '') throw new ValidationException('Invalid KeyConditionExpression: The expression can not be empty;');
    return wrap(() => this.use(expr.parseKeyCondition(text, this.input, keys)));
  }
  update(text: string): unknown {
    if (text === '') throw new ValidationException('Invalid UpdateExpression: The expression can not be empty;');
    return wrap(() => this.use(expr.parseUpdate(text, this.input)));
  }
  projection(text: unknown): unknown {
    if (text === undefined) return undefined;
    if (text === '') throw new ValidationException('Invalid ProjectionExpression: The expression can not be empty;');
    return wrap(() => this.use(expr.parseProjection(String(text), this.input)));
  }
  /** After every expression of the request is parsed: no unused names or values. */
  done(): void {
    if (this.any) wrap(() => expr.checkUnused(this.input, { names: this.names, values: this.values }));
  }
  test(ast: unknown, item: expr.Item | undefined): boolean {
    return wrap(() => expr.evaluateCondition(ast as never, item, this.input));
  }
  apply(plan: unknown, item: expr.Item): expr.Item {
    return wrap(() => expr.applyUpdate(plan as never, item, this.input));
  }
}

export function wrap<T>(fn: () => T): T {
  try { return fn(); } catch (e) {
    if (e instanceof expr.ExpressionError) throw new ValidationException(e.message);
    throw e;
  }
}

export function project(item: expr.Item, paths: unknown): expr.Item {
  return paths === undefined ? item : expr.project(item, paths as never);
}

/** Legacy (non-expression) parameters are not accepted together with expressions. */
export function noMixing(req: Input, legacy: string[], expressions: string[]): void {
  const l = legacy.filter((k) => req[k] !== undefined);
  const x = expressions.filter((k) => req[k] !== undefined);
  if (l.length && x.length) {
    throw new ValidationException(`Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {${l.join(', ')}} Expression parameters: {${x.join(', ')}}`);
  }
}

/** The legacy parameters as the same ASTs the expressions give. */
export const legacy = {
  condition: (c: unknown, op: unknown, parameter: 'Expected' | 'QueryFilter' | 'ScanFilter'): unknown =>
    c === undefined ? undefined : wrap(() => expr.legacyCondition(c as Record<string, expr.LegacyCondition>, (op ?? 'AND') as 'AND' | 'OR', parameter)),
  keyCondition: (c: unknown, keys: { hash: string; range?: string }): expr.KeyCondition =>
    wrap(() => expr.legacyKeyCondition(c as Record<string, expr.LegacyCondition>, keys)),
  update: (u: unknown): unknown => wrap(() => expr.legacyUpdate(u as Record<string, expr.LegacyUpdate>)),
  projection: (names: unknown): unknown => (names === undefined ? undefined : wrap(() => expr.legacyProjection(names as string[]))),
};
