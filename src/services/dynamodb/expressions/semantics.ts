// The semantic pass after parsing: substitutes #names and :values, notes which were used,
// and collects DynamoDB's validation errors by category so the one DynamoDB reports first
// wins (each grammar passes its order), prefixed "Invalid <kind>: ".
import { ExpressionError, type ExpressionKind } from './errors';
import { attributeValueError } from './attribute-values';
import type { AttributeValue, DocumentPath, ExpressionInput } from './model';
import type { RawPath } from './document-paths';
import { isReservedWord } from './reserved-words';

export class Semantics {
  readonly usedNames = new Set<string>();
  readonly usedValues = new Set<string>();
  private readonly errors = new Map<string, string>();

  constructor(readonly kind: ExpressionKind, readonly input: ExpressionInput, private readonly order: readonly string[]) {}

  report(category: string, message: string): void {
    if (!this.order.includes(category)) throw new Error(`unordered error category ${category}`);
    if (!this.errors.has(category)) this.errors.set(category, message);
  }

  path(raw: RawPath): DocumentPath {
    return raw.map((e) => {
      if (typeof e === 'number') return e;
      if (!e.placeholder) {
        if (isReservedWord(e.name)) this.report('reserved', `Attribute name is a reserved keyword; reserved keyword: ${e.name}`);
        return e.name;
      }
      const names = this.input.names ?? {};
      if (!Object.prototype.hasOwnProperty.call(names, e.name)) {
        this.report('name', `An expression attribute name used in the document path is not defined; attribute name: ${e.name}`);
        return e.name;
      }
      this.usedNames.add(e.name);
      return names[e.name];
    });
  }

  value(name: string): AttributeValue | undefined {
    const values = this.input.values ?? {};
    if (!Object.prototype.hasOwnProperty.call(values, name)) {
      this.report('value', `An expression attribute value used in expression is not defined; attribute value: ${name}`);
      return undefined;
    }
    this.usedValues.add(name);
    return values[name];
  }

  /** Throws the highest-priority error collected, if any. */
  finish(): void {
    for (const category of this.order) {
      const message = this.errors.get(category);
      if (message !== undefined) throw new ExpressionError(`Invalid ${this.kind}: ${message}`);
    }
  }
}

/**
 * DynamoDB's checks of ExpressionAttributeNames/Values themselves, made before any
 * expression is parsed: non-empty maps, well-formed keys, well-formed values.
 */
export function validateExpressionInput(input: ExpressionInput): void {
  if (input.names) {
    const keys = Object.keys(input.names);
    if (keys.length === 0) throw new ExpressionError('ExpressionAttributeNames must not be empty');
    for (const k of keys) {
      if (!/^#[0-9A-Za-z_]+$/.test(k)) throw new ExpressionError(`ExpressionAttributeNames contains invalid key: Syntax error; key: "${k}"`);
    }
  }
  if (input.values) {
    const keys = Object.keys(input.values);
    if (keys.length === 0) throw new ExpressionError('ExpressionAttributeValues must not be empty');
    for (const k of keys) {
      if (!/^:[0-9A-Za-z_]+$/.test(k)) throw new ExpressionError(`ExpressionAttributeValues contains invalid key: Syntax error; key: "${k}"`);
    }
    for (const k of keys) {
      const message = attributeValueError(input.values[k]);
      if (message) throw new ExpressionError(`ExpressionAttributeValues contains invalid value: ${message} for key ${k}`);
    }
  }
}

/** Throws DynamoDB's error when a name or value of the request was used by none of its expressions. */
export function checkUnused(input: ExpressionInput, used: { names: Set<string>; values: Set<string> }): void {
  const names = Object.keys(input.names ?? {}).filter((k) => !used.names.has(k));
  if (names.length) throw new ExpressionError(`Value provided in ExpressionAttributeNames unused in expressions: keys: {${names.join(', ')}}`);
  const values = Object.keys(input.values ?? {}).filter((k) => !used.values.has(k));
  if (values.length) throw new ExpressionError(`Value provided in ExpressionAttributeValues unused in expressions: keys: {${values.join(', ')}}`);
}

/** Empty and over-long expressions, checked before parsing. */
export function checkText(kind: ExpressionKind, text: string): void {
  if (text === '') throw new ExpressionError(`Invalid ${kind}: The expression can not be empty;`);
  const size = Buffer.byteLength(text, 'utf8');
  if (size > 4096) {
    throw new ExpressionError(kind === 'UpdateExpression'
      ? `Invalid ${kind}: Expression size has exceeded the maximum allowed size;`
      : `Invalid ${kind}: Expression size has exceeded the maximum allowed size; expression size: ${size}`);
  }
}
