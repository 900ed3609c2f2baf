// serverless.yml → DeploymentPlan. Pure apart from reading serverless.yml (or .yaml)
// and the files its `${file(...)}` variables name. Defaults follow the Serverless
// Framework: stage dev, region us-east-1, memorySize 1024, timeout 6, function name
// `<service>-<stage>-<key>`. Anything Nimbus does not act on yet is kept as a warning
// or an unsupported resource, never dropped silently.

import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DeploymentPlan, PlannedFunction, PlannedResource, PlannedRoute } from '../plan';
import { ConfigReader, Obj } from './config-reader';
import { DeployError } from '../deploy-error';
import { eventRoutes } from './events';
import { FUNCTION_KEYS, PROVIDER_KEYS, TOP_LEVEL_KEYS } from './known-keys';
import { layerRefs, plannedLayers } from './layers';
import { asyncInvokeSettings } from './async-config';
import { ServerlessStack, functionLogicalId } from './cfn-scope';
import { collectResources, plannedResources, pluginWarnings, providerHttpApi } from './sections';
import { snsEventSubscriptions, snsEventTopics } from './sns-events';
import { sqsEventMappings } from './sqs-events';
import { streamEventMappings } from './stream-events';
import { VariableResolver } from './variables';
import { readYamlFile } from './yaml-source';
import { withPhysicalName } from '../sam/resource-refs';

export interface LoadServerlessOptions {
  stage?: string;
  region?: string;
  env: Record<string, string | undefined>;
  accountId: string;
  /** `--param name=value` pairs; they win over `params:` in the file. */
  params?: Record<string, string>;
}

/** Function keys Nimbus reads but cannot carry in the plan yet: reported, not dropped. */
const UNPLANNED_FUNCTION_KEYS = ['image', 'url', 'snapStart'];

export function loadServerless(dir: string, opts: LoadServerlessOptions): DeploymentPlan {
  const serviceDir = resolve(dir);
  const name = ['serverless.yml', 'serverless.yaml'].find((n) => existsSync(join(serviceDir, n)));
  if (!name) throw new DeployError(`no serverless.yml or serverless.yaml in ${serviceDir}`, { file: 'serverless.yml' });
  const file = join(serviceDir, name);
  const src = readYamlFile(file, name);
  const warnings: string[] = [];
  const r = new ConfigReader(src, warnings);
  if (!r.isObject(src.value)) throw r.error([], 'expected a map of keys at the top level');

  const resolver = new VariableResolver(src, { ...opts, dir: serviceDir });
  const top = r.object([], resolver.resolveAll(), TOP_LEVEL_KEYS);
  const service = serviceName(r, top.service);
  if (top.provider === undefined) throw r.error(['provider'], 'is required: expected a map with name: aws');
  const provider = r.object(['provider'], top.provider, PROVIDER_KEYS);
  const providerName = r.string(['provider', 'name'], provider.name, 'aws');
  if (providerName !== 'aws') throw r.error(['provider', 'name'], `expected "aws", got "${providerName}"`);
  r.optString(['provider', 'stage'], provider.stage);
  r.optString(['provider', 'region'], provider.region);
  const stage = resolver.stage();
  const region = resolver.region();
  const defaults = {
    runtime: r.optString(['provider', 'runtime'], provider.runtime),
    memorySize: r.optInt(['provider', 'memorySize'], provider.memorySize, 128, 10240, 'a memory size in MB') ?? 1024,
    timeout: r.optInt(['provider', 'timeout'], provider.timeout, 1, 900, 'a number of seconds') ?? 6,
    environment: {} as Record<string, string>, // once the stack can evaluate intrinsics
  };
  r.object(['provider', 'tags'], provider.tags);
  r.object(['provider', 'apiGateway'], provider.apiGateway);
  const httpApi = providerHttpApi(r, provider.httpApi);
  const layers = plannedLayers(r, top.layers, serviceDir);
  const layerIds = layers.map((l) => l.logicalId);
  const providerLayers = layerRefs(r, ['provider', 'layers'], provider.layers, layerIds);

  const stackName = r.optString(['provider', 'stackName'], provider.stackName) ?? `${service}-${stage}`;
  // The stack knows every resource before intrinsics are evaluated: resources.Resources, the
  // functions (by the framework's logical ids) and the topics `sns` events create.
  const fnEntries = Object.entries(r.object(['functions'], top.functions));
  const drafts = collectResources(r, top.resources);
  const eventTopics = new Map<string, PlannedResource>();
  for (const [key, value] of fnEntries) {
    const events = r.isObject(value) ? value.events : undefined;
    for (const t of snsEventTopics(r, ['functions', key, 'events'], events)) if (!eventTopics.has(t.logicalId)) eventTopics.set(t.logicalId, t);
  }
  const names = fnEntries.map(([key, value]) => ({ logicalId: key,
    functionName: r.isObject(value) && typeof value.name === 'string' ? value.name : `${service}-${stage}-${key}` }));
  const stack = new ServerlessStack(r, { stackName, region, accountId: opts.accountId, functions: names }, [...drafts, ...eventTopics.values()]);
  defaults.environment = r.environment(['provider', 'environment'], provider.environment, (v, p) => stack.resolveString(v, p));

  const functions: PlannedFunction[] = [];
  const routes: PlannedRoute[] = [];
  const derived: PlannedResource[] = [];
  for (const [key, value] of fnEntries) {
    const at = ['functions', key];
    const fn = r.object(at, value, FUNCTION_KEYS);
    const planned = plannedFunction(r, at, fn, { key, service, stage, serviceDir, stack, ...defaults });
    const fnLayers = layerRefs(r, [...at, 'layers'], fn.layers, layerIds) ?? providerLayers;
    if (fnLayers) planned.layers = fnLayers;
    functions.push(planned);
    for (const k of UNPLANNED_FUNCTION_KEYS) {
      if (fn[k] !== undefined) warnings.push(`functions.${key}.${k} is not yet supported and was ignored`);
    }
    routes.push(...eventRoutes(r, [...at, 'events'], fn.events, { functionKey: key, stage, httpApiPayload: httpApi.payload }));
    derived.push(...sqsEventMappings(r, [...at, 'events'], fn.events, { functionKey: key, functionName: planned.functionName, stack }));
    derived.push(...streamEventMappings(r, [...at, 'events'], fn.events, { functionKey: key, functionName: planned.functionName, stack }));
    const functionArn = stack.resolveString({ 'Fn::GetAtt': [functionLogicalId(key), 'Arn'] }, at);
    derived.push(...snsEventSubscriptions(r, [...at, 'events'], fn.events, { functionKey: key, functionArn, stack }));
    derived.push(...asyncInvokeSettings(r, at, fn, planned, { stack, functionKeys: fnEntries.map(([k]) => k) }));
  }
  httpApi.applyCors(routes);

  r.object(['custom'], top.custom);
  r.object(['params'], top.params);
  r.object(['package'], top.package);
  warnings.push(...pluginWarnings(r, top.plugins));
  const topics = [...eventTopics.values()].filter((t) => !drafts.some((d) => d.logicalId === t.logicalId))
    .map((t) => ({ ...t, properties: withPhysicalName(t, t.properties, stack) }));
  return {
    source: { kind: 'serverless', file, dir: serviceDir },
    stackName,
    region,
    functions,
    routes,
    resources: [...layers, ...plannedResources(stack, drafts), ...topics, ...derived],
    warnings,
  };
}

