// PartiQL literals and `?` parameters as AttributeValues, and the placeholder builder that
// writes a statement's paths and values into DynamoDB expression text (`#n0.#n1[2]`, `:v0`)
// with its ExpressionAttributeNames/Values. Pure.
import { ValidationException } from '../errors';
import type { AttributeValue } from '../expr';
import type { DocPath, Expr } from './ast';
import { lineColumn } from './tokens';

export interface Binding { src: string; params: AttributeValue[] }

/** The parameters as sent: a list, checked against the statement's `?` count. */
export function bindParameters(src: string, params: unknown, count: number): Binding {
  if (params !== undefined && params !== null && !Array.isArray(params)) throw new ValidationException('Parameters must be a list');
  const list = (params ?? []) as AttributeValue[];
  if (Array.isArray(params) && list.length === 0) {
    throw new ValidationException("1 validation error detected: Value '[]' at 'parameters' failed to satisfy constraint: Member must have length greater than or equal to 1");
  }
  if (list.length < count) throw new ValidationException('Number of parameters in request and statement don\'t match.');
  return { src, params: list };
}

const BAG_TYPES: Record<string, 'SS' | 'NS' | 'BS'> = { S: 'SS', N: 'NS', B: 'BS' };

/** The value of a literal (or parameter); undefined when the expression is not a value. */
export function valueOf(e: Expr, b: Binding, under = 'root', nested = false): AttributeValue | undefined {
  switch (e.k) {
    case 'value': return e.v;
    case 'param':
      if (nested) throw new ValidationException(`Unsupported data type: Parameter under key ${under} at ${lineColumn(b.src, e.pos)}:1`);
      return b.params[e.i];
    case 'list': return { L: e.items.map((x, i) => need(x, b, `${under}[${i}]`)) };
    case 'map': // the outermost map (an INSERT's item) may hold parameters; DynamoDB names what is inside from root again
      if (!nested) return { M: Object.fromEntries(e.entries.map(([k, x]) => [k, x.k === 'param' ? b.params[x.i] : need(x, b, under)])) };
      return { M: Object.fromEntries(e.entries.map(([k, x]) => [k, need(x, b, `${under}.${k}`)])) };
    case 'bag': {
      const items = e.items.map((x, i) => need(x, b, `${under}[${i}]`));
      if (items.length === 0) throw new ValidationException('Empty bags are not supported');
      const types = new Set(items.map((v) => Object.keys(v)[0]));
      const t = types.size === 1 ? BAG_TYPES[[...types][0]] : undefined;
      if (!t) throw new ValidationException('Unsupported data type in Bag. DynamoDB only supports either numbers or strings in bags');
      return { [t]: items.map((v) => Object.values(v)[0] as string) };
    }
    default: return undefined;
  }
}

function need(e: Expr, b: Binding, under: string): AttributeValue {
  const v = valueOf(e, b, under, true);
  if (!v) throw new ValidationException(`Unsupported data type: ${e.k === 'missing' ? 'MISSING' : 'Expression'} under key ${under} at ${lineColumn(b.src, e.pos)}:1`);
  return v;
}

/** Expression text with its attribute names and values as placeholders. */
export class ExprText {
  readonly names: Record<string, string> = {};
  readonly values: Record<string, AttributeValue> = {};
  private readonly byName = new Map<string, string>();
  private n = 0;

  name(attr: string): string {
    let ph = this.byName.get(attr);
    if (!ph) { ph = `#n${this.byName.size}`; this.byName.set(attr, ph); this.names[ph] = attr; }
    return ph;
  }
  value(v: AttributeValue): string {
    const ph = `:v${this.n++}`;
    this.values[ph] = v;
    return ph;
  }
  path(p: DocPath): string {
    return p.map((s, i) => (typeof s === 'number' ? `[${s}]` : `${i ? '.' : ''}${this.name(s)}`)).join('');
  }
  /** ExpressionAttributeNames/Values for a request (absent when empty). */
  request(): { ExpressionAttributeNames?: Record<string, string>; ExpressionAttributeValues?: Record<string, AttributeValue> } {
    const out: ReturnType<ExprText['request']> = {};
    if (Object.keys(this.names).length) out.ExpressionAttributeNames = this.names;
    if (Object.keys(this.values).length) out.ExpressionAttributeValues = this.values;
    return out;
  }
}
