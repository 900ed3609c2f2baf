// An event source mapping as Nimbus keeps it, its API shape (EventSourceMappingConfiguration),
// and the pure checks Lambda makes of its settings, with Lambda's errors and messages.
import type { Account } from '../kernel/arn';
import { InvalidParameterValueException } from '../registry/errors';
import { integerViolations, throwViolations, violation } from '../registry/validate';
import { InvalidPatternError, parsePattern } from './filter-criteria';
import type { MappingState } from './mapping-state';

export interface FilterCriteria { Filters?: { Pattern?: string }[] }

/** What a Create or Update may set (undefined: not given). */
export interface MappingSettings {
  batchSize?: number;
  maximumBatchingWindowInSeconds?: number;
  enabled?: boolean;
  functionResponseTypes?: string[];
  filterCriteria?: FilterCriteria;
  maximumConcurrency?: number | null;
  /** Stream sources (DynamoDB Streams). */
  startingPosition?: string;
  startingPositionTimestamp?: number;
  maximumRetryAttempts?: number;
  maximumRecordAgeInSeconds?: number;
  bisectBatchOnFunctionError?: boolean;
  parallelizationFactor?: number;
  destinationConfig?: DestinationConfig;
}

export interface DestinationConfig { OnFailure?: { Destination?: string } }

export interface EventSourceMapping {
  uuid: string;
  /** The function as the mapping invokes it: its ARN, qualified when the mapping names a version or alias. */
  functionArn: string;
  eventSourceArn: string;
  batchSize: number;
  maximumBatchingWindowInSeconds: number;
  enabled: boolean;
  state: MappingState;
  functionResponseTypes: string[];
  filterCriteria?: FilterCriteria;
  maximumConcurrency?: number;
  /** Stream sources only (undefined for SQS). */
  startingPosition?: string;
  maximumRetryAttempts?: number;
  maximumRecordAgeInSeconds?: number;
  bisectBatchOnFunctionError?: boolean;
  parallelizationFactor?: number;
  destinationConfig?: DestinationConfig;
  /** Epoch ms. */
  lastModified: number;
}

export const DEFAULT_SQS_BATCH_SIZE = 10;
export const DEFAULT_STREAM_BATCH_SIZE = 100;

/** A DynamoDB stream ARN (arn:aws:dynamodb:<region>:<account>:table/<name>/stream/<label>). */
export const isDynamoDbStreamArn = (arn: string): boolean => /^arn:aws[\w-]*:dynamodb:[^:]*:\d{12}:table\/[^/]+\/stream\/.+$/.test(arn);

/** The unqualified function name of a mapping's FunctionArn. */
export const functionNameOf = (functionArn: string): string => functionArn.split(':')[6];

export const isFifoArn = (arn: string): boolean => arn.endsWith('.fifo');

export function mappingArn(account: Account, uuid: string): string {
  return `arn:aws:lambda:${account.region}:${account.accountId}:event-source-mapping:${uuid}`;
}

/** EventSourceMappingConfiguration as the API answers it (LastModified in epoch seconds). */
export function mappingShape(m: EventSourceMapping, account: Account): Record<string, unknown> {
  return {
    UUID: m.uuid,
    BatchSize: m.batchSize,
    MaximumBatchingWindowInSeconds: m.maximumBatchingWindowInSeconds,
    EventSourceArn: m.eventSourceArn,
    ...(m.filterCriteria ? { FilterCriteria: m.filterCriteria } : {}),
    FunctionArn: m.functionArn,
    LastModified: m.lastModified / 1000,
    State: m.state,
    StateTransitionReason: 'USER_INITIATED',
    FunctionResponseTypes: m.functionResponseTypes,
    ...(m.maximumConcurrency !== undefined ? { ScalingConfig: { MaximumConcurrency: m.maximumConcurrency } } : {}),
    ...(m.startingPosition !== undefined ? {
      StartingPosition: m.startingPosition, ParallelizationFactor: m.parallelizationFactor ?? 1,
      MaximumRetryAttempts: m.maximumRetryAttempts ?? -1, MaximumRecordAgeInSeconds: m.maximumRecordAgeInSeconds ?? -1,
      BisectBatchOnFunctionError: m.bisectBatchOnFunctionError ?? false, TumblingWindowInSeconds: 0,
      DestinationConfig: { OnFailure: m.destinationConfig?.OnFailure?.Destination ? { Destination: m.destinationConfig.OnFailure.Destination } : {} },
    } : {}),
    EventSourceMappingArn: mappingArn(account, m.uuid),
  };
}

