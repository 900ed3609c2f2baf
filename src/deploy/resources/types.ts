// The resource types a deployment serves besides functions, and how each is applied.
// Loaders mark a PlannedResource `supported` when its type is served for their project
// kind; apply-resources.ts runs `apply` after the functions (and their aliases) are in
// place, and `remove` for a resource gone from the project since the last deploy.
import type { PlannedResource } from '../plan';
import { PropertyError, type ResourcePorts, type ScalingPort } from './port';
import { applyScalableTarget, removeScalableTarget, type ScalableTargetState } from './scalable-target';

export type ProjectKind = 'sam' | 'serverless';

export interface ResourceType {
  kinds: readonly ProjectKind[];
  /** Absent: the loader serves it (APIs become routes). Returns what the deployment owns, to store. */
  apply?(r: PlannedResource, ports: ResourcePorts, previous: unknown): Promise<unknown>;
  remove?(state: unknown, ports: ResourcePorts): Promise<void>;
}

const scaling = (p: ResourcePorts): ScalingPort => {
  if (!p.scaling) throw new PropertyError([], 'Application Auto Scaling is not running in this server');
  return p.scaling;
};

export const RESOURCE_TYPES: Readonly<Record<string, ResourceType>> = {
  'AWS::Serverless::Api': { kinds: ['sam'] },
  'AWS::Serverless::HttpApi': { kinds: ['sam'] },
  'AWS::ApplicationAutoScaling::ScalableTarget': {
    kinds: ['sam', 'serverless'],
    apply: (r, ports, previous) => applyScalableTarget(r.properties, scaling(ports), previous as ScalableTargetState | undefined),
    remove: (state, ports) => removeScalableTarget(state as ScalableTargetState, scaling(ports)),
  },
};

export function isSupported(type: string, kind: ProjectKind): boolean {
  return Object.prototype.hasOwnProperty.call(RESOURCE_TYPES, type) && RESOURCE_TYPES[type].kinds.includes(kind);
}
