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
}

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
  /** Epoch ms. */
  lastModified: number;
}

export const DEFAULT_SQS_BATCH_SIZE = 10;

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
