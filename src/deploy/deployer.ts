// Deploys a project directory into the running server: plan → registry → stored
// routes → the HTTP gateway, and tells the user every endpoint with its URL.
import type { Clock } from '../kernel/clock';
import type { ProvisionedConcurrency } from '../concurrency/provisioned';
import type { ReservedConcurrency } from '../concurrency/reserved';
import type { Registry } from '../registry/registry';
import { applyPlan, type DeployedRoute } from './apply';
import { loadProject, type LoadOptions } from './load';
import type { EventSourceMappingPort, InvokeConfigPort, OperationsPort, ScalingPort } from './resources/port';
import type { DeploymentStore } from './store';

export interface RouteSink {
  /** Replaces one stack's routes; throws when they collide with another stack's. */
  setRoutes(stackName: string, routes: DeployedRoute[]): void;
}

export interface DeployOutcome {
  stackName: string;
  functions: { logicalId: string; functionName: string }[];
  endpoints: { method: string; url: string; functionName: string }[];
  notices: string[];
}

export class Deployer {
  constructor(private deps: { registry: Registry; store: DeploymentStore; gateway: RouteSink; clock: Clock;
    httpUrl: string; inlineRoot: string; buildRoot: string; account: { accountId: string; region: string };
    concurrency?: ReservedConcurrency; provisioned?: ProvisionedConcurrency; scaling?: ScalingPort;
    eventSourceMappings?: EventSourceMappingPort; sqs?: OperationsPort; sns?: OperationsPort; dynamodb?: OperationsPort;
    invokeConfigs?: InvokeConfigPort;
    /** The server's AWS endpoint, once it listens (queue URLs in functions' environments). */
    awsEndpoint?: () => string | undefined }) {}

  /** Serves the routes of every project deployed before this start. */
  async restore(): Promise<void> {
    for (const d of await this.deps.store.all()) this.deps.gateway.setRoutes(d.stackName, d.routes);
  }

  async deploy(dir: string, o: Partial<LoadOptions> = {}): Promise<DeployOutcome> {
    const plan = loadProject(dir, { ...this.deps.account, env: process.env, ...o });
    const { store } = this.deps;
    const result = await applyPlan(plan, { registry: this.deps.registry, inlineRoot: this.deps.inlineRoot,
      buildRoot: this.deps.buildRoot, concurrency: this.deps.concurrency, provisioned: this.deps.provisioned,
      scaling: this.deps.scaling, eventSourceMappings: this.deps.eventSourceMappings, sqs: this.deps.sqs, sns: this.deps.sns, dynamodb: this.deps.dynamodb,
      invokeConfigs: this.deps.invokeConfigs, awsEndpoint: this.deps.awsEndpoint?.() }, await store.resources(plan.stackName));
    this.deps.gateway.setRoutes(plan.stackName, result.routes);
    await store.putResources(plan.stackName, result.resources);
    await this.deps.store.put({ stackName: plan.stackName, sourceDir: plan.source.dir, routes: result.routes }, this.deps.clock.now());
    return { stackName: plan.stackName, functions: result.functions, notices: result.notices,
      endpoints: result.routes.map((r) => ({ method: r.route.method, url: endpointUrl(this.deps.httpUrl, r), functionName: r.functionName })) };
  }
}

export function endpointUrl(httpUrl: string, r: DeployedRoute): string {
  if (r.route.path === '$default') return `${httpUrl}/`;
  const prefix = r.route.kind === 'rest' ? `/${r.route.stage}` : '';
  return `${httpUrl}${prefix}${r.route.path}`;
}
