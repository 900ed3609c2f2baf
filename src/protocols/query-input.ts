// Query-protocol requests → the operation's input, shaped as the JSON protocols shape it
// (numbers, booleans, timestamps as epoch seconds, blobs as base64 text), so a service
// serving both protocols (SQS) runs the same operation code. Pure functions.
//
// The form's keys nest by dots, as botocore's QuerySerializer writes them:
//   structure  Member.Sub                         list  Name.member.N  (flattened: Name.N,
//   map        Name.entry.N.key / .value          or the list member's locationName .N)
//   (flattened: Name.N.<key name> / .<value name>; names from the key/value locationName)
// An empty list is sent as `Name=` with no value.
import { AwsError } from '../kernel/aws-error';
import { shapeOf, traits, type QueryModel, type Shape, type ShapeRef } from './query-model';

/** The error of a parameter whose text is not of its shape's type. */
export class InvalidParameterValue extends AwsError {}

/** The form's keys split on dots into a tree. */
export interface FormNode { value?: string; children?: Map<string, FormNode> }

export function formTree(params: Iterable<[string, string]>): FormNode {
  const root: FormNode = {};
  for (const [key, value] of params) {
    let node = root;
    for (const part of key.split('.')) {
      node.children ??= new Map();
      let next = node.children.get(part);
      if (!next) node.children.set(part, (next = {}));
      node = next;
    }
    node.value = value;
  }
  return root;
}

/** Reads the input structure `shapeName` out of the form. */
export function parseQueryInput(model: QueryModel, shapeName: string, form: FormNode): Record<string, unknown> {
  return structure(model, shapeOf(model, shapeName), form, '');
}

function structure(model: QueryModel, shape: Shape, node: FormNode, path: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, ref] of Object.entries(shape.members ?? {})) {
    const key = memberKey(model, ref, name);
    const child = node.children?.get(key) ?? (key !== name ? node.children?.get(name) : undefined);
    if (child) out[name] = value(model, ref, child, path ? `${path}.${key}` : key);
  }
  return out;
}

/** The member's first key segment: a flattened list's member locationName replaces the member's name. */
export function memberKey(model: QueryModel, ref: ShapeRef, name: string): string {
  const shape = shapeOf(model, ref);
  const t = traits(model, ref);
  if (shape.type === 'list' && t.flattened && shape.member && traits(model, shape.member).locationName) {
    return traits(model, shape.member).locationName as string;
  }
  return t.locationName ?? name;
}

function value(model: QueryModel, ref: ShapeRef, node: FormNode, path: string): unknown {
  const shape = shapeOf(model, ref);
  switch (shape.type) {
    case 'structure': return structure(model, shape, node, path);
    case 'list': {
      const member = shape.member as ShapeRef;
      const items = traits(model, ref).flattened ? node : node.children?.get(traits(model, member).locationName ?? 'member');
      return indexed(items, path).map(([i, n]) => value(model, member, n, `${path}.${i}`));
    }
    case 'map': {
      const flat = traits(model, ref).flattened;
      const entries = flat ? node : node.children?.get('entry');
      const k = traits(model, shape.key as ShapeRef).locationName ?? 'key';
      const v = traits(model, shape.value as ShapeRef).locationName ?? 'value';
      const out: Record<string, unknown> = {};
      for (const [i, entry] of indexed(entries, path)) {
        const keyNode = entry.children?.get(k);
        const valueNode = entry.children?.get(v);
        if (keyNode?.value === undefined) continue;
        out[keyNode.value] = valueNode ? value(model, shape.value as ShapeRef, valueNode, `${path}.${i}.${v}`) : undefined;
      }
      return out;
    }
    default: return scalar(shape, node.value ?? '', path);
  }
}

/** A list's or map's numbered children in order (`Name=` alone is the empty list). */
function indexed(node: FormNode | undefined, path: string): [number, FormNode][] {
  const out: [number, FormNode][] = [];
  for (const [k, n] of node?.children ?? []) {
    if (!/^[1-9]\d*$/.test(k)) throw new InvalidParameterValue(`The parameter ${path}.${k} is not valid: list and map entries are numbered from 1.`);
    out.push([Number(k), n]);
  }
  return out.sort((a, b) => a[0] - b[0]);
}

function scalar(shape: Shape, text: string, path: string): unknown {
  const bad = (what: string) => new InvalidParameterValue(`Value (${text}) for parameter ${path} is invalid. ${what}`);
  switch (shape.type) {
    case 'integer': case 'long':
      if (!/^[-+]?\d+$/.test(text.trim())) throw bad('Must be an integer.');
      return Number(text);
    case 'float': case 'double': {
      const n = Number(text);
      if (text.trim() === '' || Number.isNaN(n)) throw bad('Must be a number.');
      return n;
    }
    case 'boolean':
      if (!/^(true|false)$/i.test(text)) throw bad('Must be true or false.');
      return text.toLowerCase() === 'true';
    case 'timestamp': {
      if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
      const ms = Date.parse(text);
      if (Number.isNaN(ms)) throw bad('Must be an ISO 8601 date and time.');
      return ms / 1000;
    }
    case 'blob':
      if (!/^[A-Za-z0-9+/\s]*={0,2}\s*$/.test(text)) throw bad('Must be base64-encoded.');
      return text.replace(/\s+/g, '');
    default:
      return text;
  }
}

/** Paths of required members that are missing, as the wire names them (`Message.Subject`). */
export function missingMembers(model: QueryModel, shapeName: string, input: Record<string, unknown>): string[] {
  const out: string[] = [];
  walk(model, shapeOf(model, shapeName), input, '', out);
  return out;
}

function walk(model: QueryModel, shape: Shape, value: unknown, path: string, out: string[]): void {
  if (value === undefined || value === null) return;
  if (shape.type === 'structure') {
    const v = value as Record<string, unknown>;
    for (const name of shape.required ?? []) if (v[name] === undefined) out.push(path ? `${path}.${name}` : name);
    for (const [name, ref] of Object.entries(shape.members ?? {})) {
      if (v[name] !== undefined) walk(model, shapeOf(model, ref), v[name], path ? `${path}.${name}` : name, out);
    }
  } else if (shape.type === 'list' && Array.isArray(value)) {
    value.forEach((item, i) => walk(model, shapeOf(model, shape.member as ShapeRef), item, `${path}.${i + 1}`, out));
  } else if (shape.type === 'map') {
    for (const [k, item] of Object.entries(value as Record<string, unknown>)) {
      walk(model, shapeOf(model, shape.value as ShapeRef), item, `${path}.${k}`, out);
    }
  }
}
