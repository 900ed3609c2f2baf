// Event source mappings: the Lambda API's Create / Get / List / Update / Delete on top of
// the SQL store, and the pollers of the enabled ones (SQS queues; DynamoDB streams in streams/). Each change walks the
// state machine (mapping-state.ts): the transitional state is stored and answered, the
// pollers follow, and the settled state is stored. At start, mappings resume (and a
// transition a crash interrupted settles).
import { randomUUID } from 'node:crypto';
import type { Account } from '../kernel/arn';
import { AwsError } from '../kernel/aws-error';
import type { Clock } from '../kernel/clock';
import type { Invoker } from '../invoke/types';
import { InvalidParameterValueException, ResourceConflictException, ResourceNotFoundException } from '../registry/errors';
import { locateFunction } from '../registry/function-ref';
import type { Registry } from '../registry/registry';
import type { DynamoDbStreamsPort } from '../services/dynamodb-streams';
import type { SqsPort } from '../services/sqs';
import type { Sql } from '../store/sql';
import {
  DEFAULT_SQS_BATCH_SIZE, DEFAULT_STREAM_BATCH_SIZE, NO_QUEUE_MESSAGE, checkModel, checkNoStreamSettings, checkSqsRules, checkStreamRules,
  checkVisibility, functionNameOf, isDynamoDbStreamArn, type EventSourceMapping, type MappingSettings,
} from './mapping';
import { TRANSITIONAL, canTransition, settleEvent, transition, updateEvent, type MappingEvent } from './mapping-state';
import { MappingStore } from './mapping-store';
import { Pollers } from './pollers';
import { CheckpointStore } from './streams/checkpoint-store';
import type { FailureDestinations } from './streams/poller-context';

export interface CreateMappingInput extends MappingSettings { functionName: string; eventSourceArn?: string }
export interface UpdateMappingInput extends MappingSettings { functionName?: string }
export interface ListMappingsInput { eventSourceArn?: string; functionName?: string; marker?: string; maxItems?: number }

/** What the Lambda API needs (services/lambda holds this interface, not the class). */
export interface EventSourceMappingsApi {
  create(input: CreateMappingInput): Promise<EventSourceMapping>;
  get(uuid: string): EventSourceMapping;
  list(input: ListMappingsInput): { mappings: EventSourceMapping[]; nextMarker?: string };
  update(uuid: string, input: UpdateMappingInput): Promise<EventSourceMapping>;
  delete(uuid: string): Promise<EventSourceMapping>;
}

export interface EventSourceMappingDeps {
  sql: Sql;
  sqs: SqsPort;
  registry: Registry;
  invoker: Invoker;
  clock: Clock;
  account: Account;
  log: (message: string) => void;
  reservedConcurrency?: (functionName: string) => number | undefined;
  /** DynamoDB Streams, for mappings of stream ARNs. */
  streams?: DynamoDbStreamsPort;
  /** Where stream mappings send the metadata of discarded records (OnFailure). */
  destinations?: FailureDestinations;
}

export class ResourceInUseException extends AwsError {
  constructor(message: string) { super(message, 400); }
}

export class EventSourceMappings implements EventSourceMappingsApi {
  private readonly mappings = new Map<string, EventSourceMapping>();
  private readonly pollers: Pollers;

  private constructor(private readonly store: MappingStore, private readonly checkpoints: CheckpointStore,
    private readonly deps: EventSourceMappingDeps) {
    this.pollers = new Pollers(deps, checkpoints);
  }

  static async open(deps: EventSourceMappingDeps): Promise<EventSourceMappings> {
    const esm = new EventSourceMappings(await MappingStore.open(deps.sql), await CheckpointStore.open(deps.sql), deps);
    for (const m of await esm.store.all()) esm.mappings.set(m.uuid, m);
    return esm;
  }

  /** Starts the pollers of the enabled mappings; settles what a crash left mid-way. */
  async start(): Promise<void> {
    for (const m of [...this.mappings.values()]) {
      if (m.state === 'Deleting') await this.remove(m);
      else if (TRANSITIONAL.includes(m.state)) await this.settle(m);
      else this.pollers.follow(m);
    }
  }

  async stop(): Promise<void> {
    await this.pollers.stopAll();
  }

