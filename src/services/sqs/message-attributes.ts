// Message bodies and message attributes as SQS checks them, their MD5s in SQS's
// documented encoding (names sorted; each of name, data type and value as a 4-byte
// big-endian length and the bytes; a transport byte 1 for String/Number, 2 for Binary
// before the value), and which attributes a ReceiveMessage asked for (`All`, `.*`).
import { createHash } from 'node:crypto';
import { InvalidMessageContents, InvalidParameterValue } from './errors';
import type { MessageAttributes, MessageAttributeValue } from './model';

// #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF
const INVALID_CHARS = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const CHARS_MESSAGE = 'Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF';

export const md5Hex = (data: string | Buffer): string => createHash('md5').update(data).digest('hex');

export function checkBodyCharacters(body: string): void {
  if (INVALID_CHARS.test(body)) throw new InvalidMessageContents(CHARS_MESSAGE);
}

const NAME = /^[A-Za-z0-9_.-]{1,256}$/;

/** Validates the MessageAttributes member; returns them as stored (only the members SQS keeps). */
export function validateMessageAttributes(input: unknown, system = false): MessageAttributes {
  if (input === undefined || input === null) return {};
  if (typeof input !== 'object' || Array.isArray(input)) throw new InvalidParameterValue('The message attributes must be a map.');
  const entries = Object.entries(input as Record<string, unknown>);
  if (!system && entries.length > 10) {
    throw new InvalidParameterValue(`Number of message attributes [${entries.length}] exceeds the allowed maximum [10].`);
  }
  const out: MessageAttributes = {};
  for (const [name, raw] of entries) {
    if (system) {
      if (name !== 'AWSTraceHeader') throw new InvalidParameterValue(`Message system attribute name '${name}' is invalid.`);
    } else if (!NAME.test(name) || /^(aws\.|amazon\.)/i.test(name) || name.startsWith('.') || name.endsWith('.') || name.includes('..')) {
      throw new InvalidParameterValue(`Message (user) attribute name '${name}' is invalid. Attribute name can contain A-Z, a-z, 0-9, underscore (_), hyphen (-), and period (.) characters.`);
    }
    out[name] = attributeValue(name, raw);
  }
  return out;
}

function attributeValue(name: string, raw: unknown): MessageAttributeValue {
  const v = (raw ?? {}) as Record<string, unknown>;
  const type = v.DataType;
  if (typeof type !== 'string' || type === '') {
    throw new InvalidParameterValue(`The message attribute '${name}' must contain non-empty message attribute type.`);
  }
  const base = type.split('.')[0];
  if (!['String', 'Number', 'Binary'].includes(base) || type.length > 256) {
    throw new InvalidParameterValue(`The type of message (user) attribute '${name}' is invalid. You must use only the following supported type prefixes: Binary, Number, String.`);
  }
  if (v.StringListValues !== undefined || v.BinaryListValues !== undefined) {
    throw new InvalidParameterValue(`Message attribute list values in SendMessage operation are not supported.`);
  }
  const empty = () => new InvalidParameterValue(`The message attribute '${name}' must contain a non-empty message attribute value for message attribute type '${base}'.`);
  if (base === 'Binary') {
    if (typeof v.BinaryValue !== 'string' || v.BinaryValue === '' || v.StringValue !== undefined) throw empty();
    return { DataType: type, BinaryValue: v.BinaryValue };
  }
  if (typeof v.StringValue !== 'string' || v.StringValue === '' || v.BinaryValue !== undefined) throw empty();
  if (base === 'Number' && !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(v.StringValue.trim())) {
    throw new InvalidParameterValue(`Can't cast the value of message (user) attribute '${name}' to a number.`);
  }
  checkBodyCharacters(v.StringValue);
  return { DataType: type, StringValue: v.StringValue };
}

/** Bytes counted against MaximumMessageSize: the body plus every attribute's name, type and value. */
export function messageSize(body: string, attributes: MessageAttributes): number {
  let n = Buffer.byteLength(body);
  for (const [name, a] of Object.entries(attributes)) {
    n += Buffer.byteLength(name) + Buffer.byteLength(a.DataType);
    n += a.BinaryValue !== undefined ? Buffer.from(a.BinaryValue, 'base64').length : Buffer.byteLength(a.StringValue ?? '');
  }
  return n;
}

/** MD5OfMessageAttributes (or MD5OfMessageSystemAttributes); undefined for none. */
export function md5OfAttributes(attributes: MessageAttributes | undefined): string | undefined {
  const names = Object.keys(attributes ?? {}).sort();
  if (names.length === 0) return undefined;
  const parts: Buffer[] = [];
  const field = (b: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(b.length);
    parts.push(len, b);
  };
  for (const name of names) {
    const a = attributes![name];
    field(Buffer.from(name));
    field(Buffer.from(a.DataType));
    if (a.BinaryValue !== undefined) {
      parts.push(Buffer.from([2]));
      field(Buffer.from(a.BinaryValue, 'base64'));
    } else {
      parts.push(Buffer.from([1]));
      field(Buffer.from(a.StringValue ?? ''));
    }
  }
  return md5Hex(Buffer.concat(parts));
}

/** The attributes a ReceiveMessage's MessageAttributeNames select (`All`, `.*`, `prefix.*`, exact names). */
export function selectAttributes(attributes: MessageAttributes | undefined, names: readonly string[] | undefined): MessageAttributes | undefined {
  if (!attributes || !names || names.length === 0) return undefined;
  const all = names.some((n) => n === 'All' || n === '.*');
  const out: MessageAttributes = {};
  for (const [name, value] of Object.entries(attributes)) {
    if (all || names.some((n) => (n.endsWith('.*') ? name.startsWith(n.slice(0, -1)) : n === name))) out[name] = value;
  }
  return Object.keys(out).length ? out : undefined;
}
