// One AWS::Serverless::Function → a PlannedFunction: Globals.Function merged in,
// every value resolved, types checked (Timeout 1-900 s, MemorySize 128-10240 MB),
// Handler and Runtime required, CodeUri made absolute (default: the template
// directory), FunctionName given or generated with a stable suffix.

import { isAbsolute, resolve as resolvePath } from 'node:path';
import { suggestKey, show } from '../deploy-error';
import { isPlainMap, mergeGlobal } from './globals';
import { layerRef, type PlannedFunction, type PlannedLayerRef } from '../plan';
import { NO_VALUE } from './intrinsics';
import { ResourceEntry, physicalName } from './resource-refs';
import type { Stack } from './stack-scope';
import type { KeyPath } from './yaml-template';

/** Unknown property names: an error when a known name is close, otherwise a warning. */
export function checkKeys(stack: Stack, keys: string[], known: string[], at: KeyPath, what: string): void {
  for (const k of keys) {
    if (known.includes(k)) continue;
    const hint = suggestKey(k, known);
    if (hint) stack.fail(`unknown property "${k}" (did you mean "${hint}"?)`, [...at, k]);
    stack.warn(`${[...at, k].join('.')}: unknown property of ${what}, ignored`);
  }
}

function resolveEach(stack: Stack, props: Record<string, unknown>, at: KeyPath): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(props)) {
    if (k === 'Events') continue;
    const r = stack.resolve(v, [...at, k]);
    if (r !== NO_VALUE) out[k] = r;
  }
  return out;
}

function integer(v: unknown, min: number, max: number, what: string, path: KeyPath, stack: Stack): number {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) {
    return stack.fail(`expected ${what} (${min}-${max}), got ${show(v)}`, path);
  }
  return n;
}

export function buildFunction(stack: Stack, entry: ResourceEntry, globalFn: Record<string, unknown>, dir: string): PlannedFunction {
  const own: KeyPath = ['Resources', entry.logicalId, 'Properties'];
  const local = resolveEach(stack, entry.properties, own);
  const global = resolveEach(stack, globalFn, ['Globals', 'Function']);
  const p: Record<string, unknown> = {};
  for (const k of new Set([...Object.keys(global), ...Object.keys(local)])) p[k] = mergeGlobal(global[k], local[k]);
  const at = (k: string): KeyPath => (k in entry.properties || !(k in globalFn) ? [...own, k] : ['Globals', 'Function', k]);
  const str = (k: string): string | undefined => {
    if (p[k] === undefined) return undefined;
    if (typeof p[k] !== 'string') return stack.fail(`expected a string, got ${show(p[k])}`, at(k));
    return p[k] as string;
  };

  const handler = str('Handler');
  const runtime = str('Runtime');
  if (!handler) stack.fail('Handler is required (on the function or in Globals.Function)', own);
  if (!runtime) stack.fail('Runtime is required (on the function or in Globals.Function)', own);
  const inlineCode = 'InlineCode' in local ? str('InlineCode') : undefined;
  if (inlineCode !== undefined && 'CodeUri' in local) stack.fail('specify CodeUri or InlineCode, not both', own);
  let codeDir = dir;
  if (inlineCode === undefined && p.CodeUri !== undefined) {
    const uri = p.CodeUri;
    if (typeof uri !== 'string' || uri.startsWith('s3://')) {
      stack.fail(`expected a local directory; S3 code locations are not supported, got ${show(uri)}`, at('CodeUri'));
    }
    codeDir = isAbsolute(uri as string) ? (uri as string) : resolvePath(dir, uri as string);
  }

  const name = physicalName(entry, stack);
  if (!/^[a-zA-Z0-9_-]{1,64}$/.test(name)) {
    stack.fail(`FunctionName must be 1-64 letters, digits, "-" or "_", got ${show(name)}`, at('FunctionName'));
  }
  const fn: PlannedFunction = {
    logicalId: entry.logicalId, functionName: name, runtime: runtime!, handler: handler!, codeDir,
    memorySize: p.MemorySize === undefined ? 128 : integer(p.MemorySize, 128, 10240, 'a memory size in MB', at('MemorySize'), stack),
    timeout: p.Timeout === undefined ? 3 : integer(p.Timeout, 1, 900, 'a number of seconds', at('Timeout'), stack),
    environment: environment(stack, p.Environment, at('Environment')),
  };
  if (inlineCode !== undefined) fn.inlineCode = inlineCode;
  const description = str('Description');
  if (description !== undefined) fn.description = description;
  const alias = str('AutoPublishAlias');
  if (alias !== undefined) fn.autoPublishAlias = alias;
  if (p.ReservedConcurrentExecutions !== undefined) {
    fn.reservedConcurrency = integer(p.ReservedConcurrentExecutions, 0, 1_000_000, 'a number of executions', at('ReservedConcurrentExecutions'), stack);
  }
  if (p.ProvisionedConcurrencyConfig !== undefined) {
    const pc = p.ProvisionedConcurrencyConfig;
    const pcAt = at('ProvisionedConcurrencyConfig');
    if (alias === undefined) stack.fail('To set ProvisionedConcurrencyConfig AutoPublishALias must be defined on the function', pcAt);
    if (!isPlainMap(pc)) return stack.fail(`expected a map with ProvisionedConcurrentExecutions, got ${show(pc)}`, pcAt);
    fn.provisionedConcurrency = integer(pc.ProvisionedConcurrentExecutions, 1, 1_000_000, 'a number of executions', [...pcAt, 'ProvisionedConcurrentExecutions'], stack);
  }
  if (p.Layers !== undefined) fn.layers = layers(stack, p.Layers, at('Layers'));
  return fn;
}

/** Layers (Globals' first, then the function's): layer version ARNs or `!Ref` to a layer resource. */
function layers(stack: Stack, v: unknown, path: KeyPath): PlannedLayerRef[] {
  if (!Array.isArray(v)) return stack.fail(`expected a list of layer version ARNs, got ${show(v)}`, path);
  return v.map((item, i) => {
    if (typeof item !== 'string') return stack.fail(`expected a layer version ARN or !Ref to a layer, got ${show(item)}`, [...path, i]);
    return layerRef(item);
  });
}

function environment(stack: Stack, env: unknown, path: KeyPath): Record<string, string> {
  if (env === undefined) return {};
  if (!isPlainMap(env)) return stack.fail(`expected a map with Variables, got ${show(env)}`, path);
  checkKeys(stack, Object.keys(env), ['Variables'], path, 'Environment');
  const vars = env.Variables ?? {};
  if (!isPlainMap(vars)) return stack.fail(`expected a map of variables, got ${show(vars)}`, [...path, 'Variables']);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(vars)) {
    if (v === null || typeof v === 'object') stack.fail(`expected a string value, got ${show(v)}`, [...path, 'Variables', k]);
    out[k] = String(v);
  }
  return out;
}
