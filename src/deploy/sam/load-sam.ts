// loadSam: a SAM project directory (template.yaml / template.yml) → DeploymentPlan.
// Pure apart from reading the template: parameters, conditions, mappings and Globals
// are applied, intrinsics evaluated, functions and their Api/HttpApi routes planned,
// and every other resource kept as a PlannedResource with its properties resolved
// (supported when resources/types.ts serves its type). Bad input throws a DeployError naming file, line and key.

import { existsSync, readFileSync } from 'node:fs';
import { basename, join, resolve as resolvePath } from 'node:path';
import type { DeploymentPlan, PlannedFunction, PlannedResource, PlannedRoute } from '../plan';
import { DeployError, suggestKey, show } from '../deploy-error';
import { LAYER_TYPES, isSupported } from '../resources/types';
import { collectApis } from './apis';
import { implicitApisUsed, functionRoutes } from './events';
import { sqsEventMappings } from './sqs-events';
import { streamEventMappings } from './stream-events';
import { snsEventResources } from './sns-events';
import { asyncSettings, generatedDestinations } from './async-config';
import { FUNCTION_PROPERTIES, GLOBALS_SECTIONS, NOT_IN_GLOBALS, RESOURCE_KEYS, TOP_LEVEL_KEYS, isPlainMap } from './globals';
import { resolveParameters } from './parameters';
import { attributes, withPhysicalName, type ResourceEntry } from './resource-refs';
import { buildFunction, checkKeys } from './serverless-function';
import { Stack } from './stack-scope';
import { KeyPath, TemplateSource, formatPath, parseTemplate } from './yaml-template';

export interface SamOptions {
  stackName?: string;
  parameterOverrides?: Record<string, string>;
  region: string;
  accountId: string;
  /** Template file relative to `dir` (default: template.yaml, then template.yml). */
  file?: string;
}

const TRANSFORM = 'AWS::Serverless-2016-10-31';

export function loadSam(dir: string, opts: SamOptions): DeploymentPlan {
  const root = resolvePath(dir);
  const file = opts.file ?? (['template.yaml', 'template.yml'].find((f) => existsSync(join(root, f))) ?? 'template.yaml');
  const abs = resolvePath(root, file);
  if (!existsSync(abs)) throw new DeployError('template not found', { file });
  const src = parseTemplate(readFileSync(abs, 'utf8'), file);
  const fail = (detail: string, path: KeyPath): never => {
    let pos;
    for (let n = path.length; n >= 0 && !pos; n--) pos = src.positions.get(formatPath(path.slice(0, n)));
    throw new DeployError(detail, { file, ...pos, key: formatPath(path) || undefined });
  };
  const t = src.value;
  if (!isPlainMap(t)) return fail(`expected a CloudFormation template (a map), got ${show(t)}`, []);
  for (const k of Object.keys(t)) {
    if (TOP_LEVEL_KEYS.includes(k)) continue;
    const hint = suggestKey(k, TOP_LEVEL_KEYS);
    fail(`unknown template section "${k}"${hint ? ` (did you mean "${hint}"?)` : ''}`, [k]);
  }
  if (!isPlainMap(t.Resources)) return fail(`a template needs a Resources map, got ${show(t.Resources)}`, ['Resources']);
  const entries = collectEntries(src, t.Resources, fail);
  const stackName = opts.stackName ?? basename(root);
  const params = resolveParameters(t.Parameters, opts.parameterOverrides ?? {}, fail);
  const stack = new Stack(src, stackName, opts.region, opts.accountId, params, entries);
  for (const k of ['Mappings', 'Conditions', 'Globals'] as const) {
    if (t[k] !== undefined && !isPlainMap(t[k])) fail(`expected a map, got ${show(t[k])}`, [k]);
  }
  const globals = (t.Globals ?? {}) as Record<string, unknown>;
  checkKeys(stack, Object.keys(globals), GLOBALS_SECTIONS, ['Globals'], 'Globals');
  const globalFn = globals.Function ?? {};
  if (!isPlainMap(globalFn)) return fail(`expected a map, got ${show(globalFn)}`, ['Globals', 'Function']);
  for (const k of Object.keys(globalFn)) {
    if (NOT_IN_GLOBALS.includes(k)) fail(`${k} cannot be set in Globals.Function`, ['Globals', 'Function', k]);
  }
  checkKeys(stack, Object.keys(globalFn), FUNCTION_PROPERTIES, ['Globals', 'Function'], 'Globals.Function');

  const apis = collectApis(stack, globals);
  const functions: PlannedFunction[] = [];
  const routes: PlannedRoute[] = [];
  const resources: PlannedResource[] = [];
  for (const e of entries.values()) {
    if (e.implicit) continue;
    const raw = (t.Resources as Record<string, Record<string, unknown>>)[e.logicalId];
    if (raw.Condition !== undefined && !stack.condition(String(raw.Condition), ['Resources', e.logicalId, 'Condition'])) continue;
    const at: KeyPath = ['Resources', e.logicalId, 'Properties'];
    if (e.type === 'AWS::Serverless::Function' && e.properties.PackageType !== 'Image') {
      checkKeys(stack, Object.keys(e.properties), FUNCTION_PROPERTIES, at, e.type);
      const fn = buildFunction(stack, e, globalFn, root);
      functions.push(fn);
      routes.push(...functionRoutes(stack, e.logicalId, e.properties.Events, apis));
      resources.push(...sqsEventMappings(stack, e.logicalId, fn.functionName, e.properties.Events));
      resources.push(...streamEventMappings(stack, e.logicalId, fn.functionName, e.properties.Events));
      resources.push(...snsEventResources(stack, e.logicalId, { functionName: fn.functionName, arn: attributes(e, stack).values.Arn },
        e.properties.Events));
      resources.push(...asyncSettings(stack, e, globalFn, fn));
      continue;
    }
    let properties = withPhysicalName(e, stack.resolve(e.properties, at) as Record<string, unknown>, stack);
    if (LAYER_TYPES.includes(e.type)) properties = localLayerContent(properties, e.type, root);
    const key = formatPath(['Resources', e.logicalId]);
    const planned: PlannedResource = { logicalId: e.logicalId, type: e.type, properties, supported: isSupported(e.type, 'sam'),
      where: { file, ...src.positions.get(key), key } };
    if (typeof raw.DeletionPolicy === 'string') planned.deletionPolicy = raw.DeletionPolicy;
    resources.push(planned);
  }
  // Outputs are not part of the plan, but their references must be valid.
  if (t.Outputs !== undefined) stack.resolve(t.Outputs, ['Outputs']);
  return {
    source: { kind: 'sam', file: abs, dir: root },
    stackName, region: opts.region, functions, routes, resources, warnings: stack.warnings,
  };
}

