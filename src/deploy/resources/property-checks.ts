// Checks shared by the resource types: unknown property names (with "did you mean"),
// integers, booleans and lists as CloudFormation writes them, JSON-or-map policies, and
// a service's AwsError turned into a PropertyError against the resource.
import { AwsError } from '../../kernel/aws-error';
import { show, suggestKey } from '../deploy-error';
import type { KeyPath } from '../yaml-document';
import { PropertyError } from './port';

export type Input = Record<string, unknown>;

/** Every key of `props` must be in `known`; those in `unserved` are reported as not served. */
export function checkProperties(props: Input, known: readonly string[], unserved: readonly string[] = [], what = '', at: KeyPath = []): void {
  for (const k of Object.keys(props)) {
    if (known.includes(k)) continue;
    if (unserved.includes(k)) throw new PropertyError([...at, k], `${k} is not yet supported${what ? ` (${what})` : ''}`);
    const hint = suggestKey(k, known);
    throw new PropertyError([...at, k], `unknown property "${k}"${hint ? ` (did you mean "${hint}"?)` : ` (known: ${known.join(', ')})`}`);
  }
}

export function integer(v: unknown, at: KeyPath): number | undefined {
  if (v === undefined || v === null) return undefined;
  const n = typeof v === 'string' && /^\s*-?\d+\s*$/.test(v) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n)) throw new PropertyError(at, `expected an integer, got ${show(v)}`);
  return n;
}

export function boolean(v: unknown, at: KeyPath): boolean | undefined {
  if (v === undefined || v === null) return undefined;
  if (v === true || v === 'true') return true;
  if (v === false || v === 'false') return false;
  throw new PropertyError(at, `expected true or false, got ${show(v)}`);
}

export function string(v: unknown, at: KeyPath, required = false): string | undefined {
  if (v === undefined || v === null) {
    if (required) throw new PropertyError(at, `${at[at.length - 1]} is required (a string)`);
    return undefined;
  }
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v !== 'string' || (required && v === '')) throw new PropertyError(at, `expected a string, got ${show(v)}`);
  return v;
}

export function list(v: unknown, at: KeyPath): unknown[] {
  if (!Array.isArray(v)) throw new PropertyError(at, `expected a list, got ${show(v)}`);
  return v;
}

/** A policy or pattern: JSON text, or a map (as templates usually write it) as JSON text. */
export function jsonText(v: unknown, at: KeyPath): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'object' && !Array.isArray(v)) return JSON.stringify(v);
  throw new PropertyError(at, `expected JSON text or a map, got ${show(v)}`);
}

/** CloudFormation `Tags: [{Key, Value}]` as a map. */
export function tags(v: unknown, at: KeyPath): Record<string, string> {
  if (v === undefined || v === null) return {};
  const out: Record<string, string> = {};
  list(v, at).forEach((t, i) => {
    const tag = t as Input | null;
    const key = string(tag?.Key, [...at, i, 'Key'], true)!;
    out[key] = string(tag?.Value, [...at, i, 'Value']) ?? '';
  });
  return out;
}

/** The AwsError's short code (`QueueDoesNotExist` from `com.amazonaws.sqs#QueueDoesNotExist`). */
export const errorCode = (e: unknown): string | undefined => (e instanceof AwsError ? e.code.replace(/^.*#/, '') : undefined);

/** Runs a service call; its AwsError becomes a PropertyError (at `at`) naming the code and message. */
export async function asProperty<T>(call: () => Promise<T>, at: KeyPath = []): Promise<T> {
  try {
    return await call();
  } catch (e) {
    if (e instanceof AwsError) throw new PropertyError(at, `${errorCode(e)}: ${e.message}`);
    throw e;
  }
}

/** Runs a call that may find its target already gone (`codes`): then it is no error. */
export async function ignoring(codes: string[], call: () => Promise<unknown>): Promise<void> {
  await call().catch((e) => {
    if (!codes.includes(errorCode(e) ?? '')) throw e;
  });
}
