// The resource types a deployment serves besides functions, and how each is applied.
// Loaders mark a PlannedResource `supported` when its type is served for their project
// kind; apply-resources.ts runs `apply` after the functions (and their aliases) are in
// place, and `remove` for a resource gone from the project since the last deploy.
import type { PlannedResource } from '../plan';
import { applyLayerVersion, removeLayerVersion, type LayerVersionState } from './layer-version';
import { applyEventSourceMapping, removeEventSourceMapping, type EventSourceMappingState } from './event-source-mapping';
import { PropertyError, type EventSourceMappingPort, type LayerPort, type ResourcePorts, type ScalingPort } from './port';
import { applyScalableTarget, removeScalableTarget, type ScalableTargetState } from './scalable-target';

export type ProjectKind = 'sam' | 'serverless';

export interface ResourceType {
  kinds: readonly ProjectKind[];
  /** `before-functions`: applied before the functions (layers they use); default after. */
  phase?: 'before-functions';
  /** Absent: the loader serves it (APIs become routes). Returns what the deployment owns, to store. */
  apply?(r: PlannedResource, ports: ResourcePorts, previous: unknown): Promise<unknown>;
  remove?(state: unknown, ports: ResourcePorts): Promise<void>;
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

const layerVersion: ResourceType = {
  kinds: ['sam', 'serverless'],
  phase: 'before-functions',
  apply: (r, ports, previous) => applyLayerVersion(r.type, r.logicalId, r.properties, layers(ports), previous as LayerVersionState | undefined),
  remove: (state, ports) => removeLayerVersion(state as LayerVersionState, layers(ports)),
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
};

export function isSupported(type: string, kind: ProjectKind): boolean {
  return Object.prototype.hasOwnProperty.call(RESOURCE_TYPES, type) && RESOURCE_TYPES[type].kinds.includes(kind);
}
