// DynamoDB (AWS JSON 1.0, target prefix DynamoDB_20120810). The only module others import:
// the AwsService for the listener, `invoke` (operations by name, for deploy), and `onItemChange`,
// the hook DynamoDB Streams registers to write its records in the same transaction as a change.
import type { Account } from '../../kernel/arn';
import type { Clock, TimerHandle } from '../../kernel/clock';
import { requestId as newRequestId } from '../../kernel/ids';
import { UnknownOperationException, contentType, matchesTarget, readJsonObject, targetOperation, writeJsonError } from '../../protocols/aws-json';
import type { AwsService } from '../../protocols/aws-service';
import type { Sql } from '../../store/sql';
import type { DynamoDbContext, Input } from './context';
import { ERROR_NAMESPACE, InternalServerError } from './errors';
import { runIndexWork } from './index-work';
import { DYNAMODB_OPERATIONS } from './operations';
import { toWire } from './raw-json';
import { ItemStore, TableStore, openDynamoDbSchema } from './store';
import { Tables } from './tables';
import { sweepExpired } from './ttl';
import { Writer, type ItemChangeHook } from './writer';

export type { ItemChangeHook, ChangeMeta } from './writer';
export type { Table } from './model';
export { streamArn } from './model';
export { toWire } from './raw-json';

export const TARGET_PREFIX = 'DynamoDB_20120810';
const BODY_LIMIT = 16 * 1024 * 1024;

export interface DynamoDbDeps {
  sql: Sql; clock: Clock; account: Account; log: (message: string) => void;
  /** CREATING → ACTIVE (and UPDATING → ACTIVE, DELETING → gone) after this long; default 0 (next tick). */
  activationMs?: number;
  /** How often expired TTL items are swept; default 30 s. */
  ttlSweepMs?: number;
}

export interface DynamoDbService {
  service: AwsService;
  /** Runs an operation by name; the result may hold RawItem(s): render it with `toWire` (or JSON.parse(toWire(r))). */
  invoke(operation: string, input: Input): Promise<unknown>;
  /** Registers a hook called inside every item write transaction (DynamoDB Streams). */
  onItemChange(hook: ItemChangeHook): void;
  /** Runs one TTL sweep now; resolves to the number of items deleted. */
  sweepTtl(): Promise<number>;
  start(): Promise<void>;
  stop(): void;
}

export function createDynamoDbService(deps: DynamoDbDeps): DynamoDbService {
  const { sql, clock, account, log } = deps;
  const items = new ItemStore(sql);
  const tables = new Tables(new TableStore(sql), clock, account, { activationMs: deps.activationMs ?? 0, log });
  const writer = new Writer(sql, items);
  const ctx: DynamoDbContext = { tables, items, writer, clock, account };
  tables.onUpdating = (t) => runIndexWork(ctx, t);
  tables.generation = (tid) => writer.generations.get(tid) ?? 0;
  let sweep: TimerHandle | undefined;
  let stopped = false;

  const invoke = async (operation: string, input: Input): Promise<unknown> => {
    const op = Object.prototype.hasOwnProperty.call(DYNAMODB_OPERATIONS, operation) ? DYNAMODB_OPERATIONS[operation] : undefined;
    if (!op) throw new UnknownOperationException(`Unknown operation ${operation}`);
    return (await op(ctx, input)) ?? {};
  };
  const arm = () => {
    if (stopped) return;
    sweep = clock.setTimer(deps.ttlSweepMs ?? 30_000, () => void sweepExpired(ctx).then(() => items.expireTokens(clock.now()))
      .catch((e) => log(`dynamodb: TTL sweep failed: ${e}`)).finally(arm));
  };

  return {
    invoke,
    onItemChange: (hook) => { writer.hooks.push(hook); },
    sweepTtl: () => sweepExpired(ctx),
    service: {
      name: 'dynamodb',
      matches: (req, url) => matchesTarget(req, url, TARGET_PREFIX),
      async handle(req, res) {
        const requestId = newRequestId();
        try {
          const input = await readJsonObject(req, BODY_LIMIT);
          const bytes = Buffer.from(toWire(await invoke(targetOperation(req, TARGET_PREFIX) ?? '', input)));
          res.writeHead(200, { 'x-amzn-RequestId': requestId, 'Content-Type': contentType('1.0'), 'Content-Length': String(bytes.length) });
          res.end(bytes);
        } catch (err) {
          writeJsonError(res, '1.0', err, requestId, { log, internalError: (m) => new InternalServerError(m) });
        }
      },
    },
    async start() {
      await openDynamoDbSchema(sql);
      await tables.load();
      arm();
    },
    stop() {
      stopped = true;
      sweep?.cancel();
    },
  };
}

export { ERROR_NAMESPACE };
