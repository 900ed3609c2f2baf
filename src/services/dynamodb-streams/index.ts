// DynamoDB Streams (AWS JSON 1.0, target prefix DynamoDBStreams_20120810). The only module
// others import: the AwsService for the listener; `recordChange`, the item-change hook main
// registers with DynamoDB (it writes the record in the item's own write transaction, so a
// crash never loses or reorders a change); `port`, the in-process reader for event source
// mappings; and the 24-hour trim on a timer. One shard per stream: every record of a table's
// stream is in one sequence, so per-item order (and more) is kept trivially.
import type { Account } from '../../kernel/arn';
import type { Clock, TimerHandle } from '../../kernel/clock';
import { requestId as newRequestId } from '../../kernel/ids';
import { UnknownOperationException, matchesTarget, readJsonObject, targetOperation, writeJsonError, writeJsonResult } from '../../protocols/aws-json';
import type { AwsService } from '../../protocols/aws-service';
import type { Sql, SqlRunner } from '../../store/sql';
import type { TableCatalog } from './catalog';
import { InternalServerError } from './errors';
import { shardIdOf } from './iterators';
import { describeStream, getRecords, getShardIterator, listStreams, type StreamsContext } from './operations';
import { changeRecord, isRecordable, type Item, type StoredRecord, type StreamViewType } from './records';
import { StreamStore, type KeySchemaElement } from './store';

export { tableCatalog, type TableCatalog } from './catalog';
export type { StoredRecord } from './records';

export const TARGET_PREFIX = 'DynamoDBStreams_20120810';
export const RETENTION_MS = 24 * 3600_000;

/** The table as the change hook sees it (DynamoDB's Table, structurally). */
export interface ChangedTable {
  name: string; arn: string; hash: { name: string }; range?: { name: string };
  stream?: { enabled: boolean; viewType?: StreamViewType; label?: string };
}
export interface ChangeMeta { userIdentity?: { type: string; principalId: string } }

export interface StreamInfo { arn: string; tableName: string; shardId: string; lastSeq: number; trimmedThrough: number }
export interface StreamRecordRow { seq: number; createdAt: number; record: StoredRecord }

/** What event source mappings read (in-process). */
export interface DynamoDbStreamsPort {
  /** The stream (the table's current one or one with records kept), else undefined. */
  stream(arn: string): Promise<StreamInfo | undefined>;
  /** Records with sequence number ≥ from, in order. */
  read(arn: string, from: number, limit: number): Promise<StreamRecordRow[]>;
  /** The first record written at or after `ms` (AT_TIMESTAMP). */
  firstAtOrAfter(arn: string, ms: number): Promise<number | undefined>;
  /** Called (shortly after the commit) when a stream gets records; returns an unsubscribe. */
  onRecords(listener: (arn: string) => void): () => void;
}

export interface DynamoDbStreamsDeps {
  sql: Sql; clock: Clock; account: Account; log: (m: string) => void; catalog: TableCatalog;
  /** How often records older than 24 h are trimmed; default 60 s. */
  trimEveryMs?: number;
}

export interface DynamoDbStreamsService {
  service: AwsService;
  recordChange(tx: SqlRunner, table: ChangedTable, oldItem: Item | undefined, newItem: Item | undefined, meta: ChangeMeta): Promise<void>;
  port: DynamoDbStreamsPort;
  /** Trims records older than 24 h now; resolves to how many. */
  trim(): Promise<number>;
  stop(): void;
}

const OPERATIONS: Record<string, (ctx: StreamsContext, input: Record<string, unknown>) => Promise<unknown>> = {
  ListStreams: listStreams, DescribeStream: describeStream, GetShardIterator: getShardIterator, GetRecords: getRecords,
};

export const keySchemaOf = (t: ChangedTable): KeySchemaElement[] =>
  [{ AttributeName: t.hash.name, KeyType: 'HASH' }, ...(t.range ? [{ AttributeName: t.range.name, KeyType: 'RANGE' as const }] : [])];

export async function openDynamoDbStreams(deps: DynamoDbStreamsDeps): Promise<DynamoDbStreamsService> {
  const { clock, account, log } = deps;
  const store = await StreamStore.open(deps.sql);
  const ctx: StreamsContext = { store, catalog: deps.catalog, clock, account };
  const listeners = new Set<(arn: string) => void>();
  const notify = (arn: string) => clock.setTimer(5, () => { for (const l of listeners) l(arn); });
  const trim = () => store.trim(clock.now() - RETENTION_MS);
  let timer: TimerHandle | undefined;
  let stopped = false;
  const arm = () => {
    if (!stopped) timer = clock.setTimer(deps.trimEveryMs ?? 60_000, () => void trim().catch((e) => log(`dynamodb streams: trim failed: ${e}`)).finally(arm));
  };
  arm();

  return {
    async recordChange(tx, table, oldItem, newItem, meta) {
      const stream = table.stream;
      if (!stream?.enabled || !stream.label || !stream.viewType || !isRecordable(oldItem, newItem)) return;
      const arn = `${table.arn}/stream/${stream.label}`;
      const now = clock.now();
      const keySchema = keySchemaOf(table);
      const seq = await store.nextSequence(tx, { arn, tableName: table.name, label: stream.label, viewType: stream.viewType, keySchema,
        createdAt: Date.parse(`${stream.label}Z`) || now });
      const record = changeRecord({ keyNames: keySchema.map((k) => k.AttributeName), viewType: stream.viewType, oldItem, newItem, seq,
        nowMs: now, userIdentity: meta.userIdentity })!;
      await store.append(tx, arn, seq, now, record);
      notify(arn);
    },
    port: {
      async stream(arn) {
        let s = await store.stream(arn);
        if (!s) {
          const name = /:table\/([^/]+)\/stream\//.exec(arn)?.[1];
          let t = name ? await deps.catalog.table(name) : undefined;
          if (name && t?.streamArn !== arn) t = await deps.catalog.table(name, true); // a stream enabled in the last second
          if (!t?.enabled || t.streamArn !== arn) return undefined;
          await store.remember({ arn, tableName: t.tableName, label: t.label!, viewType: t.viewType!, keySchema: t.keySchema,
            createdAt: Date.parse(`${t.label}Z`) || clock.now() });
          s = await store.stream(arn);
          if (!s) return undefined;
        }
        return { arn, tableName: s.tableName, shardId: shardIdOf(arn, s.createdAt), lastSeq: s.lastSeq, trimmedThrough: s.trimmedThrough };
      },
      read: (arn, from, limit) => store.read(arn, from, limit),
      firstAtOrAfter: (arn, ms) => store.firstAtOrAfter(arn, ms),
      onRecords(listener) { listeners.add(listener); return () => { listeners.delete(listener); }; },
    },
    trim,
    stop() { stopped = true; timer?.cancel(); },
    service: {
      name: 'dynamodbstreams',
      matches: (req, url) => matchesTarget(req, url, TARGET_PREFIX),
      async handle(req, res) {
        const requestId = newRequestId();
        try {
          const input = await readJsonObject(req, 1024 * 1024);
          const op = targetOperation(req, TARGET_PREFIX) ?? '';
          const run = Object.prototype.hasOwnProperty.call(OPERATIONS, op) ? OPERATIONS[op] : undefined;
          if (!run) throw new UnknownOperationException(`Unknown operation ${op}`);
          writeJsonResult(res, '1.0', await run(ctx, input), requestId);
        } catch (err) {
          writeJsonError(res, '1.0', err, requestId, { log, internalError: (m) => new InternalServerError(m) });
        }
      },
    },
  };
}
