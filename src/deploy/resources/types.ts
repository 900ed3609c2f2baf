// The resource types a deployment serves besides functions, and how each is applied.
// Loaders mark a PlannedResource `supported` when its type is served for their project
// kind; apply-resources.ts runs `apply` after the functions (and their aliases) are in
// place, and `remove` for a resource gone from the project since the last deploy.
import type { PlannedResource } from '../plan';
import { applyLayerVersion, removeLayerVersion, type LayerVersionState } from './layer-version';
import { applyEventSourceMapping, removeEventSourceMapping, type EventSourceMappingState } from './event-source-mapping';
import { applyInvokeConfig, removeInvokeConfig, type InvokeConfigState } from './event-invoke-config';
import {
  PropertyError, type EventSourceMappingPort, type InvokeConfigPort, type LayerPort, type OperationsPort, type ResourcePorts, type ScalingPort,
} from './port';
import { applyScalableTarget, removeScalableTarget, type ScalableTargetState } from './scalable-target';
import { applySubscription, applyTopic, removeSubscription, removeTopic, type SubscriptionState, type TopicState } from './sns-topic';
import { applyQueue, removeQueue, type QueueState } from './sqs-queue';
import { applyTable, removeTable, type TableState } from './dynamodb-table';

export type ProjectKind = 'sam' | 'serverless';

export interface ResourceType {
  kinds: readonly ProjectKind[];
  /** `before-functions`: applied before the functions (layers they use); default after. */
  phase?: 'before-functions';
  /** Absent: the loader serves it (APIs become routes). Returns what the deployment owns, to store. */
  apply?(r: PlannedResource, ports: ResourcePorts, previous: unknown): Promise<unknown>;
  remove?(state: unknown, ports: ResourcePorts): Promise<void>;
  /** Order within the phase (low first): a queue naming a dead-letter queue after the queues that do not. */
  rank?(r: PlannedResource): number;
  /** Said once per deploy for each resource of the type (e.g. what Nimbus does not enforce). */
  notice?: string;
}

const scaling = (p: ResourcePorts): ScalingPort => {
  if (!p.scaling) throw new PropertyError([], 'Application Auto Scaling is not running in this server');
  return p.scaling;
};

const layers = (p: ResourcePorts): LayerPort => {
  if (!p.layers) throw new PropertyError([], 'Lambda layers are not served by this server');
  return p.layers;
};

const mappings = (p: ResourcePorts): EventSourceMappingPort => {
  if (!p.eventSourceMappings) throw new PropertyError([], 'Event source mappings are not served by this server');
  return p.eventSourceMappings;
};

const service = (p: ResourcePorts, name: 'sqs' | 'sns' | 'dynamodb'): OperationsPort => {
  const port = p[name];
  if (!port) throw new PropertyError([], `${name === 'dynamodb' ? 'DynamoDB' : name.toUpperCase()} is not running in this server`);
  return port;
};

const invokeConfigs = (p: ResourcePorts): InvokeConfigPort => {
  if (!p.invokeConfigs) throw new PropertyError([], 'Asynchronous invocation configs are not served by this server');
  return p.invokeConfigs;
};

const POLICY_NOTICE = 'is accepted; access policies are not enforced by Nimbus';

const layerVersion: ResourceType = {
  kinds: ['sam', 'serverless'],
  phase: 'before-functions',
  apply: (r, ports, previous) => applyLayerVersion(r.type, r.logicalId, r.properties, layers(ports), previous as LayerVersionState | undefined),
  remove: (state, ports) => removeLayerVersion(state as LayerVersionState, layers(ports)),
};

const dynamoDbTable: ResourceType = {
  kinds: ['sam', 'serverless'],
  phase: 'before-functions',
  apply: (r, ports, previous) => applyTable(r, service(ports, 'dynamodb'), previous as TableState | undefined),
  remove: (state, ports) => removeTable(state as TableState, service(ports, 'dynamodb')),
};