/** Resources of the template plus those SAM makes implicitly (APIs, function roles). */
function collectEntries(src: TemplateSource, res: Record<string, unknown>, fail: (d: string, p: KeyPath) => never): Map<string, ResourceEntry> {
  const t = src.value as Record<string, unknown>;
  const transforms = Array.isArray(t.Transform) ? t.Transform : [t.Transform];
  const entries = new Map<string, ResourceEntry>();
  const implicit = (logicalId: string, type: string) => {
    if (!entries.has(logicalId)) entries.set(logicalId, { logicalId, type, properties: {}, implicit: true });
  };
  for (const [id, r] of Object.entries(res)) {
    if (!isPlainMap(r)) return fail(`expected a resource (a map with Type), got ${show(r)}`, ['Resources', id]);
    checkResourceKeys(r, id, fail);
    if (typeof r.Type !== 'string') return fail('a resource needs a Type', ['Resources', id]);
    if (r.Type.startsWith('AWS::Serverless::') && !transforms.includes(TRANSFORM)) {
      fail(`${r.Type} needs "Transform: ${TRANSFORM}" at the top of the template`, ['Resources', id, 'Type']);
    }
    const props = r.Properties ?? {};
    if (!isPlainMap(props)) return fail(`expected a map, got ${show(props)}`, ['Resources', id, 'Properties']);
    entries.set(id, { logicalId: id, type: r.Type, properties: props });
  }
  for (const e of [...entries.values()]) {
    if (e.type !== 'AWS::Serverless::Function') continue;
    const used = implicitApisUsed(e.properties.Events);
    if (used.rest) implicit('ServerlessRestApi', 'AWS::Serverless::Api');
    if (used.http) implicit('ServerlessHttpApi', 'AWS::Serverless::HttpApi');
    if (e.properties.Role === undefined) implicit(`${e.logicalId}Role`, 'AWS::IAM::Role');
    for (const d of generatedDestinations(e.properties)) {
      implicit(`${e.logicalId}EventInvokeConfig${d.event}${d.kind}`, d.kind === 'Queue' ? 'AWS::SQS::Queue' : 'AWS::SNS::Topic');
    }
  }
  return entries;
}

/** A layer's ContentUri (Content for AWS::Lambda::LayerVersion): a local directory, made absolute. */
function localLayerContent(props: Record<string, unknown>, type: string, root: string): Record<string, unknown> {
  const key = type === 'AWS::Serverless::LayerVersion' ? 'ContentUri' : 'Content';
  const uri = props[key];
  if (typeof uri !== 'string' || uri.startsWith('s3://')) return props; // the apply reports it
  return { ...props, [key]: resolvePath(root, uri) };
}

function checkResourceKeys(r: Record<string, unknown>, id: string, fail: (d: string, p: KeyPath) => never): void {
  for (const k of Object.keys(r)) {
    if (RESOURCE_KEYS.includes(k)) continue;
    const hint = suggestKey(k, RESOURCE_KEYS);
    fail(`unknown resource attribute "${k}"${hint ? ` (did you mean "${hint}"?)` : ''}`, ['Resources', id, k]);
  }
}