  async create(input: CreateMappingInput): Promise<EventSourceMapping> {
    checkModel(input);
    if (!input.eventSourceArn) throw new InvalidParameterValueException('Unrecognized event source.');
    const functionArn = await this.functionArn(input.functionName);
    const eventSourceArn = input.eventSourceArn;
    if (isDynamoDbStreamArn(eventSourceArn)) return this.createForStream(input, functionArn, eventSourceArn);
    if (eventSourceArn.split(':')[2] !== 'sqs') {
      throw new InvalidParameterValueException(`Nimbus serves event source mappings for SQS queues and DynamoDB streams; ${eventSourceArn} is neither.`);
    }
    checkNoStreamSettings(input);
    const m: EventSourceMapping = {
      uuid: randomUUID(), functionArn, eventSourceArn, batchSize: input.batchSize ?? DEFAULT_SQS_BATCH_SIZE,
      maximumBatchingWindowInSeconds: input.maximumBatchingWindowInSeconds ?? 0, enabled: input.enabled ?? true, state: 'Creating',
      functionResponseTypes: input.functionResponseTypes ?? [], filterCriteria: input.filterCriteria,
      maximumConcurrency: input.maximumConcurrency ?? undefined, lastModified: this.deps.clock.now(),
    };
    checkSqsRules(m);
    await this.checkQueue(m);
    return this.add(m, 'SQS');
  }

  /** A DynamoDB stream mapping: Lambda's stream settings, and its starting checkpoint stored before it is answered. */
  private async createForStream(input: CreateMappingInput, functionArn: string, eventSourceArn: string): Promise<EventSourceMapping> {
    checkStreamRules(input, true);
    const info = await this.deps.streams?.stream(eventSourceArn);
    if (!info) throw new InvalidParameterValueException(`Stream not found: ${eventSourceArn}`);
    const m: EventSourceMapping = {
      uuid: randomUUID(), functionArn, eventSourceArn, batchSize: input.batchSize ?? DEFAULT_STREAM_BATCH_SIZE,
      maximumBatchingWindowInSeconds: input.maximumBatchingWindowInSeconds ?? 0, enabled: input.enabled ?? true, state: 'Creating',
      functionResponseTypes: input.functionResponseTypes ?? [], filterCriteria: input.filterCriteria, lastModified: this.deps.clock.now(),
      startingPosition: input.startingPosition, maximumRetryAttempts: input.maximumRetryAttempts ?? -1,
      maximumRecordAgeInSeconds: input.maximumRecordAgeInSeconds ?? -1, bisectBatchOnFunctionError: input.bisectBatchOnFunctionError ?? false,
      parallelizationFactor: input.parallelizationFactor ?? 1, destinationConfig: input.destinationConfig,
    };
    const duplicate = this.duplicateOf(m);
    if (!duplicate) await this.checkpoints.replace(m.uuid, [input.startingPosition === 'LATEST' ? info.lastSeq : info.trimmedThrough]);
    return this.add(m, 'DynamoDB Stream');
  }

  private duplicateOf(m: EventSourceMapping): EventSourceMapping | undefined {
    return [...this.mappings.values()].find((o) => o.functionArn === m.functionArn && o.eventSourceArn === m.eventSourceArn);
  }

  private async add(m: EventSourceMapping, kind: string): Promise<EventSourceMapping> {
    const duplicate = this.duplicateOf(m);
    if (duplicate) {
      throw new ResourceConflictException(`An event source mapping with ${kind} arn (" ${m.eventSourceArn} ") and function (" ${
        functionNameOf(m.functionArn)} ") already exists. Please update or delete the existing mapping with UUID ${duplicate.uuid}`);
    }
    await this.store.put(m);
    this.mappings.set(m.uuid, m);
    await this.settle(m);
    return m;
  }

  get(uuid: string): EventSourceMapping {
    const m = this.mappings.get(uuid);
    if (!m) throw new ResourceNotFoundException('The resource you requested does not exist.');
    return m;
  }

  list(input: ListMappingsInput): { mappings: EventSourceMapping[]; nextMarker?: string } {
    const want = input.functionName ? locateFunction(input.functionName, undefined, this.deps.account) : undefined;
    const all = [...this.mappings.values()].filter((m) => (!input.eventSourceArn || m.eventSourceArn === input.eventSourceArn)
      && (!want || (functionNameOf(m.functionArn) === want.name
        && (!want.qualifier || m.functionArn === this.deps.registry.arn(want.name, want.qualifier)))));
    const start = input.marker ? Math.max(0, Number(input.marker) || 0) : 0;
    const page = all.slice(start, start + (input.maxItems ?? 100));
    const next = start + page.length;
    return { mappings: page, ...(next < all.length ? { nextMarker: String(next) } : {}) };
  }

