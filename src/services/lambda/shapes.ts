// Output shapes of the Lambda API: a stored version as FunctionConfiguration (with the
// state members each operation shows), an alias as AliasConfiguration, a layer version
// as GetLayerVersionResponse / LayerVersionsListItem.
import { createHash } from 'node:crypto';
import { functionArn, type Account } from '../../kernel/arn';
import { layerArn, layerVersionArn } from '../../registry/layer-arns';
import type { LayerVersionRecord } from '../../registry/layers';
import { lambdaDate, type AliasRecord, type VersionRecord } from '../../registry/records';

/**
 * Which moment the configuration describes: just created (State Pending), just updated
 * (LastUpdateStatus InProgress), just published (a new version is Pending), as stored,
 * or as a List* item (Lambda leaves the state members out of lists).
 */
export type ConfigView = 'created' | 'updated' | 'published' | 'stored' | 'listed';

const BEING_CREATED = 'The function is being created.';

export function functionConfiguration(v: VersionRecord, account: Account,
  o: { view: ConfigView; qualifier?: string }): Record<string, unknown> {
  const out: Record<string, unknown> = {
    FunctionName: v.functionName,
    FunctionArn: functionArn(account, v.functionName, o.qualifier),
    Runtime: v.runtime,
    Role: v.role,
    Handler: v.handler,
    CodeSize: v.codeSize,
    Description: v.description,
    Timeout: v.timeout,
    MemorySize: v.memorySize,
    LastModified: lambdaDate(v.lastModified),
    CodeSha256: v.codeSha256,
    Version: v.version,
    Environment: { Variables: v.environment },
    TracingConfig: { Mode: v.tracingMode },
    RevisionId: v.revisionId,
    PackageType: 'Zip',
    Architectures: v.architectures,
    EphemeralStorage: { Size: v.ephemeralStorageSize },
    SnapStart: { ApplyOn: 'None', OptimizationStatus: 'Off' },
    RuntimeVersionConfig: { RuntimeVersionArn: runtimeVersionArn(account, v.runtime) },
    LoggingConfig: { LogFormat: 'Text', LogGroup: `/aws/lambda/${v.functionName}` },
  };
  if (v.layers.length > 0) out.Layers = v.layers.map((l) => ({ Arn: l.arn, CodeSize: l.codeSize }));
  if (v.deadLetterTargetArn) out.DeadLetterConfig = { TargetArn: v.deadLetterTargetArn };
  if (o.view === 'listed') return out;
  if (o.view === 'created' || o.view === 'published') {
    out.State = 'Pending';
    out.StateReason = BEING_CREATED;
    out.StateReasonCode = 'Creating';
    return out;
  }
  out.State = v.state;
  if (o.view === 'updated') {
    out.LastUpdateStatus = 'InProgress';
    out.LastUpdateStatusReason = BEING_CREATED;
    out.LastUpdateStatusReasonCode = 'Creating';
  } else if (v.version === '$LATEST') {
    out.LastUpdateStatus = v.lastUpdateStatus; // published versions carry no update status
  }
  return out;
}

/** A stable per-runtime ARN in the shape of Lambda's runtime version ARNs. */
function runtimeVersionArn(account: Account, runtime: string): string {
  return `arn:aws:lambda:${account.region}::runtime:${createHash('sha256').update(runtime).digest('hex')}`;
}

export function aliasConfiguration(a: AliasRecord, account: Account): Record<string, unknown> {
  const out: Record<string, unknown> = {
    AliasArn: functionArn(account, a.functionName, a.name),
    Name: a.name,
    FunctionVersion: a.functionVersion,
    Description: a.description,
    RevisionId: a.revisionId,
  };
  if (Object.keys(a.weights).length > 0) out.RoutingConfig = { AdditionalVersionWeights: a.weights };
  return out;
}

/** LayerVersionsListItem; `location` adds Content and LayerArn (GetLayerVersion, PublishLayerVersion). */
export function layerVersion(v: LayerVersionRecord, account: Account, location?: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (location !== undefined) {
    out.Content = { Location: location, CodeSha256: v.codeSha256, CodeSize: v.codeSize };
    out.LayerArn = layerArn(account, v.layerName);
  }
  Object.assign(out, {
    LayerVersionArn: layerVersionArn(account, v.layerName, v.version),
    Version: v.version,
    Description: v.description,
    CreatedDate: lambdaDate(v.createdDate),
  });
  if (v.compatibleRuntimes.length > 0) out.CompatibleRuntimes = v.compatibleRuntimes;
  if (v.compatibleArchitectures.length > 0) out.CompatibleArchitectures = v.compatibleArchitectures;
  if (v.licenseInfo !== undefined) out.LicenseInfo = v.licenseInfo;
  return out;
}
