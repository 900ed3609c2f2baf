// Carries out a deployment plan: the layers first (resources/ of the `before-functions`
// phase), then every planned function is deployed into the registry with its layers
// (unchanged code and configuration are left alone), then the other resources Nimbus
// serves (resources/), and the routes are returned with their deployed function names
// for the HTTP gateway.
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { ProvisionedConcurrency } from '../concurrency/provisioned';
import type { ReservedConcurrency } from '../concurrency/reserved';
import type { Registry } from '../registry/registry';
import { QUEUE_URL_BASE } from './sam/resource-refs';
import type { DeploymentPlan, PlannedFunction, PlannedLayerRef, PlannedRoute } from './plan';
import { DeployError } from './deploy-error';
import { applyResources, type DeployedResource } from './resources/apply-resources';
import { withStreamArns } from './resources/dynamodb-table';
import { PropertyError, type ResourcePorts } from './resources/port';
import { registryLayerPort } from './resources/registry-layers';
import { RESOURCE_TYPES } from './resources/types';
import { bundleTypeScript, typeScriptEntry } from './typescript';
import { formatPath } from './yaml-document';

export interface DeployedRoute { route: PlannedRoute; functionName: string }

export interface ApplyResult {
  functions: { logicalId: string; functionName: string }[];
  routes: DeployedRoute[];
  /** What this deploy applied of the other resources (to store for the next deploy). */
  resources: DeployedResource[];
  /** One line each: warnings of the loader and resources Nimbus does not serve yet. */
  notices: string[];
}

export interface ApplyDeps extends ResourcePorts {
  registry: Registry;
  inlineRoot: string;
  buildRoot: string;
  concurrency?: ReservedConcurrency;
  provisioned?: ProvisionedConcurrency;
  /** The server's AWS endpoint: queue URLs in environment variables point there. */
  awsEndpoint?: string;
}

/** `previous`: what the stack's last deploy applied of the other resources. */
export async function applyPlan(plan: DeploymentPlan, deps: ApplyDeps, previous: DeployedResource[] = []): Promise<ApplyResult> {
  const ports: ResourcePorts = { ...deps, layers: deps.layers ?? registryLayerPort(deps.registry) };
  const layers = await applyResources(plan, ports, previous, 'before-functions');
  const layerArns = new Map(layers.map((l) => [l.logicalId, (l.state as { arn: string }).arn]));
  const names = new Map<string, string>();
  for (const fn of plan.functions) {
    let dir = fn.inlineCode === undefined ? fn.codeDir : writeInlineCode(deps.inlineRoot, fn);
    let environment = withEndpoint(streamArns(plan, fn, layers), deps.awsEndpoint);
    const ts = fn.inlineCode === undefined ? typeScriptEntry(fn) : undefined;
    if (ts) {
      const bundle = await bundleTypeScript(fn, ts, deps.buildRoot);
      dir = bundle.dir;
      environment = { ...environment, ...bundle.environment };
    }
    await deps.registry.deployFromDirectory({
      functionName: fn.functionName, runtime: fn.runtime, handler: fn.handler, dir,
      memorySize: fn.memorySize, timeout: fn.timeout, environment, description: fn.description,
      layers: (fn.layers ?? []).map((ref) => layerVersionArn(ref, layerArns, fn)),
      deadLetterTargetArn: fn.deadLetterTargetArn,
    });
    await applyVersioning(fn, deps);
    names.set(fn.logicalId, fn.functionName);
  }
  const routes = plan.routes.map((route) => {
    const functionName = names.get(route.functionLogicalId);
    if (!functionName) throw new Error(`route ${route.method} ${route.path} names an unknown function ${route.functionLogicalId}`);
    return { route, functionName };
  });
  const resources = [...layers, ...await applyResources(plan, ports, previous, 'after-functions', layers)];
  const notices = [
    ...plan.warnings,
    ...plan.resources.filter((r) => !r.supported).map((r) => `resource ${r.logicalId} (${r.type}) is not yet supported`),
    ...plan.resources.filter((r) => r.supported && RESOURCE_TYPES[r.type]?.notice)
      .map((r) => `resource ${r.logicalId} (${r.type}) ${RESOURCE_TYPES[r.type].notice}`),
  ];
  return { functions: [...names].map(([logicalId, functionName]) => ({ logicalId, functionName })), routes, resources, notices };
}

/**
 * AutoPublishAlias (SAM; serverless' provisionedConcurrency alias): a new version when the
 * code or configuration changed, the alias pointed at it; then the reserved and provisioned
 * concurrency the project declares (on the alias, as SAM and the framework put it).
 */
async function applyVersioning(fn: PlannedFunction, deps: ApplyDeps): Promise<void> {
  const { registry } = deps;
  if (fn.autoPublishAlias) {
    const { version } = await registry.publishVersion(fn.functionName);
    const alias = { name: fn.autoPublishAlias, functionVersion: version.version };
    const exists = await registry.getAlias(fn.functionName, alias.name).then(() => true, () => false);
    if (exists) await registry.updateAlias(fn.functionName, alias);
    else await registry.createAlias(fn.functionName, alias);
  }
  if (fn.reservedConcurrency !== undefined) await deps.concurrency?.put(fn.functionName, fn.reservedConcurrency);
  if (fn.provisionedConcurrency && fn.autoPublishAlias) {
    await deps.provisioned?.setProvisionedConcurrency(fn.functionName, fn.autoPublishAlias, fn.provisionedConcurrency);
  }
}

function layerVersionArn(ref: PlannedLayerRef, published: Map<string, string>, fn: PlannedFunction): string {
  if ('arn' in ref) return ref.arn;
  const arn = published.get(ref.resource);
  if (!arn) throw new Error(`function ${fn.logicalId} uses layer ${ref.resource}, which the project does not publish`);
  return arn;
}

/** The function's environment with its tables' stream ARNs (`!GetAtt T.StreamArn`), known once the tables are applied. */
function streamArns(plan: DeploymentPlan, fn: PlannedFunction, applied: DeployedResource[]): Record<string, string> {
  try {
    return withStreamArns(fn.environment, applied);
  } catch (e) {
    if (!(e instanceof PropertyError)) throw e;
    const key = plan.source.kind === 'sam' ? `Resources.${fn.logicalId}.Properties.Environment.Variables` : `functions.${fn.logicalId}.environment`;
    throw new DeployError(e.message, { file: basename(plan.source.file), key: formatPath([key, ...e.path]) });
  }
}

/** SAM InlineCode: the text becomes the handler's module file in a directory of its own. */
function writeInlineCode(root: string, fn: PlannedFunction): string {
  const dir = join(root, fn.functionName);
  const file = fn.handler.slice(0, fn.handler.lastIndexOf('.')) + (fn.runtime.startsWith('nodejs') ? '.js' : '.py');
  mkdirSync(dirname(join(dir, file)), { recursive: true });
  writeFileSync(join(dir, file), fn.inlineCode!);
  return dir;
}

/** Queue URLs (a queue's `Ref`) in environment variables, on the server's real endpoint. */
function withEndpoint(env: Record<string, string>, endpoint: string | undefined): Record<string, string> {
  if (!endpoint || endpoint === QUEUE_URL_BASE) return env;
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v.startsWith(`${QUEUE_URL_BASE}/`) ? endpoint + v.slice(QUEUE_URL_BASE.length) : v]));
}