/** Types whose Ref is a layer version ARN known only once applied (functions' Layers name them). */
export const LAYER_TYPES: readonly string[] = ['AWS::Serverless::LayerVersion', 'AWS::Lambda::LayerVersion'];

export const RESOURCE_TYPES: Readonly<Record<string, ResourceType>> = {
  'AWS::Serverless::Api': { kinds: ['sam'] },
  'AWS::Serverless::HttpApi': { kinds: ['sam'] },
  'AWS::Serverless::LayerVersion': { ...layerVersion, kinds: ['sam'] },
  'AWS::Lambda::LayerVersion': layerVersion,
  'AWS::ApplicationAutoScaling::ScalableTarget': {
    kinds: ['sam', 'serverless'],
    apply: (r, ports, previous) => applyScalableTarget(r.properties, scaling(ports), previous as ScalableTargetState | undefined),
    remove: (state, ports) => removeScalableTarget(state as ScalableTargetState, scaling(ports)),
  },
  /** Also what serverless `sqs` and SAM `SQS` events become (after the functions they name). */
  'AWS::Lambda::EventSourceMapping': {
    kinds: ['sam', 'serverless'],
    apply: (r, ports, previous) => applyEventSourceMapping(r.properties, mappings(ports), previous as EventSourceMappingState | undefined),
    remove: (state, ports) => removeEventSourceMapping(state as EventSourceMappingState, mappings(ports)),
  },
  /** Before the functions, so their environment, mappings and destinations name existing queues. */
  'AWS::SQS::Queue': {
    kinds: ['sam', 'serverless'],
    phase: 'before-functions',
    rank: (r) => (r.properties.RedrivePolicy === undefined ? 0 : 1),
    apply: (r, ports, previous) => applyQueue(r, service(ports, 'sqs'), previous as QueueState | undefined),
    remove: (state, ports) => removeQueue(state as QueueState, service(ports, 'sqs')),
  },
  /** Before the functions, so their environment and stream mappings name existing tables (and streams). */
  'AWS::DynamoDB::Table': dynamoDbTable,
  'AWS::Serverless::SimpleTable': { ...dynamoDbTable, kinds: ['sam'] },
  'AWS::SNS::Topic': {
    kinds: ['sam', 'serverless'],
    phase: 'before-functions',
    rank: () => 2, // its inline subscriptions may name the project's queues
    apply: (r, ports, previous) => applyTopic(r, service(ports, 'sns'), previous as TopicState | undefined),
    remove: (state, ports) => removeTopic(state as TopicState, service(ports, 'sns')),
  },
  /** Also what serverless `sns` and SAM `SNS` events become (after the functions they name). */
  'AWS::SNS::Subscription': {
    kinds: ['sam', 'serverless'],
    apply: (r, ports, previous) => applySubscription(r, service(ports, 'sns'), previous as SubscriptionState | undefined),
    remove: (state, ports) => removeSubscription(state as SubscriptionState, service(ports, 'sns')),
  },
  'AWS::SQS::QueuePolicy': { kinds: ['sam', 'serverless'], apply: async () => null, notice: POLICY_NOTICE },
  'AWS::SNS::TopicPolicy': { kinds: ['sam', 'serverless'], apply: async () => null, notice: POLICY_NOTICE },
  'AWS::Lambda::Permission': { kinds: ['sam', 'serverless'], apply: async () => null, notice: POLICY_NOTICE },
  /** Also what serverless `destinations` / `maximumRetryAttempts` and SAM `EventInvokeConfig` become. */
  'AWS::Lambda::EventInvokeConfig': {
    kinds: ['sam', 'serverless'],
    apply: (r, ports, previous) => applyInvokeConfig(r, invokeConfigs(ports), previous as InvokeConfigState | undefined),
    remove: (state, ports) => removeInvokeConfig(state as InvokeConfigState, invokeConfigs(ports)),
  },
};

export function isSupported(type: string, kind: ProjectKind): boolean {
  return Object.prototype.hasOwnProperty.call(RESOURCE_TYPES, type) && RESOURCE_TYPES[type].kinds.includes(kind);
}
