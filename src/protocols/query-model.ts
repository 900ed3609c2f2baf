// botocore-format service models for the AWS query protocol: the shapes that say how a
// request's flattened form parameters nest, and how a result becomes XML. Models live in
// aws-models/ at the repository's root (copied by scripts/copy-aws-models.js, without
// their documentation); an overlay file adds the query names a JSON-protocol model lacks
// (SQS: aws-models/sqs-2012-11-05.query-overlay.json).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A reference to a shape from a member, a list's member or a map's key/value, with its wire traits. */
export interface ShapeRef {
  shape: string;
  locationName?: string;
  flattened?: boolean;
  [trait: string]: unknown;
}

export interface ErrorTrait { code?: string; httpStatusCode?: number; senderFault?: boolean }

export interface Shape {
  type: 'structure' | 'list' | 'map' | 'string' | 'integer' | 'long' | 'float' | 'double' | 'boolean' | 'timestamp' | 'blob';
  members?: Record<string, ShapeRef>;
  required?: string[];
  member?: ShapeRef;
  key?: ShapeRef;
  value?: ShapeRef;
  flattened?: boolean;
  locationName?: string;
  error?: ErrorTrait;
  exception?: boolean;
}

export interface OperationModel {
  name: string;
  input?: { shape: string };
  output?: { shape: string; resultWrapper?: string };
  errors?: { shape: string }[];
}

export interface QueryModel {
  metadata: { apiVersion: string; endpointPrefix: string; signingName?: string; xmlNamespace?: string;
    protocol: string; serviceId?: string };
  operations: Record<string, OperationModel>;
  shapes: Record<string, Shape>;
}

/** Where the models are: aws-models/ next to src/ and dist/. */
export const MODELS_DIR = join(__dirname, '..', '..', 'aws-models');

const cache = new Map<string, QueryModel>();

/** Loads `aws-models/<name>.json` (e.g. `ses-2010-12-01`), merged with `<name>.query-overlay.json` when asked. */
export function loadQueryModel(name: string, opts: { overlay?: boolean; dir?: string } = {}): QueryModel {
  const dir = opts.dir ?? MODELS_DIR;
  const id = `${dir}/${name}/${opts.overlay ? 'o' : ''}`;
  let model = cache.get(id);
  if (!model) {
    const read = (file: string) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, unknown>;
    const base = read(`${name}.json`);
    model = (opts.overlay ? merge(base, read(`${name}.query-overlay.json`)) : base) as unknown as QueryModel;
    cache.set(id, model);
  }
  return model;
}

/** Deep merge of plain objects: the overlay's values win, nested objects merge. */
export function merge(base: Record<string, unknown>, overlay: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(overlay)) {
    const b = out[k];
    out[k] = isObject(v) && isObject(b) ? merge(b, v) : v;
  }
  return out;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

export function shapeOf(model: QueryModel, ref: ShapeRef | string): Shape {
  const name = typeof ref === 'string' ? ref : ref.shape;
  const shape = model.shapes[name];
  if (!shape) throw new Error(`${model.metadata.endpointPrefix} model has no shape ${name}`);
  return shape;
}

/** A reference's wire name and flattening: the reference's traits over its shape's (as botocore merges them). */
export function traits(model: QueryModel, ref: ShapeRef): { locationName?: string; flattened: boolean } {
  const shape = shapeOf(model, ref);
  return { locationName: ref.locationName ?? shape.locationName, flattened: Boolean(ref.flattened ?? shape.flattened) };
}

/** The name SigV4 scopes carry (`ses`, `sns`, `sqs`). */
export const signingName = (model: QueryModel): string => model.metadata.signingName ?? model.metadata.endpointPrefix;

/** An error shape's wire code, HTTP status and fault, or undefined when the model has no such error shape. */
export function errorTrait(model: QueryModel, shapeName: string): { code: string; status: number; sender: boolean } | undefined {
  const shape = model.shapes[shapeName];
  if (!shape || !(shape.exception || shape.error)) return undefined;
  const status = shape.error?.httpStatusCode ?? 400;
  return { code: shape.error?.code ?? shapeName, status, sender: shape.error?.senderFault ?? status < 500 };
}
