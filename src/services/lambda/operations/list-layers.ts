// ListLayers (GET /2018-10-31/layers: each layer with its newest version matching the
// filters) and ListLayerVersions (GET /2018-10-31/layers/{LayerName}/versions: newest
// first), both filtered by CompatibleRuntime / CompatibleArchitecture, MaxItems 1..50.
import type { LayerFilter } from '../../../registry/layers';
import { integerViolations, throwViolations, violation } from '../../../registry/validate';
import type { Operation, OperationRequest } from '../operation';
import { layerVersion } from '../shapes';
import { layerName } from './layer-versions';

function filter(r: OperationRequest): LayerFilter {
  const f: LayerFilter = {
    compatibleRuntime: r.query.get('CompatibleRuntime') ?? undefined,
    compatibleArchitecture: r.query.get('CompatibleArchitecture') ?? undefined,
    marker: r.query.get('Marker') ?? undefined,
  };
  const raw = r.query.get('MaxItems');
  if (raw !== null) {
    f.maxItems = Number(raw);
    if (!Number.isInteger(f.maxItems)) throwViolations([violation('maxItems', raw, 'Member must be an integer')]);
    throwViolations(integerViolations('maxItems', f.maxItems, { min: 1, max: 50 }));
  }
  return f;
}

export const listLayers: Operation = {
  name: 'ListLayers',
  method: 'GET',
  path: '/2018-10-31/layers',
  async run(r) {
    const page = await r.deps.registry.layers.list(filter(r));
    const json: Record<string, unknown> = {
      Layers: page.items.map((l) => ({
        LayerName: l.name,
        LayerArn: r.deps.registry.layers.arn(l.name),
        LatestMatchingVersion: layerVersion(l.latest, r.deps.account),
      })),
    };
    if (page.nextMarker) json.NextMarker = page.nextMarker;
    return { status: 200, json };
  },
};

export const listLayerVersions: Operation = {
  name: 'ListLayerVersions',
  method: 'GET',
  path: '/2018-10-31/layers/{LayerName}/versions',
  async run(r) {
    const page = await r.deps.registry.layers.listVersions(layerName(r), filter(r));
    const json: Record<string, unknown> = { LayerVersions: page.items.map((v) => layerVersion(v, r.deps.account)) };
    if (page.nextMarker) json.NextMarker = page.nextMarker;
    return { status: 200, json };
  },
};
