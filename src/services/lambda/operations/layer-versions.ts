// The layer version operations under /2018-10-31/layers: PublishLayerVersion (201, the
// archive as Content.ZipFile), GetLayerVersion, GetLayerVersionByArn (?find=LayerVersion&Arn=)
// and DeleteLayerVersion (204, idempotent). Content.Location points at the archive, served
// like function code.
import { checkLayerVersionArn, layerNameLabel } from '../../../registry/layer-arns';
import { throwViolations, violation } from '../../../registry/validate';
import { requireMembers } from '../input';
import { CODE_REQUEST_LIMIT, type Operation, type OperationRequest } from '../operation';
import { layerVersion } from '../shapes';
import { codeMembers } from './create-function';
import { CODE_PATH } from './get-function';

/** {LayerName} (a name or a layer ARN) as the layer's name. */
export const layerName = (r: OperationRequest): string => layerNameLabel(r.params.LayerName, r.deps.account);

function versionNumber(r: OperationRequest): number {
  const raw = r.params.VersionNumber;
  if (!/^-?\d+$/.test(raw)) throwViolations([violation('versionNumber', raw, 'Member must be a number')]);
  return Number(raw);
}

const location = (r: OperationRequest, blobId: string) => `${r.origin}${CODE_PATH}${blobId}.zip`;

export const publishLayerVersion: Operation = {
  name: 'PublishLayerVersion',
  method: 'POST',
  path: '/2018-10-31/layers/{LayerName}/versions',
  bodyLimit: CODE_REQUEST_LIMIT,
  async run(r) {
    const name = layerName(r);
    const m = await r.body();
    const content = m.struct('Content');
    requireMembers({ content });
    const v = await r.deps.registry.layers.publish({
      layerName: name,
      content: codeMembers(content!),
      description: m.string('Description'),
      compatibleRuntimes: m.stringList('CompatibleRuntimes'),
      compatibleArchitectures: m.stringList('CompatibleArchitectures'),
      licenseInfo: m.string('LicenseInfo'),
    });
    return { status: 201, json: layerVersion(v, r.deps.account, location(r, v.blobId)) };
  },
};

export const getLayerVersion: Operation = {
  name: 'GetLayerVersion',
  method: 'GET',
  path: '/2018-10-31/layers/{LayerName}/versions/{VersionNumber}',
  async run(r) {
    const v = await r.deps.registry.layers.get(layerName(r), versionNumber(r));
    return { status: 200, json: layerVersion(v, r.deps.account, location(r, v.blobId)) };
  },
};

export const getLayerVersionByArn: Operation = {
  name: 'GetLayerVersionByArn',
  method: 'GET',
  path: '/2018-10-31/layers?find=LayerVersion',
  async run(r) {
    const v = await r.deps.registry.layers.getByArn(checkLayerVersionArn(r.query.get('Arn') ?? undefined));
    return { status: 200, json: layerVersion(v, r.deps.account, location(r, v.blobId)) };
  },
};

export const deleteLayerVersion: Operation = {
  name: 'DeleteLayerVersion',
  method: 'DELETE',
  path: '/2018-10-31/layers/{LayerName}/versions/{VersionNumber}',
  async run(r) {
    const { registry } = r.deps;
    await registry.layers.delete(layerName(r), versionNumber(r), (arn) => registry.referencedLayers().has(arn));
    return { status: 204 };
  },
};
