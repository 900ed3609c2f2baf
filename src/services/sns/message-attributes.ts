// Publish's MessageAttributes as SNS checks them (InvalidParameterValue, whose wire code is
// ParameterValueInvalid), turned into the envelope's {Type, Value} form (Binary as base64).
import { InvalidParameterValueException } from './errors';
import type { MessageAttribute } from './model';

const NAME = /^[A-Za-z0-9_.-]+$/;
const TYPE = /^(String|Number|Binary)(\.[^\s]+)?$/;

export interface AttributeInput { DataType?: string; StringValue?: string; BinaryValue?: string }

const bad = (m: string) => new InvalidParameterValueException(m);

export function checkMessageAttributes(input: Record<string, AttributeInput> | undefined): Record<string, MessageAttribute> {
  const out: Record<string, MessageAttribute> = {};
  for (const [name, a] of Object.entries(input ?? {})) {
    if (Buffer.byteLength(name) > 256) throw bad('Length of message attribute name must be less than 256 bytes.');
    checkName(name);
    const type = a.DataType ?? '';
    if (!TYPE.test(type)) {
      throw bad(`The message attribute '${name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.`);
    }
    const binary = type.startsWith('Binary');
    const field = binary ? 'Binary' : 'String';
    const value = binary ? a.BinaryValue : a.StringValue;
    if (value === undefined) throw bad(`The message attribute '${name}' with type '${type}' must use field '${field}'.`);
    if (value === '') {
      throw bad(`The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${type}'.`);
    }
    if (type.startsWith('Number') && !/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(value.trim())) {
      throw bad(`Could not cast message attribute '${name}' value to number.`);
    }
    if (type === 'String.Array') checkArray(name, value);
    out[name] = { Type: type, Value: value };
  }
  return out;
}

function checkName(name: string): void {
  if (name.startsWith('.')) throw bad("Invalid message attribute name starting with character '.' was found.");
  if (name.endsWith('.')) throw bad("Invalid message attribute name ending with character '.' was found.");
  if (name.includes('..')) throw bad("Message attribute name can not have successive '.' character.");
  if (!NAME.test(name)) {
    const c = [...name].find((ch) => !NAME.test(ch)) ?? '';
    throw bad(`Invalid non-alphanumeric character '#x${c.codePointAt(0)?.toString(16).toUpperCase()}' was found in the message attribute name. `
      + 'Can only include alphanumeric characters, hyphens, underscores, or dots.');
  }
}

function checkArray(name: string, value: string): void {
  let list: unknown;
  try { list = JSON.parse(value); } catch { list = undefined; }
  if (!Array.isArray(list) || list.some((v) => v !== null && typeof v === 'object')) {
    throw bad(`The message attribute '${name}' with type 'String.Array' has an invalid value.`);
  }
}

/** The bytes attributes count towards the 256 KB message limit: names, types and values. */
export const attributesSize = (attrs: Record<string, MessageAttribute>): number =>
  Object.entries(attrs).reduce((n, [k, a]) => n + Buffer.byteLength(k) + Buffer.byteLength(a.Type) + Buffer.byteLength(a.Value), 0);
