// Query-protocol responses: an operation's result (shaped as the JSON protocols shape it:
// timestamps as epoch seconds, a Date or ISO text; blobs as base64 text or bytes) → XML
// per the output shape, and the ErrorResponse document. The XML text itself is written by
// fast-xml-parser's XMLBuilder (escaping, empty elements), pinned in package.json. Pure.
//
//   <OpResponse xmlns="ns"><OpResult>...</OpResult><ResponseMetadata><RequestId/></ResponseMetadata></OpResponse>
//   lists: <Name><member>..</member></Name>, or flattened <Name>..</Name><Name>..</Name>;
//   maps: <Name><entry><key/><value/></entry></Name>, or flattened <Name><key/><value/></Name>...
import { XMLBuilder } from 'fast-xml-parser';
import { shapeOf, traits, type QueryModel, type Shape, type ShapeRef } from './query-model';

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', suppressEmptyNode: false, format: false });

type Node = string | { [name: string]: Node | Node[] };

/** The whole response document of `operation` for `result`. */
export function resultXml(model: QueryModel, operation: string, result: unknown, requestId: string): string {
  const op = model.operations[operation];
  const body: Record<string, Node | Node[]> = { '@_xmlns': model.metadata.xmlNamespace ?? '' };
  if (op?.output) {
    body[op.output.resultWrapper ?? `${operation}Result`] = structure(model, shapeOf(model, op.output.shape), result ?? {});
  }
  body.ResponseMetadata = { RequestId: requestId };
  return builder.build({ [`${operation}Response`]: body }) as string;
}

export interface QueryErrorBody { type: 'Sender' | 'Receiver'; code: string; message: string; fields?: Record<string, unknown> }

/** `<ErrorResponse><Error><Type/><Code/><Message/>...</Error><RequestId/></ErrorResponse>`. */
export function errorXml(xmlNamespace: string | undefined, e: QueryErrorBody, requestId: string): string {
  const error: Record<string, Node> = { Type: e.type, Code: e.code, Message: e.message };
  for (const [k, v] of Object.entries(e.fields ?? {})) if (v !== undefined && v !== null && !(k in error)) error[k] = String(v);
  const doc: Record<string, Node> = { Error: error, RequestId: requestId };
  if (xmlNamespace) doc['@_xmlns'] = xmlNamespace;
  return builder.build({ ErrorResponse: doc }) as string;
}

function structure(model: QueryModel, shape: Shape, value: unknown): Node {
  const out: Record<string, Node | Node[]> = {};
  const v = (value ?? {}) as Record<string, unknown>;
  for (const [name, ref] of Object.entries(shape.members ?? {})) {
    const member = v[name];
    if (member === undefined || member === null) continue;
    const memberShape = shapeOf(model, ref);
    const t = traits(model, ref);
    if (memberShape.type === 'list' && t.flattened) {
      const item = memberShape.member as ShapeRef;
      const key = traits(model, item).locationName ?? t.locationName ?? name;
      const items = (member as unknown[]).map((x) => node(model, item, x));
      if (items.length) out[key] = items;
    } else if (memberShape.type === 'map' && t.flattened) {
      const entries = mapEntries(model, memberShape, member);
      if (entries.length) out[t.locationName ?? name] = entries;
    } else {
      out[t.locationName ?? name] = node(model, ref, member);
    }
  }
  return out;
}

function node(model: QueryModel, ref: ShapeRef, value: unknown): Node {
  const shape = shapeOf(model, ref);
  switch (shape.type) {
    case 'structure': return structure(model, shape, value);
    case 'list': {
      const item = shape.member as ShapeRef;
      const items = (value as unknown[]).map((x) => node(model, item, x));
      return items.length ? { [traits(model, item).locationName ?? 'member']: items } : '';
    }
    case 'map': {
      const entries = mapEntries(model, shape, value);
      return entries.length ? { entry: entries } : '';
    }
    default: return scalar(shape, value);
  }
}

function mapEntries(model: QueryModel, shape: Shape, value: unknown): Node[] {
  const k = traits(model, shape.key as ShapeRef).locationName ?? 'key';
  const v = traits(model, shape.value as ShapeRef).locationName ?? 'value';
  return Object.entries(value as Record<string, unknown>).filter(([, x]) => x !== undefined && x !== null)
    .map(([key, x]) => ({ [k]: key, [v]: node(model, shape.value as ShapeRef, x) }));
}

function scalar(shape: Shape, value: unknown): string {
  switch (shape.type) {
    case 'timestamp': return isoTimestamp(value);
    case 'blob': return value instanceof Uint8Array ? Buffer.from(value).toString('base64') : String(value);
    case 'boolean': return value ? 'true' : 'false';
    default: return String(value);
  }
}

/** ISO 8601 (as AWS writes it, with milliseconds) from epoch seconds, a Date or date text. */
export function isoTimestamp(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number') return new Date(value * 1000).toISOString();
  const ms = Date.parse(String(value));
  return Number.isNaN(ms) ? String(value) : new Date(ms).toISOString();
}
