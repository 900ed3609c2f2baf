// AWS::Serverless::LayerVersion and AWS::Lambda::LayerVersion (serverless.yml's `layers:`
// become the latter): the content directory is zipped (deterministically) and published as a
// new version only when it, the description or the compatible runtimes changed since the
// layer's newest version, so a redeploy of the same files publishes nothing. A replaced or
// removed version is deleted unless retained (SAM's layers are by default, as SAM renames
// them on every change; CloudFormation's and the framework's are not unless asked).
import { sha256Base64, zipDirectory } from '../../registry/code-bundle';
import { AwsError } from '../../kernel/aws-error';
import { show } from '../deploy-error';
import { PropertyError, type LayerPort } from './port';

type Input = Record<string, unknown>;
export interface LayerVersionState { arn: string; retain: boolean }

/** What a planned layer resource holds once its loader made the content path absolute. */
export interface LayerProperties {
  layerName: string;
  dir: string;
  description: string;
  compatibleRuntimes: string[];
  compatibleArchitectures: string[];
  licenseInfo?: string;
  retain: boolean;
}

/** The layer's properties (pure); `type` decides the content key and the default retention. */
export function layerProperties(type: string, logicalId: string, props: Input): LayerProperties {
  const sam = type === 'AWS::Serverless::LayerVersion';
  const contentKey = sam ? 'ContentUri' : 'Content';
  const dir = props[contentKey];
  if (typeof dir !== 'string') {
    throw new PropertyError([contentKey], `expected a local directory; S3 layer content is not supported, got ${show(dir)}`);
  }
  const strings = (k: string): string[] => {
    const v = props[k] ?? [];
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new PropertyError([k], `expected a list of strings, got ${show(v)}`);
    return v as string[];
  };
  const policy = props.RetentionPolicy ?? (sam ? 'Retain' : 'Delete');
  if (typeof policy !== 'string' || !['retain', 'delete'].includes(policy.toLowerCase())) {
    throw new PropertyError(['RetentionPolicy'], `expected Retain or Delete, got ${show(policy)}`);
  }
  const out: LayerProperties = {
    layerName: typeof props.LayerName === 'string' ? props.LayerName : logicalId,
    dir, description: typeof props.Description === 'string' ? props.Description : '',
    compatibleRuntimes: strings('CompatibleRuntimes'), compatibleArchitectures: strings('CompatibleArchitectures'),
    retain: policy.toLowerCase() === 'retain',
  };
  if (typeof props.LicenseInfo === 'string') out.licenseInfo = props.LicenseInfo;
  return out;
}

export async function applyLayerVersion(type: string, logicalId: string, props: Input, port: LayerPort,
  previous?: LayerVersionState): Promise<LayerVersionState> {
  const p = layerProperties(type, logicalId, props);
  const zip = await zipDirectory(p.dir);
  const newest = await port.newestVersion(p.layerName);
  const same = newest !== undefined && newest.codeSha256 === sha256Base64(zip) && newest.description === p.description
    && JSON.stringify(newest.compatibleRuntimes) === JSON.stringify(p.compatibleRuntimes);
  let arn = newest?.arn;
  if (!same) {
    try {
      arn = await port.publish({ layerName: p.layerName, zip, description: p.description, compatibleRuntimes: p.compatibleRuntimes,
        compatibleArchitectures: p.compatibleArchitectures, licenseInfo: p.licenseInfo });
    } catch (e) {
      if (e instanceof AwsError) throw new PropertyError([], `${e.code}: ${e.message}`);
      throw e;
    }
  }
  if (previous && previous.arn !== arn && !p.retain) await port.deleteVersion(previous.arn);
  return { arn: arn!, retain: p.retain };
}

/** The layer left the project: its version goes unless retained (functions using it keep working). */
export async function removeLayerVersion(state: LayerVersionState, port: LayerPort): Promise<void> {
  if (!state.retain) await port.deleteVersion(state.arn);
}