function serviceName(r: ConfigReader, v: unknown): string {
  if (r.isObject(v)) return r.string(['service', 'name'], v.name, 'the service name');
  const name = r.string(['service'], v, 'the service name');
  if (!/^[a-zA-Z][a-zA-Z0-9-]*$/.test(name)) {
    throw r.error(['service'], `expected a name of letters, digits and hyphens starting with a letter, got "${name}"`);
  }
  return name;
}

interface FunctionDefaults {
  key: string;
  service: string;
  stage: string;
  serviceDir: string;
  runtime?: string;
  memorySize: number;
  timeout: number;
  environment: Record<string, string>;
  stack: ServerlessStack;
}

function plannedFunction(r: ConfigReader, at: string[], fn: Obj, d: FunctionDefaults): PlannedFunction {
  const handler = r.string([...at, 'handler'], fn.handler, 'a handler "path/file.export" (e.g. handler.hello)');
  const lastSlash = handler.lastIndexOf('/');
  const dot = handler.lastIndexOf('.');
  if (dot <= lastSlash + 1 || dot === handler.length - 1) {
    throw r.error([...at, 'handler'], `expected "path/file.export" (e.g. handler.hello), got "${handler}"`);
  }
  const runtime = r.optString([...at, 'runtime'], fn.runtime) ?? d.runtime;
  if (!runtime) throw r.error([...at, 'runtime'], 'no runtime: set provider.runtime or this function\'s runtime (e.g. nodejs20.x)');
  const planned: PlannedFunction = {
    logicalId: d.key,
    functionName: r.optString([...at, 'name'], fn.name) ?? `${d.service}-${d.stage}-${d.key}`,
    runtime,
    handler,
    codeDir: d.serviceDir,
    memorySize: r.optInt([...at, 'memorySize'], fn.memorySize, 128, 10240, 'a memory size in MB') ?? d.memorySize,
    timeout: r.optInt([...at, 'timeout'], fn.timeout, 1, 900, 'a number of seconds') ?? d.timeout,
    environment: { ...d.environment, ...r.environment([...at, 'environment'], fn.environment, (v, p) => d.stack.resolveString(v, p)) },
  };
  const description = r.optString([...at, 'description'], fn.description);
  if (description !== undefined) planned.description = description;
  const reserved = r.optInt([...at, 'reservedConcurrency'], fn.reservedConcurrency, 0, 1_000_000, 'a number of concurrent executions');
  if (reserved !== undefined) planned.reservedConcurrency = reserved;
  const pcPath = [...at, 'provisionedConcurrency'];
  const pc = r.isObject(fn.provisionedConcurrency) ? fn.provisionedConcurrency : { executions: fn.provisionedConcurrency };
  const executions = r.optInt(r.isObject(fn.provisionedConcurrency) ? [...pcPath, 'executions'] : pcPath, pc.executions, 0, 1_000_000, 'a number of provisioned executions');
  if (executions !== undefined && executions > 0) {
    planned.provisionedConcurrency = executions;
    planned.autoPublishAlias = r.optString([...pcPath, 'alias'], pc.alias) ?? 'provisioned';
  }
  return planned;
}
