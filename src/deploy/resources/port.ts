// What applying resources needs from the rest of Nimbus, as ports (deploy imports no
// service): Application Auto Scaling's operations, SQS's, SNS's and DynamoDB's operations by API name,
// called in-process with the API's request shapes and throwing the API's AwsErrors; the
// registry's layers; Lambda's event source mappings and asynchronous invocation configs.
import type { KeyPath } from '../yaml-document';

type Input = Record<string, unknown>;

export interface ScalingPort {
  registerScalableTarget(input: Input): Promise<unknown>;
  deregisterScalableTarget(input: Input): Promise<unknown>;
  putScheduledAction(input: Input): Promise<unknown>;
  deleteScheduledAction(input: Input): Promise<unknown>;
}

/** Lambda layers, as the registry serves them (version ARNs in and out). */
export interface LayerPort {
  newestVersion(layerName: string): Promise<{ arn: string; codeSha256: string; description: string; compatibleRuntimes: string[] } | undefined>;
  publish(input: { layerName: string; zip: Uint8Array; description: string; compatibleRuntimes: string[];
    compatibleArchitectures: string[]; licenseInfo?: string }): Promise<string>;
  deleteVersion(arn: string): Promise<void>;
}

/** A mapping as a deployment asks for it (event-sources/ validates it as the API does). */
export interface MappingRequest {
  functionName: string;
  eventSourceArn: string;
  batchSize?: number;
  maximumBatchingWindowInSeconds?: number;
  enabled?: boolean;
  functionResponseTypes?: string[];
  filterCriteria?: { Filters?: { Pattern?: string }[] };
  /** null: no ScalingConfig. */
  maximumConcurrency?: number | null;
  /** Stream sources (DynamoDB Streams). */
  startingPosition?: string;
  maximumRetryAttempts?: number;
  maximumRecordAgeInSeconds?: number;
  bisectBatchOnFunctionError?: boolean;
  parallelizationFactor?: number;
  destinationConfig?: { OnFailure?: { Destination?: string } };
}

/** Lambda's event source mappings, in-process (AwsErrors as the API's). */
export interface EventSourceMappingPort {
  /** Returns the new mapping's UUID. */
  create(req: MappingRequest): Promise<string>;
  update(uuid: string, req: MappingRequest): Promise<void>;
  delete(uuid: string): Promise<void>;
  exists(uuid: string): Promise<boolean>;
}

/** A service's operations by API name (`CreateQueue`, `Subscribe`, ...), with the API's input and output shapes. */
export type OperationsPort = (operation: string, input: Input) => Promise<unknown>;

/** A function's asynchronous invocation config as a deployment states it (ARNs as destinations). */
export interface InvokeConfigRequest {
  functionName: string;
  qualifier: string;
  maximumRetryAttempts?: number;
  maximumEventAgeSeconds?: number;
  onSuccess?: string;
  onFailure?: string;
}

/** Lambda's event invoke configs, in-process (validated and failing as PutFunctionEventInvokeConfig). */
export interface InvokeConfigPort {
  put(req: InvokeConfigRequest): Promise<void>;
  delete(functionName: string, qualifier: string): Promise<void>;
}

export interface ResourcePorts {
  scaling?: ScalingPort;
  layers?: LayerPort;
  eventSourceMappings?: EventSourceMappingPort;
  sqs?: OperationsPort;
  sns?: OperationsPort;
  dynamodb?: OperationsPort;
  invokeConfigs?: InvokeConfigPort;
}

/** A resource property Nimbus cannot apply; `path` is below the resource's Properties. */
export class PropertyError extends Error {
  constructor(readonly path: KeyPath, message: string) {
    super(message);
    this.name = 'PropertyError';
  }
}