/** Model constraints of the settings given (ValidationException, every violation listed). */
export function checkModel(s: MappingSettings): void {
  const v: string[] = [];
  if (s.batchSize !== undefined) v.push(...integerViolations('batchSize', s.batchSize, { min: 1, max: 10000 }));
  if (s.maximumBatchingWindowInSeconds !== undefined) {
    v.push(...integerViolations('maximumBatchingWindowInSeconds', s.maximumBatchingWindowInSeconds, { min: 0, max: 300 }));
  }
  if (s.maximumConcurrency !== undefined && s.maximumConcurrency !== null) {
    v.push(...integerViolations('scalingConfig.maximumConcurrency', s.maximumConcurrency, { min: 2, max: 1000 }));
  }
  if (s.maximumRetryAttempts !== undefined) v.push(...integerViolations('maximumRetryAttempts', s.maximumRetryAttempts, { min: -1, max: 10000 }));
  if (s.maximumRecordAgeInSeconds !== undefined) {
    v.push(...integerViolations('maximumRecordAgeInSeconds', s.maximumRecordAgeInSeconds, { min: -1, max: 604800 }));
  }
  if (s.parallelizationFactor !== undefined) v.push(...integerViolations('parallelizationFactor', s.parallelizationFactor, { min: 1, max: 10 }));
  if (s.startingPosition !== undefined && !['TRIM_HORIZON', 'LATEST', 'AT_TIMESTAMP'].includes(s.startingPosition)) {
    v.push(violation('startingPosition', s.startingPosition, 'Member must satisfy enum value set: [LATEST, AT_TIMESTAMP, TRIM_HORIZON]'));
  }
  for (const t of s.functionResponseTypes ?? []) {
    if (t !== 'ReportBatchItemFailures') {
      v.push(violation('functionResponseTypes', `[${s.functionResponseTypes!.join(', ')}]`,
        'Member must satisfy constraint: [Member must satisfy enum value set: [ReportBatchItemFailures]]'));
      break;
    }
  }
  if ((s.functionResponseTypes?.length ?? 0) > 1) {
    v.push(violation('functionResponseTypes', `[${s.functionResponseTypes!.join(', ')}]`, 'Member must have length less than or equal to 1'));
  }
  throwViolations(v);
  for (const f of s.filterCriteria?.Filters ?? []) {
    if (typeof f.Pattern !== 'string' || f.Pattern === '') throw new InvalidParameterValueException('Invalid filter pattern definition.');
    try { parsePattern(f.Pattern); } catch (e) {
      if (e instanceof InvalidPatternError) throw new InvalidParameterValueException('Invalid filter pattern definition.');
      throw e;
    }
  }
}

/** Lambda's rules for an SQS source, on the mapping's settings after a Create or Update. */
export function checkSqsRules(m: Pick<EventSourceMapping, 'batchSize' | 'maximumBatchingWindowInSeconds' | 'eventSourceArn'>): void {
  if (isFifoArn(m.eventSourceArn)) {
    if (m.batchSize > 10) throw new InvalidParameterValueException('Maximum batch size must be between 1 and 10 inclusive');
    if (m.maximumBatchingWindowInSeconds > 0) throw new InvalidParameterValueException('Batching window is not supported for FIFO queues');
    return;
  }
  if (m.batchSize > 10 && m.maximumBatchingWindowInSeconds < 1) {
    throw new InvalidParameterValueException('Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10');
  }
}

/** CreateEventSourceMapping / UpdateEventSourceMapping: the queue's visibility timeout must cover the function's timeout. */
export function checkVisibility(visibilitySeconds: number, functionTimeout: number): void {
  if (visibilitySeconds < functionTimeout) {
    throw new InvalidParameterValueException(
      `Queue visibility timeout: ${visibilitySeconds} seconds is less than Function timeout: ${functionTimeout} seconds`);
  }
}

export const NO_QUEUE_MESSAGE = 'Error occurred while ReceiveMessage. SQS Error Code: AWS.SimpleQueueService.NonExistentQueue. '
  + 'SQS Error Message: The specified queue does not exist or you do not have access to it.';

/** Lambda's rules for a DynamoDB stream source, on the settings of a Create or the mapping after an Update. */
export function checkStreamRules(m: MappingSettings, creating: boolean): void {
  if (creating && m.startingPosition === undefined) {
    throw new InvalidParameterValueException("1 validation error detected: Value null at 'startingPosition' failed to satisfy constraint: Member must not be null.");
  }
  if (m.startingPosition === 'AT_TIMESTAMP') {
    throw new InvalidParameterValueException('Unsupported starting position for arn type: DynamoDB Streams support TRIM_HORIZON and LATEST.');
  }
  if (m.maximumRecordAgeInSeconds !== undefined && m.maximumRecordAgeInSeconds !== -1 && m.maximumRecordAgeInSeconds < 60) {
    throw new InvalidParameterValueException('MaximumRecordAgeInSeconds must be -1 or between 60 and 604800 inclusive');
  }
  const destination = m.destinationConfig?.OnFailure?.Destination;
  if (destination !== undefined && !/^arn:aws[\w-]*:(sqs|sns):[a-z0-9-]+:\d{12}:.+$/.test(destination)) {
    throw new InvalidParameterValueException('The provided destination config DestinationConfig(onSuccess=null, onFailure=OnFailure(destination='
      + `${destination})) is invalid. Destination ARN for a DynamoDB stream must be an SQS queue or an SNS topic.`);
  }
}

/** Settings only a stream source accepts (InvalidParameterValueException for SQS). */
export function checkNoStreamSettings(s: MappingSettings): void {
  const given = (['startingPosition', 'maximumRetryAttempts', 'maximumRecordAgeInSeconds', 'bisectBatchOnFunctionError',
    'parallelizationFactor', 'destinationConfig'] as const).filter((k) => s[k] !== undefined);
  if (given.length > 0) {
    const name = given[0][0].toUpperCase() + given[0].slice(1);
    throw new InvalidParameterValueException(`Unsupported MaximumRetryAttempts, MaximumRecordAgeInSeconds, BisectBatchOnFunctionError, ParallelizationFactor, StartingPosition or DestinationConfig for an SQS event source (${name}).`);
  }
}
