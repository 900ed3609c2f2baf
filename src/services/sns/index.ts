// SNS (query protocol, 2010-03-31): topics, subscriptions, publishing with filter policies,
// and durable delivery (an outbox in SQL, delivered by the dispatcher) to SQS, Lambda,
// HTTP/S and email through ports main.ts wires. The only module others import.
import type { Account } from '../../kernel/arn';
import type { Clock } from '../../kernel/clock';
import { loadQueryModel, type QueryServiceDef } from '../../protocols/aws-query';
import type { Sql } from '../../store/sql';
import type { SnsContext } from './context';
import { topicOf } from './context';
import { Dispatcher } from './dispatcher';
import { InternalErrorException } from './errors';
import { snsOperations } from './operations';
import { OutboxStore } from './outbox-store';
import type { SnsPorts } from './ports';
import { Publisher, prepare } from './publish';
import { TopicStore, openSnsSchema } from './store';

export type { SnsPorts } from './ports';

export interface SnsDeps {
  sql: Sql;
  clock: Clock;
  account: Account;
  log: (message: string) => void;
  ports: SnsPorts;
  /** This server's AWS endpoint (for SubscribeURL and UnsubscribeURL), once the listener is up. */
  endpoint: () => string | undefined;
}

export interface SnsService {
  query: QueryServiceDef;
  /** Runs an operation by its API name with the query-shaped input (deployments: topics and subscriptions). */
  invoke(operation: string, input: Record<string, unknown>): Promise<unknown>;
  /** Publishes to a topic in-process (Lambda destinations); resolves once the message is stored. */
  publish(topicArn: string, message: string, attributes?: Record<string, { dataType: string; stringValue: string }>): Promise<string>;
  /** Creates the tables. */
  open(): Promise<void>;
  /** Starts delivering, resuming what a previous run left pending (call once the listener is up). */
  start(): Promise<void>;
  stop(): void;
}

export function createSnsService(deps: SnsDeps): SnsService {
  const { sql, clock, account, log } = deps;
  const topics = new TopicStore(sql);
  const outbox = new OutboxStore(sql);
  const urls = () => ({ endpoint: deps.endpoint() ?? 'http://127.0.0.1:4566', region: account.region });
  const dispatcher = new Dispatcher({ outbox, topics, ports: deps.ports, clock, urls, log });
  const publisher = new Publisher(sql, outbox, topics, dispatcher, clock);
  const ctx: SnsContext = { topics, publisher, account, clock };
  const operations = snsOperations(ctx);
  return {
    query: { model: loadQueryModel('sns-2010-03-31'), operations, missing: 'ValidationError', log,
      internalError: (m) => new InternalErrorException(m) },
    async invoke(operation, input) {
      if (!Object.prototype.hasOwnProperty.call(operations, operation)) throw new InternalErrorException(`Unknown operation ${operation}`);
      return operations[operation](input, undefined as never); // SNS's operations read only their input
    },
    async publish(topicArn, message, attributes = {}) {
      const topic = await topicOf(ctx, topicArn);
      const MessageAttributes = Object.fromEntries(Object.entries(attributes).map(([k, a]) => [k, { DataType: a.dataType, StringValue: a.stringValue }]));
      const [r] = await publisher.publish(topic, [prepare(topic, { Message: message, MessageAttributes,
        MessageGroupId: topic.fifo ? 'default' : undefined, MessageDeduplicationId: topic.fifo ? `${clock.now()}-${Math.random()}` : undefined }, clock.now())]);
      return r.MessageId;
    },
    open: () => openSnsSchema(sql),
    start: () => dispatcher.start(sql.dialect === 'sqlite'),
    stop: () => dispatcher.stop(),
  };
}
