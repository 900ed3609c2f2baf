// AWS::Lambda::EventSourceMapping (and the serverless `sqs` / `stream` and SAM `SQS` / `DynamoDB` events the loaders
// turn into one): its properties become a CreateEventSourceMapping or, on redeploy of the
// same function and source, an UpdateEventSourceMapping, through the EventSourceMappingPort,
// so Lambda's own validation and errors apply. The deployment owns the mapping's UUID; a
// mapping whose resource (or event) left the project is deleted.
import { AwsError } from '../../kernel/aws-error';
import { show, suggestKey } from '../deploy-error';
import type { KeyPath } from '../yaml-document';
import { PropertyError, type EventSourceMappingPort, type MappingRequest } from './port';

type Input = Record<string, unknown>;
export interface EventSourceMappingState { uuid: string; functionName: string; eventSourceArn: string }

const PROPERTIES = ['BatchSize', 'Enabled', 'EventSourceArn', 'FilterCriteria', 'FunctionName', 'FunctionResponseTypes',
  'MaximumBatchingWindowInSeconds', 'ScalingConfig', 'BisectBatchOnFunctionError', 'DestinationConfig', 'MaximumRecordAgeInSeconds',
  'MaximumRetryAttempts', 'ParallelizationFactor', 'StartingPosition'];
/** Properties of other sources (Kinesis, brokers), reported as not served rather than unknown. */
const OTHER_SOURCES = ['StartingPositionTimestamp', 'TumblingWindowInSeconds', 'Topics', 'Queues',
  'SourceAccessConfigurations', 'SelfManagedEventSource', 'Tags', 'KMSKeyArn', 'MetricsConfig', 'DocumentDBEventSourceConfig',
  'AmazonManagedKafkaEventSourceConfig', 'SelfManagedKafkaEventSourceConfig', 'ProvisionedPollerConfig'];

/** The template's properties as a request (pure); a malformed property throws a PropertyError. */
export function mappingRequest(props: Input): MappingRequest {
  for (const k of Object.keys(props)) {
    if (PROPERTIES.includes(k)) continue;
    if (OTHER_SOURCES.includes(k)) throw new PropertyError([k], `${k} is not yet supported (Nimbus serves SQS and DynamoDB stream event sources)`);
    const hint = suggestKey(k, PROPERTIES);
    throw new PropertyError([k], `unknown property "${k}"${hint ? ` (did you mean "${hint}"?)` : ` (known: ${PROPERTIES.join(', ')})`}`);
  }
  for (const k of ['FunctionName', 'EventSourceArn']) {
    if (typeof props[k] !== 'string' || props[k] === '') throw new PropertyError([k], `${k} is required (a string), got ${show(props[k])}`);
  }
  const scaling = props.ScalingConfig as Input | undefined;
  const filters = props.FilterCriteria as { Filters?: unknown[] } | undefined;
  return {
    functionName: String(props.FunctionName), eventSourceArn: String(props.EventSourceArn),
    batchSize: integer(props.BatchSize, ['BatchSize']),
    maximumBatchingWindowInSeconds: integer(props.MaximumBatchingWindowInSeconds, ['MaximumBatchingWindowInSeconds']),
    enabled: boolean(props.Enabled, ['Enabled']),
    functionResponseTypes: props.FunctionResponseTypes === undefined ? undefined
      : list(props.FunctionResponseTypes, ['FunctionResponseTypes']).map(String),
    filterCriteria: filters === undefined ? undefined : { Filters: list(filters.Filters ?? [], ['FilterCriteria', 'Filters'])
      .map((f, i) => ({ Pattern: pattern((f as Input | null)?.Pattern, ['FilterCriteria', 'Filters', i, 'Pattern']) })) },
    maximumConcurrency: scaling === undefined ? undefined : integer(scaling.MaximumConcurrency, ['ScalingConfig', 'MaximumConcurrency']),
    ...streamSettings(props),
  };
}

