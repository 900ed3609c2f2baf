// The LayerPort over the registry's layers (the same checks and errors as the Lambda API).
import { parseLayerVersionArn } from '../../registry/layer-arns';
import type { Registry } from '../../registry/registry';
import type { LayerPort } from './port';

export function registryLayerPort(registry: Registry): LayerPort {
  const { layers } = registry;
  return {
    async newestVersion(layerName) {
      const [v] = (await layers.listVersions(layerName, { maxItems: 1 })).items;
      return v && { arn: layers.arn(v.layerName, v.version), codeSha256: v.codeSha256, description: v.description,
        compatibleRuntimes: v.compatibleRuntimes };
    },
    async publish(input) {
      const v = await layers.publish({ ...input, content: { zipFile: input.zip } });
      return layers.arn(v.layerName, v.version);
    },
    async deleteVersion(arn) {
      const p = parseLayerVersionArn(arn);
      if (p) await layers.delete(p.name, p.version, (a) => registry.referencedLayers().has(a));
    },
  };
}
