// What the rest of Nimbus reads from the registry: one runnable function version.
import type { Channel } from '../kernel/channel';

/** Node runtimes run on the machine's Node.js; nodejs24.x without callback handlers, as AWS removed them. */
export const NODE_RUNTIMES = ['nodejs18.x', 'nodejs20.x', 'nodejs22.x', 'nodejs24.x'] as const;
export const PYTHON_RUNTIMES = ['python3.9', 'python3.10', 'python3.11', 'python3.12', 'python3.13'] as const;
export const CUSTOM_RUNTIMES = ['provided', 'provided.al2', 'provided.al2023'] as const;

export type FunctionState = 'Pending' | 'Active' | 'Inactive' | 'Failed';
export type LastUpdateStatus = 'Successful' | 'Failed' | 'InProgress';

/** One immutable, runnable configuration: `$LATEST` at one revision, or a published version. */
export interface FunctionVersion {
  functionName: string;
  /** `$LATEST` or a published version number as a string. */
  version: string;
  /** Unqualified ARN, `arn:aws:lambda:<region>:<account>:function:<name>`. */
  functionArn: string;
  runtime: string;
  handler: string;
  /** MB, 128–10240. */
  memorySize: number;
  /** Seconds, 1–900. */
  timeout: number;
  environment: Record<string, string>;
  description: string;
  /** base64 SHA-256 of the deployment package, as Lambda reports it. */
  codeSha256: string;
  codeSize: number;
  /** Absolute path of the extracted, immutable code directory (LAMBDA_TASK_ROOT). */
  codeDir: string;
  /** Changes on every update of this version; environments are keyed by it. */
  revisionId: string;
  /** DeadLetterConfig.TargetArn: where failed asynchronous events go (an SQS queue or SNS topic). */
  deadLetterTargetArn?: string;
  state: FunctionState;
  lastUpdateStatus: LastUpdateStatus;
  /** The layer versions the function uses, in its order (later layers win, as in Lambda's /opt); absent: none. */
  layers?: FunctionLayer[];
}

/** One layer version of a function: its ARN, archive size and extracted, read-only directory. */
export interface FunctionLayer { arn: string; codeSize: number; dir: string }

export interface ResolvedFunction {
  config: FunctionVersion;
  /** The ARN the caller used, qualified with the alias or version if one was given. */
  invokedArn: string;
  /** The version that runs (an alias resolves to its version). */
  executedVersion: string;
}

export interface RegistryChange {
  kind: 'created' | 'updated' | 'deleted';
  functionName: string;
}

/** The read side every other part uses; the control plane lives in services/lambda. */
export interface FunctionResolver {
  /**
   * Resolves a FunctionName in any form (name, name:qualifier, partial or full ARN) plus
   * an optional Qualifier to the version to run. Fast: served from memory. Throws
   * ResourceNotFoundException / InvalidParameterValueException as Lambda does.
   */
  resolve(functionName: string, qualifier?: string): Promise<ResolvedFunction>;
  readonly changes: Channel<RegistryChange>;
}
