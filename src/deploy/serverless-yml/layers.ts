// serverless.yml's `layers:` section and the `layers:` of functions and the provider. Each
// layer becomes an AWS::Lambda::LayerVersion resource under the framework's logical id
// (`my-layer` → `MyDashlayerLambdaLayer`: "-" → Dash, "_" → Underscore, first letter
// upper-cased), named after its key unless `name` says otherwise, its `path` a directory
// of the service. A function's layers are version ARNs or `{Ref: <LayerLogicalId>}`;
// without its own, a function takes provider.layers.
import { resolve } from 'node:path';
import type { PlannedLayerRef, PlannedResource } from '../plan';
import type { ConfigReader } from './config-reader';
import { positionOf, formatPath } from './yaml-source';

const LAYER_KEYS = ['path', 'name', 'description', 'compatibleRuntimes', 'compatibleArchitectures', 'licenseInfo',
  'retain', 'allowedAccounts', 'package'] as const;

/** The framework's logical id of a layer (naming.getLambdaLayerLogicalId). */
export function layerLogicalId(key: string): string {
  const normalized = key.replace(/-/g, 'Dash').replace(/_/g, 'Underscore');
  return `${normalized.charAt(0).toUpperCase()}${normalized.slice(1)}LambdaLayer`;
}

export function plannedLayers(r: ConfigReader, v: unknown, serviceDir: string): PlannedResource[] {
  const out: PlannedResource[] = [];
  for (const [key, value] of Object.entries(r.object(['layers'], v))) {
    const at = ['layers', key];
    const layer = r.object(at, value, LAYER_KEYS);
    const path = r.string([...at, 'path'], layer.path, 'the layer\'s directory (e.g. layer)');
    const properties: Record<string, unknown> = {
      LayerName: r.optString([...at, 'name'], layer.name) ?? key,
      Content: resolve(serviceDir, path),
      CompatibleRuntimes: r.stringList([...at, 'compatibleRuntimes'], layer.compatibleRuntimes) ?? [],
      CompatibleArchitectures: r.stringList([...at, 'compatibleArchitectures'], layer.compatibleArchitectures) ?? [],
      RetentionPolicy: r.optBool([...at, 'retain'], layer.retain) ? 'Retain' : 'Delete',
    };
    const description = r.optString([...at, 'description'], layer.description);
    if (description !== undefined) properties.Description = description;
    const license = r.optString([...at, 'licenseInfo'], layer.licenseInfo);
    if (license !== undefined) properties.LicenseInfo = license;
    if (layer.allowedAccounts !== undefined) r.warnings.push(`layers.${key}.allowedAccounts is not yet supported and was ignored`);
    out.push({ logicalId: layerLogicalId(key), type: 'AWS::Lambda::LayerVersion', properties, supported: true,
      where: { file: r.src.file, ...positionOf(r.src, at), key: formatPath(at) } });
  }
  return out;
}

/** A `layers:` list of a function or the provider; `{Ref: X}` must name a layer of this service. */
export function layerRefs(r: ConfigReader, at: (string | number)[], v: unknown, layerIds: readonly string[]): PlannedLayerRef[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) throw r.error(at, `expected a list of layer version ARNs or {Ref: <Name>LambdaLayer}, got ${JSON.stringify(v)}`);
  return v.map((item, i) => {
    if (typeof item === 'string') return { arn: item };
    if (r.isObject(item) && typeof item.Ref === 'string' && Object.keys(item).length === 1) {
      if (!layerIds.includes(item.Ref)) {
        throw r.error([...at, i, 'Ref'], `no layer of this service has the logical id ${item.Ref}`
          + (layerIds.length ? ` (known: ${layerIds.join(', ')})` : ''));
      }
      return { resource: item.Ref };
    }
    throw r.error([...at, i], `expected a layer version ARN or {Ref: <Name>LambdaLayer}, got ${JSON.stringify(item)}`);
  });
}
