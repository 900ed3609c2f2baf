// The DynamoDB Streams API: ListStreams, DescribeStream, GetShardIterator, GetRecords, over
// the stream store (one shard per stream) and the table catalog (which stream is current).
// A stream is ENABLED while it is its table's latest stream and the stream is on; its shard
// is then open (no EndingSequenceNumber). A disabled or replaced stream stays readable until
// its records are trimmed; once a closed shard is read to its end GetRecords gives no
// NextShardIterator.
import type { Account } from '../../kernel/arn';
import type { Clock } from '../../kernel/clock';
import type { StreamTable, TableCatalog } from './catalog';
import {
  ExpiredIteratorException, ResourceNotFoundException, TrimmedDataAccessException, ValidationException, validationErrors, violation,
} from './errors';
import { ITERATOR_TYPES, decodeIterator, encodeIterator, isExpired, shardIdOf, startOf, type IteratorType } from './iterators';
import { formatSequence, parseSequence, type StoredRecord } from './records';
import type { StreamRow, StreamStore } from './store';

type Input = Record<string, any>;
export interface StreamsContext { store: StreamStore; catalog: TableCatalog; clock: Clock; account: Account }

const MAX_RECORD_BYTES = 1024 * 1024;
const tableOfArn = (arn: string): string | undefined => /:table\/([^/]+)\/stream\//.exec(arn)?.[1];

function check(violations: (string | undefined)[]): void {
  const e = validationErrors(violations.filter((v): v is string => v !== undefined));
  if (e) throw e;
}
const limitViolation = (v: unknown, max?: number): string | undefined => {
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || v < 1) return violation(v, 'limit', 'Member must have value greater than or equal to 1');
  if (max !== undefined && v > max) return violation(v, 'limit', `Member must have value less than or equal to ${max}`);
  return undefined;
};
const arnViolation = (v: unknown, member: string): string | undefined => {
  if (typeof v !== 'string') return violation(v, member, 'Member must not be null');
  if (v.length < 37 || v.length > 1024) return violation(v, member, 'Member must have length greater than or equal to 37');
  return undefined;
};

async function remember(ctx: StreamsContext, t: StreamTable): Promise<void> {
  if (!t.enabled || !t.streamArn || !t.label || !t.viewType) return;
  await ctx.store.remember({ arn: t.streamArn, tableName: t.tableName, label: t.label, viewType: t.viewType, keySchema: t.keySchema,
    createdAt: Date.parse(`${t.label}Z`) || ctx.clock.now() });
}

/** The stream and whether it is still its table's enabled stream; ResourceNotFoundException if unknown. */
async function streamOf(ctx: StreamsContext, arn: string): Promise<{ s: StreamRow; open: boolean }> {
  const name = tableOfArn(arn);
  const t = name ? await ctx.catalog.table(name) : undefined;
  const open = !!t && t.enabled && t.streamArn === arn;
  let s = await ctx.store.stream(arn);
  if (!s && open) { await remember(ctx, t!); s = await ctx.store.stream(arn); }
  if (!s) throw new ResourceNotFoundException(`Requested resource not found: Stream: ${arn} not found`);
  return { s, open };
}

export async function listStreams(ctx: StreamsContext, input: Input): Promise<unknown> {
  check([limitViolation(input.Limit, 100)]);
  const tables = input.TableName !== undefined ? [await ctx.catalog.table(String(input.TableName))] : await ctx.catalog.tables();
  for (const t of tables) if (t) await remember(ctx, t);
  const all = (await ctx.store.streams()).filter((s) => input.TableName === undefined || s.tableName === input.TableName);
  if (input.TableName !== undefined && !tables[0] && all.length === 0) {
    throw new ResourceNotFoundException(`Requested resource not found: Table: ${input.TableName} not found`);
  }
  const from = input.ExclusiveStartStreamArn as string | undefined;
  const rest = all.filter((s) => from === undefined || s.arn > from);
  const limit = input.Limit ?? 100;
  const page = rest.slice(0, limit);
  return { Streams: page.map((s) => ({ StreamArn: s.arn, TableName: s.tableName, StreamLabel: s.label })),
    ...(rest.length > limit ? { LastEvaluatedStreamArn: page[page.length - 1].arn } : {}) };
}