  async update(uuid: string, input: UpdateMappingInput): Promise<EventSourceMapping> {
    checkModel(input);
    const old = this.get(uuid);
    const event = updateEvent(old.state, input.enabled);
    this.check(old, event);
    const functionArn = input.functionName !== undefined ? await this.functionArn(input.functionName) : old.functionArn;
    const m: EventSourceMapping = {
      ...old, functionArn, state: transition(old.state, event), lastModified: this.deps.clock.now(),
      batchSize: input.batchSize ?? old.batchSize, enabled: input.enabled ?? old.enabled,
      maximumBatchingWindowInSeconds: input.maximumBatchingWindowInSeconds ?? old.maximumBatchingWindowInSeconds,
      functionResponseTypes: input.functionResponseTypes ?? old.functionResponseTypes,
      filterCriteria: input.filterCriteria === undefined ? old.filterCriteria
        : (input.filterCriteria.Filters?.length ? input.filterCriteria : undefined),
      maximumConcurrency: input.maximumConcurrency === undefined ? old.maximumConcurrency : input.maximumConcurrency ?? undefined,
    };
    if (isDynamoDbStreamArn(old.eventSourceArn)) {
      checkStreamRules({ ...input, startingPosition: undefined }, false);
      Object.assign(m, {
        maximumRetryAttempts: input.maximumRetryAttempts ?? old.maximumRetryAttempts,
        maximumRecordAgeInSeconds: input.maximumRecordAgeInSeconds ?? old.maximumRecordAgeInSeconds,
        bisectBatchOnFunctionError: input.bisectBatchOnFunctionError ?? old.bisectBatchOnFunctionError,
        parallelizationFactor: input.parallelizationFactor ?? old.parallelizationFactor,
        destinationConfig: input.destinationConfig ?? old.destinationConfig,
      });
      await this.store.put(m);
      this.mappings.set(uuid, m);
      await this.settle(m);
      return m;
    }
    checkNoStreamSettings(input);
    checkSqsRules(m);
    if (functionArn !== old.functionArn) await this.checkQueue(m);
    await this.store.put(m);
    this.mappings.set(uuid, m);
    await this.settle(m);
    return m;
  }

  async delete(uuid: string): Promise<EventSourceMapping> {
    const old = this.get(uuid);
    this.check(old, 'delete');
    const m: EventSourceMapping = { ...old, state: transition(old.state, 'delete') };
    await this.store.put(m);
    this.mappings.set(uuid, m);
    await this.remove(m);
    return m;
  }

  private check(m: EventSourceMapping, event: MappingEvent): void {
    if (!canTransition(m.state, event)) {
      throw new ResourceInUseException(`Cannot ${event === 'delete' ? 'delete' : 'update'} the event source mapping because it is in use.`);
    }
  }

  /** The pollers follow `enabled`; the settled state is stored (the transitional one was answered). */
  private async settle(m: EventSourceMapping): Promise<void> {
    this.pollers.follow(m);
    const settled: EventSourceMapping = { ...m, state: transition(m.state, settleEvent(m.enabled)) };
    await this.store.put(settled);
    if (this.mappings.get(m.uuid) === m) this.mappings.set(m.uuid, settled);
  }

  private async remove(m: EventSourceMapping): Promise<void> {
    await this.pollers.stop(m.uuid);
    await this.store.delete(m.uuid);
    await this.checkpoints.delete(m.uuid);
    this.mappings.delete(m.uuid);
  }

  private async functionArn(functionName: string): Promise<string> {
    const { name, qualifier } = locateFunction(functionName, undefined, this.deps.account);
    try {
      await this.deps.registry.resolve(name, qualifier);
    } catch (e) {
      if (e instanceof ResourceNotFoundException) throw new InvalidParameterValueException('Function does not exist');
      throw e;
    }
    return this.deps.registry.arn(name, qualifier);
  }

  /** The queue exists and its visibility timeout covers the function's timeout. */
  private async checkQueue(m: EventSourceMapping): Promise<void> {
    let attributes: Record<string, string>;
    try {
      attributes = await this.deps.sqs.queueAttributes(m.eventSourceArn);
    } catch (e) {
      if (e instanceof AwsError) throw new InvalidParameterValueException(NO_QUEUE_MESSAGE);
      throw e;
    }
    const fn = await this.deps.registry.resolve(m.functionArn);
    checkVisibility(Number(attributes.VisibilityTimeout ?? 30), fn.config.timeout);
  }
}
