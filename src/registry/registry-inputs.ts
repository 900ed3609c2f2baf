// Inputs of the registry's operations, and the ones that need shaping before they are stored:
// where a deployment package comes from, and what a local deploy asks for.
import { InvalidParameterValueException } from './errors';
import type { VersionRecord } from './records';
import { DEFAULT_MEMORY_SIZE, DEFAULT_TIMEOUT } from './validate';
import type { ConfigChanges } from './versions';

/** FunctionCode / UpdateFunctionCode sources; Nimbus takes ZipFile bytes. */
export interface CodeInput {
  zipFile?: Uint8Array;
  s3Bucket?: string;
  s3Key?: string;
  s3ObjectVersion?: string;
  imageUri?: string;
}

/** The package bytes, or Lambda's answer for a source Nimbus cannot read. */
export function codeBytes(code: CodeInput): Uint8Array {
  if (code.zipFile !== undefined) return code.zipFile;
  if (code.s3Bucket !== undefined || code.s3Key !== undefined) {
    // Nimbus has no S3 buckets yet: every bucket is one that does not exist.
    throw new InvalidParameterValueException(
      'Error occurred while GetObject. S3 Error Code: NoSuchBucket. S3 Error Message: The specified bucket does not exist');
  }
  if (code.imageUri !== undefined) {
    throw new InvalidParameterValueException('Container image packages are not supported by Nimbus. Please provide a ZipFile.');
  }
  throw new InvalidParameterValueException('Please provide a source for function code.');
}

/** deployFromDirectory: the function as it should be after the deploy. */
export interface DeployInput {
  functionName: string;
  runtime: string;
  handler: string;
  /** Directory whose files become the deployment package. */
  dir: string;
  memorySize?: number;
  timeout?: number;
  environment?: Record<string, string>;
  description?: string;
  /** Layer version ARNs, in order. */
  layers?: string[];
  /** DeadLetterConfig.TargetArn (none when absent). */
  deadLetterTargetArn?: string;
}

/** A deploy states the whole configuration: members left out take Lambda's defaults. */
export function deployChanges(o: DeployInput): Required<Pick<ConfigChanges,
  'runtime' | 'handler' | 'memorySize' | 'timeout' | 'environment' | 'description' | 'layers' | 'deadLetterTargetArn'>> {
  return {
    runtime: o.runtime,
    handler: o.handler,
    memorySize: o.memorySize ?? DEFAULT_MEMORY_SIZE,
    timeout: o.timeout ?? DEFAULT_TIMEOUT,
    environment: o.environment ?? {},
    description: o.description ?? '',
    layers: o.layers ?? [],
    deadLetterTargetArn: o.deadLetterTargetArn ?? '',
  };
}

/** Whether $LATEST differs from a deploy's configuration (environment order aside). */
export function configDiffers(desired: ReturnType<typeof deployChanges>, latest: VersionRecord): boolean {
  const canonical = (v: unknown) => JSON.stringify(v, (_k, x) => (x && typeof x === 'object' && !Array.isArray(x)
    ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1))) : x));
  const current = (k: keyof typeof desired) => (k === 'layers' ? latest.layers.map((l) => l.arn)
    : k === 'deadLetterTargetArn' ? latest.deadLetterTargetArn ?? '' : latest[k]);
  return (Object.keys(desired) as (keyof typeof desired)[]).some((k) => canonical(desired[k]) !== canonical(current(k)));
}

export interface CreateFunctionInput extends ConfigChanges {
  functionName: string;
  code: CodeInput;
  publish?: boolean;
  tags?: Record<string, string>;
}
export interface UpdateFunctionCodeInput extends CodeInput {
  publish?: boolean;
  dryRun?: boolean;
  revisionId?: string;
  architectures?: string[];
}
export interface UpdateFunctionConfigurationInput extends ConfigChanges { revisionId?: string }
export interface PublishVersionInput { codeSha256?: string; description?: string; revisionId?: string }
export interface FunctionDetails {
  version: VersionRecord;
  tags: Record<string, string>;
  /** The qualifier the caller gave ($LATEST, a number or an alias): FunctionArn carries it. */
  qualifier?: string;
}
