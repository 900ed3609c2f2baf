// Composition root: reads the options, picks the adapters, starts the listeners and
// stops everything in order. Only this file constructs adapters.
import { mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { availableParallelism, totalmem } from 'node:os';
import { createAdminApi } from './admin/admin-api';
import { lockDataDir } from './data-dir';
import { Deployer } from './deploy/deployer';
import { invokeConfigDeployPort } from './async-invoke/deploy-port';
import { DeploymentStore } from './deploy/store';
import { HttpGateway } from './gateway/http-gateway';
import { listen, startAwsListener } from './gateway/aws-listener';
import { LambdaInvoker } from './invoke/invoker';
import { openAsyncInvocations } from './async-invoke';
import { EventSourceMappings } from './event-sources/event-source-mappings';
import { mappingDeployPort } from './event-sources/deploy-port';
import { functionArn } from './kernel/arn';
import type { InvocationRecord } from './invoke/records';
import { StartMetrics, startLogLine } from './invoke/start-metrics';
import { Channel } from './kernel/channel';
import { realClock, type Clock } from './kernel/clock';
import type { LogEvent } from './pool/output-capture';
import { DEFAULT_BUDGET_SHARE } from './pool/memory-budget';
import { Pool } from './pool/pool';
import { LauncherExecutor } from './pool/launcher-executor';
import { Registry } from './registry/registry';
import { NODE_SDK_PATH, runtimeBaseEnvironment } from './pool/lambda-env';
import { StemCells } from './pool/stem-cells';
import { createApplicationAutoScalingService } from './services/application-autoscaling';
import { createSqsService } from './services/sqs';
import { createDynamoDbService, toWire } from './services/dynamodb';
import { openDynamoDbStreams, tableCatalog } from './services/dynamodb-streams';
import { sqsQueryService } from './services/sqs/query';
import { createLambdaService } from './services/lambda';
import { createSesService } from './services/ses';
import { createMailPort } from './services/ses/mail-port';
import { createSnsService } from './services/sns';
import { createQueryEndpoint } from './protocols/aws-query';
import { DEFAULT_ACCOUNT_LIMIT } from './concurrency/limits';
import { ProvisionedConcurrency } from './concurrency/provisioned';
import { ReservedConcurrency } from './concurrency/reserved';
import { ConcurrencyStore } from './concurrency/store';
import { LogWriter } from './services/logs/log-writer';
import { LogStore } from './services/logs/store';
import { FsBlobStore } from './store/fs/fs-blob-store';
import { openPostgres } from './store/postgres/postgres-sql';
import type { Sql } from './store/sql';
import { openSqlite } from './store/sqlite/sqlite-sql';

export interface NimbusOptions {
  /** AWS endpoint port (default 4566; 0 = ephemeral). */
  port?: number;
  /** HTTP API gateway port (default 3000; 0 = ephemeral). */
  httpPort?: number;
  host?: string;
  dataDir?: string;
  accountId?: string;
  region?: string;
  /** Idle environments stop after this long (default 5 minutes). */
  idleTimeoutMs?: number;
  /** Pre-start runtimes for cold starts (default true). */
  stemCells?: boolean;
  /** The account's concurrent executions limit (Lambda's default 1000). */
  concurrencyLimit?: number;
  /** Short invocations running at once across all functions (pool/cpu-slots.ts); 0 = no limit. Default 2 per core. */
  cpuSlots?: number;
  /** Private memory of all environments together, MiB (pool/memory-budget.ts); 0 = no budget.
   * Default: half the machine's memory. */
  memoryBudgetMb?: number;
  /** PostgreSQL URL: metadata in PostgreSQL instead of the embedded SQLite. */
  databaseUrl?: string;
  clock?: Clock;
  log?: (message: string) => void;
}

export interface NimbusServer {
  awsUrl: string;
  httpUrl: string;
  dataDir: string;
  registry: Registry;
  pool: Pool;
  records: Channel<InvocationRecord>;
  deployer: Deployer;
  stop(): Promise<void>;
}

export async function startNimbus(o: NimbusOptions = {}): Promise<NimbusServer> {
  const log = o.log ?? ((m: string) => process.stderr.write(`nimbus: ${m}\n`));
  const clock = o.clock ?? realClock;
  const host = o.host ?? '127.0.0.1';
  const account = { accountId: o.accountId ?? '000000000000', region: o.region ?? 'us-east-1' };
  const dir = lockDataDir(o.dataDir ?? '.nimbus');
  const cleanups: (() => Promise<void> | void)[] = [() => dir.release()];
  // Each step of a stop that takes a while is named in the log (a stop that hangs says where).
  const stop = async () => {
    for (const c of cleanups.reverse()) {
      const t0 = Date.now();
      const slow = setTimeout(() => log(`stopping: still waiting for ${c.toString().slice(0, 80)}`), 5000);
      try { await c(); } finally { clearTimeout(slow); }
      if (Date.now() - t0 > 1000) log(`stopping: ${c.toString().slice(0, 80)} took ${Date.now() - t0} ms`);
    }
  };
  try {
    const sql: Sql = o.databaseUrl ? await openPostgres(o.databaseUrl) : openSqlite(dir.file('nimbus.db'));
    cleanups.push(() => sql.close());
    const blobs = await FsBlobStore.open(dir.file('blobs'));
    const registry = await Registry.open({ sql, blobs, codeRoot: dir.file('code'), runtimeModules: NODE_SDK_PATH, account, clock });
    const logStore = await LogStore.open(sql);
    const logs = new Channel<LogEvent>();
    const writer = new LogWriter(logStore, 50, 1000, (err) => log(`could not store log events: ${err}`));
    logs.subscribe(writer.push);
    cleanups.push(() => writer.flush());
    const envRoot = dir.file('envs');
    rmSync(envRoot, { recursive: true, force: true }); // scratch of a previous run's environments
    const executor = new LauncherExecutor();
    cleanups.push(() => executor.shutdown());
    mkdirSync(envRoot, { recursive: true });
    const stemCells = o.stemCells === false ? undefined : new StemCells(executor, clock, runtimeBaseEnvironment(), envRoot);
    let functionEndpoint: string | undefined; // known once the AWS listener is up
    const pool = new Pool({ executor, clock, region: account.region, envRoot, logs, stemCells, awsEndpoint: () => functionEndpoint,
      watchdogMs: 50, idleTimeoutMs: o.idleTimeoutMs ?? 5 * 60_000, cpuSlots: o.cpuSlots ?? 2 * availableParallelism(),
      maxStarting: 4 * availableParallelism(),
      memoryBudgetMb: o.memoryBudgetMb ?? Math.floor((totalmem() * DEFAULT_BUDGET_SHARE) / (1024 * 1024)) });
    cleanups.push(() => pool.shutdown());
    for (let page = registry.listFunctions(); ; page = registry.listFunctions({ marker: page.nextMarker })) {
      for (const v of page.items) pool.prime(v);
      if (!page.nextMarker) break;
    }
    const records = new Channel<InvocationRecord>();
    const startMetrics = new StartMetrics();
    records.subscribe((r) => {
      startMetrics.record(r);
      const line = startLogLine(r);
      if (line) log(line);
    });
    const concurrencyStore = await ConcurrencyStore.open(sql);
    const concurrency = await ReservedConcurrency.open(concurrencyStore, o.concurrencyLimit ?? DEFAULT_ACCOUNT_LIMIT);
    registry.changes.subscribe((c) => {
      if (c.kind === 'deleted') void concurrency.delete(c.functionName).catch((e) => log(`could not drop concurrency of ${c.functionName}: ${e}`));
    });
    const invoker = new LambdaInvoker({ resolver: registry, pool, clock, records, log, concurrency,
      arnOf: (name) => functionArn(account, name) });
    const asyncInvocations = await openAsyncInvocations({ sql, clock, log, runner: invoker });
    invoker.useEventQueue(asyncInvocations.queue);
    asyncInvocations.destinations.register({ lambda: async (arn, payload) => {
      await invoker.invoke({ functionName: arn, invocationType: 'Event', logType: 'None', payload: Buffer.from(payload) });
    } });
    registry.changes.subscribe((c) => {
      if (c.kind === 'deleted') void asyncInvocations.configs.deleteFunction(c.functionName).catch((e) => log(String(e)));
    });
    cleanups.push(() => asyncInvocations.queue.stop());
    const provisioned = new ProvisionedConcurrency(concurrencyStore, registry, pool, concurrency, clock);
    await provisioned.start();
    const autoscaling = createApplicationAutoScalingService({ sql, clock, account, log, port: provisioned });
    await autoscaling.start();
    cleanups.push(() => autoscaling.stop());
    const sqs = createSqsService({ sql, clock, account, log });
    await sqs.start();
    asyncInvocations.destinations.register({ sqs: async (arn, body, attributes) => {
      await sqs.port.sendMessage(arn, { body, messageAttributes: attributes && Object.fromEntries(Object.entries(attributes)
        .map(([k, v]) => [k, { DataType: v.dataType, StringValue: v.stringValue }])) });
    } });
    cleanups.push(() => sqs.stop());
    const dynamodb = createDynamoDbService({ sql, clock, account, log });
    await dynamodb.start();
    cleanups.push(() => dynamodb.stop());
    const streams = await openDynamoDbStreams({ sql, clock, account, log, catalog: tableCatalog(dynamodb.invoke, () => clock.now()) });
    dynamodb.onItemChange(streams.recordChange);
    cleanups.push(() => streams.stop());
    const eventSourceMappings = await EventSourceMappings.open({ sql, sqs: sqs.port, registry, invoker, clock, account, log,
      streams: streams.port, destinations: asyncInvocations.destinations,
      reservedConcurrency: (name) => concurrency.get(name) });
    cleanups.push(() => eventSourceMappings.stop());
    const gateway = new HttpGateway({ invoker, accountId: account.accountId, log });
    const http = await listen(createServer({ keepAlive: true }, gateway.handle), o.httpPort ?? 3000, host);
    cleanups.push(() => http.close());
    const httpUrl = `http://${host}:${http.port}`;
    const ses = await createSesService({ sql, clock, log });
    const sns = createSnsService({ sql, clock, account, log, endpoint: () => functionEndpoint, ports: { sqs: sqs.port,
      invokeAsync: async (arn, payload) => {
        await invoker.invoke({ functionName: arn, invocationType: 'Event', logType: 'None', payload: Buffer.from(payload) });
      }, sendEmail: (await createMailPort({ sql, clock })).sendEmail } });
    await sns.open();
    asyncInvocations.destinations.register({ sns: async (arn, message, attributes) => { await sns.publish(arn, message, attributes); } });
    cleanups.push(() => sns.stop());
    const deployer = new Deployer({ registry, store: await DeploymentStore.open(sql), gateway, clock, httpUrl,
      inlineRoot: dir.file('inline'), buildRoot: dir.file('build'), account, concurrency, provisioned,
      scaling: autoscaling.control, eventSourceMappings: mappingDeployPort(eventSourceMappings),
      sqs: (op, input) => sqs.invoke(op, input, { endpoint: functionEndpoint ?? 'http://127.0.0.1:4566' }),
      sns: (op, input) => sns.invoke(op, input), dynamodb: async (op, input) => JSON.parse(toWire(await dynamodb.invoke(op, input))),
      invokeConfigs: invokeConfigDeployPort(asyncInvocations.configs, clock),
      awsEndpoint: () => functionEndpoint });
    await deployer.restore();
    const admin = createAdminApi({ logs: logStore, environments: () => pool.environments(), flushLogs: () => writer.flush(),
      metrics: () => startMetrics.snapshot(), mail: ses.reader,
      deploy: (d, opts) => deployer.deploy(d, opts) });
    await asyncInvocations.queue.start(); // every destination is registered by now
    const aws = await startAwsListener({ port: o.port ?? 4566, host, log, admin,
      services: [createLambdaService({ registry, invoker, account, concurrency, provisioned,
        eventInvokeConfigs: asyncInvocations.configs, eventSourceMappings }), autoscaling.service, sqs.service, dynamodb.service, streams.service, ses.v2, createQueryEndpoint([ses.query, sqsQueryService(sqs.invoke), sns.query])] });
    cleanups.push(() => aws.close());
    const awsUrl = `http://${host}:${aws.port}`;
    functionEndpoint = `http://${endpointHost(host)}:${aws.port}`;
    await sns.start(); // deliveries resume once SubscribeURL and UnsubscribeURL can name the endpoint
    await eventSourceMappings.start(); // pollers resume once functions can reach the AWS endpoint
    dir.writeServerInfo({ pid: process.pid, aws: awsUrl, http: httpUrl, dataDir: dir.root, startedAt: new Date().toISOString() });
    return { awsUrl, httpUrl, dataDir: dir.root, registry, pool, records, deployer, stop };
  } catch (err) {
    await stop().catch(() => {});
    throw err;
  }
}

/** The address functions reach the server at: loopback when it listens on every interface. */
function endpointHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === 'localhost') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

export const EXAMPLE_DIR = join(__dirname, '..', 'examples', 'hello');