export async function applyEventSourceMapping(props: Input, port: EventSourceMappingPort,
  previous?: EventSourceMappingState): Promise<EventSourceMappingState> {
  const req = mappingRequest(props);
  const stream = req.startingPosition !== undefined || /^arn:aws[\w-]*:dynamodb:/.test(req.eventSourceArn);
  const full = { ...req, batchSize: req.batchSize ?? (stream ? 100 : 10), maximumBatchingWindowInSeconds: req.maximumBatchingWindowInSeconds ?? 0,
    enabled: req.enabled ?? true, functionResponseTypes: req.functionResponseTypes ?? [], filterCriteria: req.filterCriteria ?? { Filters: [] },
    maximumConcurrency: req.maximumConcurrency ?? null,
    ...(stream ? { maximumRetryAttempts: req.maximumRetryAttempts ?? -1, maximumRecordAgeInSeconds: req.maximumRecordAgeInSeconds ?? -1,
      bisectBatchOnFunctionError: req.bisectBatchOnFunctionError ?? false, parallelizationFactor: req.parallelizationFactor ?? 1,
      destinationConfig: req.destinationConfig ?? { OnFailure: {} } } : {}) };
  const same = previous && previous.functionName === req.functionName && previous.eventSourceArn === req.eventSourceArn
    && await port.exists(previous.uuid);
  if (same) {
    await asProperty(() => port.update(previous.uuid, { ...full, startingPosition: undefined }));
    return previous;
  }
  if (previous) await removeEventSourceMapping(previous, port);
  const uuid = await asProperty(() => port.create(full));
  return { uuid, functionName: req.functionName, eventSourceArn: req.eventSourceArn };
}

export async function removeEventSourceMapping(state: EventSourceMappingState, port: EventSourceMappingPort): Promise<void> {
  await port.delete(state.uuid).catch((e) => {
    if (!(e instanceof AwsError && e.code === 'ResourceNotFoundException')) throw e;
  });
}

async function asProperty<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    if (e instanceof AwsError) throw new PropertyError([], `${e.code}: ${e.message}`);
    throw e;
  }
}

/** The stream settings among the properties (undefined: not given). */
function streamSettings(props: Input): Partial<MappingRequest> {
  const out: Partial<MappingRequest> = {};
  if (props.StartingPosition !== undefined) out.startingPosition = String(props.StartingPosition);
  const retries = integer(props.MaximumRetryAttempts, ['MaximumRetryAttempts']);
  if (retries !== undefined) out.maximumRetryAttempts = retries;
  const age = integer(props.MaximumRecordAgeInSeconds, ['MaximumRecordAgeInSeconds']);
  if (age !== undefined) out.maximumRecordAgeInSeconds = age;
  const bisect = boolean(props.BisectBatchOnFunctionError, ['BisectBatchOnFunctionError']);
  if (bisect !== undefined) out.bisectBatchOnFunctionError = bisect;
  const factor = integer(props.ParallelizationFactor, ['ParallelizationFactor']);
  if (factor !== undefined) out.parallelizationFactor = factor;
  const d = props.DestinationConfig as { OnFailure?: { Destination?: unknown } } | undefined;
  if (d !== undefined) {
    const dest = d?.OnFailure?.Destination;
    if (dest !== undefined && typeof dest !== 'string') throw new PropertyError(['DestinationConfig', 'OnFailure', 'Destination'], `expected an ARN, got ${show(dest)}`);
    out.destinationConfig = { OnFailure: dest ? { Destination: dest } : {} };
  }
  return out;
}

function integer(v: unknown, at: KeyPath): number | undefined {
  if (v === undefined || v === null) return undefined;
  const n = typeof v === 'string' && /^\s*-?\d+\s*$/.test(v) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n)) throw new PropertyError(at, `expected an integer, got ${show(v)}`);
  return n;
}

function boolean(v: unknown, at: KeyPath): boolean | undefined {
  if (v === undefined || v === null) return undefined;
  if (v === true || v === 'true') return true;
  if (v === false || v === 'false') return false;
  throw new PropertyError(at, `expected true or false, got ${show(v)}`);
}

function list(v: unknown, at: KeyPath): unknown[] {
  if (!Array.isArray(v)) throw new PropertyError(at, `expected a list, got ${show(v)}`);
  return v;
}

/** A filter Pattern: JSON text, or a map (as templates often write it) turned into JSON text. */
function pattern(v: unknown, at: KeyPath): string {
  if (typeof v === 'string') return v;
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) return JSON.stringify(v);
  throw new PropertyError(at, `expected a filter pattern (JSON text or a map), got ${show(v)}`);
}