export async function describeStream(ctx: StreamsContext, input: Input): Promise<unknown> {
  check([arnViolation(input.StreamArn, 'streamArn'), limitViolation(input.Limit, 100)]);
  const { s, open } = await streamOf(ctx, input.StreamArn);
  const shardId = shardIdOf(s.arn, s.createdAt);
  const start = Math.max(1, Math.min(s.trimmedThrough + 1, s.lastSeq));
  const after = input.ExclusiveStartShardId as string | undefined;
  const shards = after !== undefined && after >= shardId ? [] : [{ ShardId: shardId, SequenceNumberRange: {
    StartingSequenceNumber: formatSequence(start), ...(open ? {} : { EndingSequenceNumber: formatSequence(Math.max(start, s.lastSeq)) }) } }];
  return { StreamDescription: {
    StreamArn: s.arn, StreamLabel: s.label, StreamStatus: open ? 'ENABLED' : 'DISABLED', StreamViewType: s.viewType,
    CreationRequestDateTime: s.createdAt / 1000, TableName: s.tableName, KeySchema: s.keySchema, Shards: shards,
  } };
}

export async function getShardIterator(ctx: StreamsContext, input: Input): Promise<unknown> {
  const type = input.ShardIteratorType as IteratorType;
  check([arnViolation(input.StreamArn, 'streamArn'),
    typeof input.ShardId !== 'string' ? violation(input.ShardId, 'shardId', 'Member must not be null')
      : input.ShardId.length < 28 || input.ShardId.length > 65 ? violation(input.ShardId, 'shardId', 'Member must have length greater than or equal to 28') : undefined,
    !ITERATOR_TYPES.includes(type) ? violation(type, 'shardIteratorType', `Member must satisfy enum value set: [${ITERATOR_TYPES.join(', ')}]`) : undefined]);
  const { s } = await streamOf(ctx, input.StreamArn);
  const shardId = shardIdOf(s.arn, s.createdAt);
  if (input.ShardId !== shardId) throw new ResourceNotFoundException(`Requested resource not found: Shard does not exist`);
  const bySequence = type === 'AT_SEQUENCE_NUMBER' || type === 'AFTER_SEQUENCE_NUMBER';
  if (bySequence && input.SequenceNumber === undefined) throw new ValidationException(`Must specify a sequence number for ${type} shard iterator type`);
  if (!bySequence && input.SequenceNumber !== undefined) throw new ValidationException(`Cannot specify a sequence number for ${type} shard iterator type`);
  const start = startOf(type, bySequence ? parseSequence(input.SequenceNumber) ?? -1 : undefined, s.trimmedThrough, s.lastSeq);
  if (start === 'invalid') throw new ValidationException(`Invalid SequenceNumber for ${type} shardIterator type`);
  if (start === 'trimmed') {
    throw new TrimmedDataAccessException(`Attempted to access a record that has been trimmed: SequenceNumber ${input.SequenceNumber} is beyond the trim horizon`);
  }
  return { ShardIterator: encodeIterator({ arn: s.arn, shardId, next: start, issuedAt: ctx.clock.now() }) };
}

/** A stored record as the Streams API answers it. */
export function apiRecord(r: StoredRecord, region: string): Record<string, unknown> {
  return { eventID: r.eventID, eventName: r.eventName, eventVersion: '1.1', eventSource: 'aws:dynamodb', awsRegion: region, dynamodb: r.dynamodb,
    ...(r.userIdentity ? { userIdentity: { PrincipalId: r.userIdentity.principalId, Type: r.userIdentity.type } } : {}) };
}

export async function getRecords(ctx: StreamsContext, input: Input): Promise<unknown> {
  check([typeof input.ShardIterator !== 'string' ? violation(input.ShardIterator, 'shardIterator', 'Member must not be null')
    : input.ShardIterator.length > 2048 ? violation('…', 'shardIterator', 'Member must have length less than or equal to 2048') : undefined,
  limitViolation(input.Limit, 1000)]);
  const p = decodeIterator(input.ShardIterator);
  if (!p) throw new ValidationException('Invalid ShardIterator');
  if (isExpired(p, ctx.clock.now())) throw new ExpiredIteratorException('Iterator expired. The iterator was created at time '
    + `${new Date(p.issuedAt).toUTCString()} while right now it is ${new Date(ctx.clock.now()).toUTCString()} which is further in the future than the tolerated delay of 900000 milliseconds.`);
  const { s, open } = await streamOf(ctx, p.arn);
  if (p.next <= s.trimmedThrough) throw new TrimmedDataAccessException('Attempted to access a record that has been trimmed');
  const rows = await ctx.store.read(s.arn, p.next, input.Limit ?? 1000);
  const Records: Record<string, unknown>[] = [];
  let bytes = 0;
  let next = p.next;
  for (const r of rows) {
    bytes += r.record.dynamodb.SizeBytes;
    if (Records.length > 0 && bytes > MAX_RECORD_BYTES) break;
    Records.push(apiRecord(r.record, ctx.account.region));
    next = r.seq + 1;
  }
  const finished = !open && next > s.lastSeq;
  return { Records, ...(finished ? {} : { NextShardIterator: encodeIterator({ ...p, next, issuedAt: ctx.clock.now() }) }) };
}
