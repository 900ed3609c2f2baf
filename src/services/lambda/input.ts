// Reading request members as the model types them. A member of the wrong JSON type is a
// SerializationException worded like Lambda's deserializer; a missing required member
// is a ValidationException ("Value null at 'role' failed to satisfy constraint: Member
// must not be null"), all missing members in one message.
import { SerializationException } from '../../registry/errors';
import { throwViolations, violation } from '../../registry/validate';

type Json = Record<string, unknown>;

/** The token Lambda's deserializer names for a JSON value. */
function token(v: unknown): string {
  if (typeof v === 'string') return 'STRING_VALUE';
  if (typeof v === 'number') return 'NUMBER_VALUE';
  if (typeof v === 'boolean') return v ? 'TRUE_VALUE' : 'FALSE_VALUE';
  return 'VALUE';
}

function wrongType(v: unknown, expected: 'a String' | 'an Integer' | 'a Boolean' | 'a Blob'): SerializationException {
  if (Array.isArray(v)) return new SerializationException('Start of list found where not expected');
  if (typeof v === 'object') return new SerializationException('Start of structure or map found where not expected.');
  return new SerializationException(`${token(v)} can not be converted to ${expected}`);
}

function notStructure(v: unknown, what: 'list' | 'structure or map'): SerializationException {
  if (Array.isArray(v)) return new SerializationException('Start of list found where not expected');
  if (typeof v === 'object') return new SerializationException('Start of structure or map found where not expected.');
  return new SerializationException(`${token(v)} can not be converted to a ${what === 'list' ? 'List' : 'Structure'}`);
}

/** Typed access to one JSON object (the body, or a structure inside it); null reads as absent. */
export class Members {
  constructor(readonly json: Json) {}

  static of(body: unknown): Members {
    if (body === null || typeof body !== 'object' || Array.isArray(body)) throw notStructure(body, 'structure or map');
    return new Members(body as Json);
  }

  private raw(key: string): unknown {
    const v = this.json[key];
    return v === null ? undefined : v;
  }

  has(key: string): boolean { return this.raw(key) !== undefined; }

  string(key: string): string | undefined {
    const v = this.raw(key);
    if (v === undefined || typeof v === 'string') return v;
    throw wrongType(v, 'a String');
  }

  integer(key: string): number | undefined {
    const v = this.raw(key);
    if (v === undefined || (typeof v === 'number' && Number.isInteger(v))) return v;
    throw wrongType(v, 'an Integer');
  }

  number(key: string): number | undefined {
    const v = this.raw(key);
    if (v === undefined || typeof v === 'number') return v;
    throw wrongType(v, 'an Integer');
  }

  boolean(key: string): boolean | undefined {
    const v = this.raw(key);
    if (v === undefined || typeof v === 'boolean') return v;
    throw wrongType(v, 'a Boolean');
  }

  /** A blob member: base64 text on the wire. */
  blob(key: string): Buffer | undefined {
    const v = this.raw(key);
    if (v === undefined) return undefined;
    if (typeof v !== 'string') throw wrongType(v, 'a Blob');
    return Buffer.from(v, 'base64');
  }

  struct(key: string): Members | undefined {
    const v = this.raw(key);
    if (v === undefined) return undefined;
    if (typeof v !== 'object' || Array.isArray(v)) throw notStructure(v, 'structure or map');
    return new Members(v as Json);
  }

  stringMap(key: string): Record<string, string> | undefined {
    const m = this.struct(key);
    if (!m) return undefined;
    const out: Record<string, string> = {};
    for (const k of Object.keys(m.json)) {
      const v = m.string(k);
      if (v !== undefined) out[k] = v;
    }
    return out;
  }

  numberMap(key: string): Record<string, number> | undefined {
    const m = this.struct(key);
    if (!m) return undefined;
    const out: Record<string, number> = {};
    for (const k of Object.keys(m.json)) {
      const v = m.number(k);
      if (v !== undefined) out[k] = v;
    }
    return out;
  }

  stringList(key: string): string[] | undefined {
    const v = this.raw(key);
    if (v === undefined) return undefined;
    if (!Array.isArray(v)) throw notStructure(v, 'list');
    return v.map((item) => {
      if (typeof item !== 'string') throw wrongType(item, 'a String');
      return item;
    });
  }
}

/** Required members: every one missing is listed ('member' in the model's lowerCamel form). */
export function requireMembers(present: Record<string, unknown>): void {
  throwViolations(Object.entries(present)
    .filter(([, v]) => v === undefined)
    .map(([member]) => violation(member, null, 'Member must not be null')));
}
