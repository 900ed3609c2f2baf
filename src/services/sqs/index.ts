// SQS (AWS JSON 1.0, target prefix AmazonSQS, awsQueryCompatible). The only module others
// import: the AwsService for the listener, the in-process SqsPort, and `invoke` (the
// operations by name, for a second wire protocol).
import type { Account } from '../../kernel/arn';
import type { Clock, TimerHandle } from '../../kernel/clock';
import { requestId as newRequestId } from '../../kernel/ids';
import { UnknownOperationException, matchesTarget, readJsonObject, targetOperation, writeJsonError, writeJsonResult } from '../../protocols/aws-json';
import type { AwsService } from '../../protocols/aws-service';
import type { Sql } from '../../store/sql';
import { Arrivals } from './arrivals';
import type { Call, Input, SqsContext } from './context';
import { InternalError } from './errors';
import { MessageStore } from './message-store';
import { settingsOf } from './model';
import { MoveTasks } from './move-tasks';
import { SQS_OPERATIONS } from './operations';
import { createSqsPort, type SqsPort } from './port';
import { Queues } from './queues';
import { Receiver } from './receiver';
import { Sender } from './sender';
import { QueueStore, openSqsSchema } from './store';

export type { SqsPort, SqsSendInput, SqsReceiveOptions, ReceivedMessage, SentMessage } from './port';

export const TARGET_PREFIX = 'AmazonSQS';
const SWEEP_MS = 60_000;
/** Largest request body: a 1 MiB batch with its JSON and base64 overhead still gets SQS's own errors. */
const BODY_LIMIT = 4 * 1024 * 1024;

export interface SqsDeps { sql: Sql; clock: Clock; account: Account; log: (message: string) => void }

export interface SqsService {
  service: AwsService;
  port: SqsPort;
  /** Runs an operation by its API name with the JSON-shaped input; `endpoint` is the base of queue URLs. */
  invoke(operation: string, input: Input, call: Call): Promise<unknown>;
  /** Creates the tables, resumes move tasks, starts the retention sweep. */
  start(): Promise<void>;
  stop(): void;
}

export function createSqsService(deps: SqsDeps): SqsService {
  const { sql, clock, account, log } = deps;
  const queueStore = new QueueStore(sql, (name) => `arn:aws:sqs:${account.region}:${account.accountId}:${name}`);
  const messages = new MessageStore(sql);
  const queues = new Queues(queueStore, clock, account);
  const arrivals = new Arrivals(clock);
  const sender = new Sender(messages, clock, arrivals);
  const receiver = new Receiver(messages, queues, clock, arrivals, sql.dialect === 'postgres' ? 1000 : 5000);
  const tasks = new MoveTasks(queueStore, messages, queues, clock, arrivals);
  const ctx: SqsContext = { queues, messages, sender, receiver, arrivals, tasks, clock };
  let sweep: TimerHandle | undefined;
  let stopped = false;

  const invoke = async (operation: string, input: Input, call: Call): Promise<unknown> => {
    const op = Object.prototype.hasOwnProperty.call(SQS_OPERATIONS, operation) ? SQS_OPERATIONS[operation] : undefined;
    if (!op) throw new UnknownOperationException(`Unknown operation ${operation}`);
    return (await op(ctx, input, call)) ?? {};
  };

  const expire = async () => {
    const now = clock.now();
    for (const q of await queueStore.all()) await messages.expire(q.qid, now - settingsOf(q).retentionMs);
    await messages.expireDedup(now);
  };
  const arm = () => {
    if (stopped) return;
    sweep = clock.setTimer(SWEEP_MS, () => void expire().catch((e) => log(`sqs: retention sweep failed: ${e}`)).finally(arm));
  };

  return {
    port: createSqsPort(ctx),
    invoke,
    service: {
      name: 'sqs',
      matches: (req, url) => matchesTarget(req, url, TARGET_PREFIX),
      async handle(req, res) {
        const requestId = newRequestId();
        try {
          const input = await readJsonObject(req, BODY_LIMIT);
          const result = await invoke(targetOperation(req, TARGET_PREFIX) ?? '', input, { endpoint: `http://${req.headers.host ?? 'localhost'}` });
          writeJsonResult(res, '1.0', result, requestId);
        } catch (err) {
          writeJsonError(res, '1.0', err, requestId, { log, internalError: (m) => new InternalError(m) });
        }
      },
    },
    async start() {
      await openSqsSchema(sql);
      await tasks.resume();
      arm();
    },
    stop() {
      stopped = true;
      sweep?.cancel();
      tasks.stop();
    },
  };
}
