// The Lambda API driven by the official @aws-sdk/client-lambda against the service on a
// plain node:http server, with a test Invoker standing in for the pool: operations,
// waiters, pagination, the Invoke header mapping, and every bad input's SDK error.
import { EventInvokeConfigs } from '../../async-invoke';
import { ProvisionedConcurrency } from '../../concurrency/provisioned';
import { ReservedConcurrency } from '../../concurrency/reserved';
import { ConcurrencyStore } from '../../concurrency/store';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateAliasCommand, CreateFunctionCommand, DeleteAliasCommand, DeleteFunctionCommand, GetAccountSettingsCommand, GetAliasCommand,
  GetFunctionCommand, GetFunctionConfigurationCommand, InvokeCommand, LambdaClient, ListAliasesCommand, ListFunctionsCommand,
  ListVersionsByFunctionCommand, PublishVersionCommand, UpdateAliasCommand, UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand, paginateListFunctions, waitUntilFunctionActiveV2, waitUntilFunctionUpdatedV2,
} from '@aws-sdk/client-lambda';
import { strToU8, zipSync } from 'fflate';
import { realClock } from '../../kernel/clock';
import type { InvokeInput, InvokeOutput, Invoker } from '../../invoke/types';
import { ServiceException, TooManyRequestsException } from '../../registry/errors';
import { Registry } from '../../registry/registry';
import { FsBlobStore } from '../../store/fs/fs-blob-store';
import { openTestSqlite, type TestSql } from '../../store/testing';
import { createLambdaService } from './index';

const ROLE = 'arn:aws:iam::000000000000:role/lambda-role';
const ARN = 'arn:aws:lambda:us-east-1:000000000000:function';
const zip = (src: string) => zipSync({ 'index.js': strToU8(src) });
const text = (b?: Uint8Array) => Buffer.from(b ?? []).toString('utf8');
const sdkError = (name: string, status: number, message?: string | RegExp) => (e: any) => {
  assert.equal(e.name, name, e.message);
  assert.equal(e.$metadata?.httpStatusCode, status);
  if (typeof message === 'string') assert.equal(e.message, message);
  else if (message) assert.match(e.message, message);
  return true;
};

/** Echoes the event; `{"fail":true}` is a function error; named functions throw AWS or plain errors. */
class TestInvoker implements Invoker {
  calls: InvokeInput[] = [];
  constructor(private registry: Registry) {}
  async invoke(input: InvokeInput): Promise<InvokeOutput> {
    this.calls.push(input);
    if (input.functionName === 'throttled') throw new TooManyRequestsException('Rate Exceeded.', 'ReservedFunctionConcurrentInvocationLimitExceeded', 1);
    if (input.functionName === 'broken') throw new Error('a bug in the pool');
    if (input.functionName === 'failing') throw new ServiceException('pool is down');
    const r = await this.registry.resolve(input.functionName, input.qualifier);
    const executedVersion = r.executedVersion;
    if (input.invocationType === 'DryRun') return { statusCode: 204, payload: Buffer.alloc(0), executedVersion };
    if (input.invocationType === 'Event') return { statusCode: 202, payload: Buffer.alloc(0), executedVersion };
    const event = JSON.parse(input.payload.toString('utf8'));
    const logResult = input.logType === 'Tail' ? Buffer.from('START RequestId: x\nEND\n').toString('base64') : undefined;
    if (event.fail) {
      return { statusCode: 200, payload: Buffer.from('{"errorType":"Error","errorMessage":"boom"}'), functionError: 'Unhandled', logResult, executedVersion };
    }
    return { statusCode: 200, payload: Buffer.from(JSON.stringify({ event, executedVersion })), logResult, executedVersion };
  }
}

describe('Lambda API with the official client', () => {
  let db: TestSql;
  let dir: string;
  let server: Server;
  let endpoint: string;
  let lambda: LambdaClient;
  let invoker: TestInvoker;

  before(async () => {
    db = await openTestSqlite();
    dir = mkdtempSync(join(tmpdir(), 'nimbus-lambda-api-'));
    const account = { accountId: '000000000000', region: 'us-east-1' };
    const registry = await Registry.open({ sql: db.sql, blobs: await FsBlobStore.open(join(dir, 'blobs')), codeRoot: join(dir, 'code'),
      account, clock: realClock });
    invoker = new TestInvoker(registry);
    const store = await ConcurrencyStore.open(db.sql);
    const concurrency = await ReservedConcurrency.open(store, 1000);
    // These tests run no functions: provisioned concurrency is covered end to end in e2e/provisioned.
    const provisioned = new ProvisionedConcurrency(store, registry,
      { provision: () => {}, provisionStatus: () => undefined }, concurrency, realClock);
    const service = createLambdaService({ registry, invoker, account, concurrency, provisioned,
      eventInvokeConfigs: await EventInvokeConfigs.open(db.sql) });
    server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (service.matches(req, url)) void service.handle(req, res, url);
      else { res.writeHead(404); res.end(); }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    lambda = new LambdaClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 1 });
  });
  after(async () => {
    lambda.destroy();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    await db.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  const create = (name: string, extra: Record<string, unknown> = {}) => lambda.send(new CreateFunctionCommand({
    FunctionName: name, Runtime: 'nodejs20.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: zip(`// ${name}`) }, ...extra,
  }));

  it('creates a function: 201 Pending, then Active for the waiter and GetFunction', async () => {
    const code = zip('exports.handler = async (e) => e;');
    const out = await lambda.send(new CreateFunctionCommand({ FunctionName: 'echo', Runtime: 'nodejs20.x', Role: ROLE,
      Handler: 'index.handler', Code: { ZipFile: code }, Environment: { Variables: { A1: 'x' } }, Description: 'echoes' }));
    assert.equal(out.$metadata.httpStatusCode, 201);
    assert.deepEqual([out.State, out.StateReasonCode, out.StateReason, out.LastUpdateStatus],
      ['Pending', 'Creating', 'The function is being created.', undefined]);
    assert.equal(out.FunctionArn, `${ARN}:echo`);
    assert.equal(out.CodeSize, code.length);
    assert.equal(out.CodeSha256, createHash('sha256').update(code).digest('base64'));
    assert.deepEqual([out.Version, out.MemorySize, out.Timeout, out.PackageType, out.Description], ['$LATEST', 128, 3, 'Zip', 'echoes']);
    assert.deepEqual(out.Architectures, ['x86_64']);
    assert.deepEqual(out.Environment?.Variables, { A1: 'x' });
    assert.deepEqual(out.LoggingConfig, { LogFormat: 'Text', LogGroup: '/aws/lambda/echo' });
    assert.deepEqual([out.EphemeralStorage?.Size, out.TracingConfig?.Mode], [512, 'PassThrough']);
    assert.match(out.LastModified ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
    await waitUntilFunctionActiveV2({ client: lambda, maxWaitTime: 5, minDelay: 1, maxDelay: 1 }, { FunctionName: 'echo' });
    const got = await lambda.send(new GetFunctionCommand({ FunctionName: 'echo' }));
    assert.deepEqual([got.Configuration?.State, got.Configuration?.LastUpdateStatus], ['Active', 'Successful']);
    assert.equal(got.Code?.RepositoryType, 'S3');
    const download = await fetch(got.Code!.Location!);
    assert.deepEqual(new Uint8Array(await download.arrayBuffer()), code);
    const qualified = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'echo', Qualifier: '$LATEST' }));
    assert.equal(qualified.FunctionArn, `${ARN}:echo:$LATEST`);
  });

  it('lists functions page by page', async () => {
    for (const n of ['list-a', 'list-b', 'list-c']) await create(n);
    const first = await lambda.send(new ListFunctionsCommand({ MaxItems: 2 }));
    assert.deepEqual(first.Functions?.map((f) => f.FunctionName), ['echo', 'list-a']);
    assert.ok(first.NextMarker);
    assert.equal(first.Functions?.[0].State, undefined, 'lists leave the state members out');
    const names: string[] = [];
    for await (const page of paginateListFunctions({ client: lambda, pageSize: 3 }, {})) {
      names.push(...(page.Functions ?? []).map((f) => f.FunctionName!));
    }
    assert.deepEqual(names, ['echo', 'list-a', 'list-b', 'list-c']);
  });

  it('updates configuration and code: InProgress, then Successful for the waiter', async () => {
    const conf = await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'echo', MemorySize: 256, Timeout: 30 }));
    assert.deepEqual([conf.LastUpdateStatus, conf.LastUpdateStatusReasonCode, conf.State], ['InProgress', 'Creating', 'Active']);
    await waitUntilFunctionUpdatedV2({ client: lambda, maxWaitTime: 5, minDelay: 1, maxDelay: 1 }, { FunctionName: 'echo' });
    const got = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'echo' }));
    assert.deepEqual([got.MemorySize, got.Timeout, got.LastUpdateStatus], [256, 30, 'Successful']);
    const code = await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'echo', ZipFile: zip('exports.handler = async () => 2;') }));
    assert.equal(code.LastUpdateStatus, 'InProgress');
    assert.notEqual(code.CodeSha256, got.CodeSha256);
    await assert.rejects(lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'echo', Timeout: 5, RevisionId: got.RevisionId })),
      sdkError('PreconditionFailedException', 412,
        'The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id'));
  });

  it('publishes versions and lists them with qualified ARNs', async () => {
    const v1 = await lambda.send(new PublishVersionCommand({ FunctionName: 'echo', Description: 'one' }));
    assert.deepEqual([v1.$metadata.httpStatusCode, v1.Version, v1.FunctionArn, v1.Description], [201, '1', `${ARN}:echo:1`, 'one']);
    const same = await lambda.send(new PublishVersionCommand({ FunctionName: 'echo' }));
    assert.equal(same.Version, '1');
    const v2 = await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'echo', ZipFile: zip('exports.handler = 3;'), Publish: true }));
    assert.deepEqual([v2.Version, v2.FunctionArn], ['2', `${ARN}:echo:2`]);
    const versions = await lambda.send(new ListVersionsByFunctionCommand({ FunctionName: 'echo' }));
    assert.deepEqual(versions.Versions?.map((v) => [v.Version, v.FunctionArn]),
      [['$LATEST', `${ARN}:echo:$LATEST`], ['1', `${ARN}:echo:1`], ['2', `${ARN}:echo:2`]]);
    await assert.rejects(lambda.send(new PublishVersionCommand({ FunctionName: 'echo', RevisionId: 'stale' })), sdkError('PreconditionFailedException', 412));
  });

  it('manages aliases', async () => {
    const live = await lambda.send(new CreateAliasCommand({ FunctionName: 'echo', Name: 'live', FunctionVersion: '1',
      RoutingConfig: { AdditionalVersionWeights: { 2: 0.25 } } }));
    assert.deepEqual([live.$metadata.httpStatusCode, live.AliasArn, live.FunctionVersion], [201, `${ARN}:echo:live`, '1']);
    assert.deepEqual(live.RoutingConfig?.AdditionalVersionWeights, { 2: 0.25 });
    const got = await lambda.send(new GetAliasCommand({ FunctionName: 'echo', Name: 'live' }));
    assert.equal(got.RevisionId, live.RevisionId);
    const updated = await lambda.send(new UpdateAliasCommand({ FunctionName: 'echo', Name: 'live', FunctionVersion: '2',
      RoutingConfig: { AdditionalVersionWeights: {} }, Description: 'now 2' }));
    assert.deepEqual([updated.FunctionVersion, updated.Description, updated.RoutingConfig], ['2', 'now 2', undefined]);
    await lambda.send(new CreateAliasCommand({ FunctionName: 'echo', Name: 'old', FunctionVersion: '1' }));
    const list = await lambda.send(new ListAliasesCommand({ FunctionName: 'echo', FunctionVersion: '1' }));
    assert.deepEqual(list.Aliases?.map((a) => a.Name), ['old']);
    await assert.rejects(lambda.send(new GetAliasCommand({ FunctionName: 'echo', Name: 'nope' })),
      sdkError('ResourceNotFoundException', 404, `Cannot find alias arn: ${ARN}:echo:nope`));
    await assert.rejects(lambda.send(new CreateAliasCommand({ FunctionName: 'echo', Name: 'old', FunctionVersion: '1' })),
      sdkError('ResourceConflictException', 409, `Alias already exists: ${ARN}:echo:old`));
    await assert.rejects(lambda.send(new DeleteFunctionCommand({ FunctionName: 'echo', Qualifier: '1' })),
      sdkError('ResourceConflictException', 409, 'Unable to delete version because the following aliases reference it: [old]'));
    const del = await lambda.send(new DeleteAliasCommand({ FunctionName: 'echo', Name: 'old' }));
    assert.equal(del.$metadata.httpStatusCode, 204);
  });

  it('maps Invoke headers both ways', async () => {
    const r = await lambda.send(new InvokeCommand({ FunctionName: 'echo', Payload: JSON.stringify({ a: 1 }), LogType: 'Tail',
      ClientContext: Buffer.from('{"custom":{}}').toString('base64') }));
    assert.deepEqual([r.StatusCode, r.ExecutedVersion, r.FunctionError], [200, '$LATEST', undefined]);
    assert.deepEqual(JSON.parse(text(r.Payload)), { event: { a: 1 }, executedVersion: '$LATEST' });
    assert.equal(Buffer.from(r.LogResult!, 'base64').toString(), 'START RequestId: x\nEND\n');
    const call = invoker.calls.at(-1)!;
    assert.deepEqual([call.invocationType, call.logType, call.clientContext], ['RequestResponse', 'Tail', Buffer.from('{"custom":{}}').toString('base64')]);
    const empty = await lambda.send(new InvokeCommand({ FunctionName: 'echo' }));
    assert.deepEqual(JSON.parse(text(empty.Payload)).event, {});
    assert.equal(empty.LogResult, undefined);
    const failed = await lambda.send(new InvokeCommand({ FunctionName: 'echo', Payload: '{"fail":true}' }));
    assert.deepEqual([failed.StatusCode, failed.FunctionError], [200, 'Unhandled']);
    const pinned = await lambda.send(new InvokeCommand({ FunctionName: 'echo', Qualifier: 'live' }));
    assert.equal(pinned.ExecutedVersion, '2');
    assert.equal(invoker.calls.at(-1)!.qualifier, 'live');
    const event = await lambda.send(new InvokeCommand({ FunctionName: `${ARN}:echo`, InvocationType: 'Event', Payload: '{}' }));
    assert.deepEqual([event.StatusCode, text(event.Payload)], [202, '']);
    const dry = await lambda.send(new InvokeCommand({ FunctionName: 'echo', InvocationType: 'DryRun' }));
    assert.equal(dry.StatusCode, 204);
  });

  it('answers bad invocations with the errors the SDK expects', async () => {
    await assert.rejects(lambda.send(new InvokeCommand({ FunctionName: 'nope' })),
      sdkError('ResourceNotFoundException', 404, `Function not found: ${ARN}:nope`));
    await assert.rejects(lambda.send(new InvokeCommand({ FunctionName: 'echo', Payload: 'not json' })),
      sdkError('InvalidRequestContentException', 400, /^Could not parse request body into json: Could not parse payload into json: Unrecognized token 'not'/));
    await assert.rejects(lambda.send(new InvokeCommand({ FunctionName: 'echo', InvocationType: 'Later' as any })),
      sdkError('ValidationException', 400, "1 validation error detected: Value 'Later' at 'invocationType' failed to satisfy constraint: "
        + 'Member must satisfy enum value set: [Event, RequestResponse, DryRun]'));
    await assert.rejects(lambda.send(new InvokeCommand({ FunctionName: 'echo', Payload: JSON.stringify({ a: 'x'.repeat(6 * 1024 * 1024) }) })),
      sdkError('RequestEntityTooLargeException', 413, 'Request must be smaller than 6291456 bytes for the InvokeFunction operation'));
    const async = JSON.stringify({ a: 'x'.repeat(1024 * 1024) });
    await assert.rejects(lambda.send(new InvokeCommand({ FunctionName: 'echo', InvocationType: 'Event', Payload: async })),
      sdkError('RequestEntityTooLargeException', 413, `${async.length} byte payload is too large for the Event invocation type (limit 1048576 bytes)`));
    await assert.rejects(lambda.send(new InvokeCommand({ FunctionName: 'arn:aws:lambda:eu-west-1:000000000000:function:echo' })),
      sdkError('ResourceNotFoundException', 404, "Functions from 'eu-west-1' are not reachable in this region ('us-east-1')"));
    await assert.rejects(lambda.send(new InvokeCommand({ FunctionName: 'echo:1', Qualifier: '2' })), sdkError('InvalidParameterValueException', 400,
      'The derived qualifier from the function name does not match the specified qualifier.'));
    await assert.rejects(lambda.send(new InvokeCommand({ FunctionName: 'throttled' })), (e: any) => {
      sdkError('TooManyRequestsException', 429, 'Rate Exceeded.')(e);
      assert.deepEqual([e.Reason, e.retryAfterSeconds], ['ReservedFunctionConcurrentInvocationLimitExceeded', '1']);
      return true;
    });
    await assert.rejects(lambda.send(new InvokeCommand({ FunctionName: 'failing' })), sdkError('ServiceException', 500, 'pool is down'));
    await assert.rejects(lambda.send(new InvokeCommand({ FunctionName: 'broken' })), sdkError('ServiceException', 500));
  });

  it('answers bad control-plane input with the errors the SDK expects', async () => {
    const base = { FunctionName: 'bad', Runtime: 'nodejs20.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: zip('x') } };
    const fails = (input: Record<string, unknown>, ...expect: Parameters<typeof sdkError>) =>
      assert.rejects(lambda.send(new CreateFunctionCommand({ ...base, ...input } as any)), sdkError(...expect));
    await fails({ Role: undefined, Code: undefined }, 'ValidationException', 400, '2 validation errors detected: '
      + "Value null at 'role' failed to satisfy constraint: Member must not be null; Value null at 'code' failed to satisfy constraint: Member must not be null");
    await fails({ Runtime: 'java21' }, 'InvalidParameterValueException', 400, /^Nimbus cannot run java21 on this machine\. It runs nodejs18\.x/);
    await fails({ Runtime: 'nodejs12.x' }, 'InvalidParameterValueException', 400, /^The runtime parameter of nodejs12\.x is no longer supported/);
    await fails({ Runtime: 'cobol' }, 'InvalidParameterValueException', 400,
      /^Value cobol at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: \[nodejs18\.x, .*\] or be a valid ARN$/);
    await fails({ Timeout: 901 }, 'ValidationException', 400, /Value '901' at 'timeout'/);
    await fails({ MemorySize: 20000 }, 'InvalidParameterValueException', 400,
      "'MemorySize' value failed to satisfy constraint: Member must have value less than or equal to 10240");
    await fails({ Environment: { Variables: { AWS_REGION: 'x' } } }, 'InvalidParameterValueException', 400, /Reserved keys used in this request: AWS_REGION$/);
    await fails({ Code: { ZipFile: Buffer.from('nope') } }, 'InvalidParameterValueException', 400,
      'Could not unzip uploaded file. Please check your file, then try to upload again.');
    await fails({ FunctionName: 'has space' }, 'ValidationException', 400, /Value 'has space' at 'functionName' failed to satisfy constraint/);
    await fails({ FunctionName: 'echo' }, 'ResourceConflictException', 409, 'Function already exist: echo');
    await fails({ Timeout: 'soon' }, 'SerializationException', 400, 'STRING_VALUE can not be converted to an Integer');
    await assert.rejects(lambda.send(new GetFunctionCommand({ FunctionName: 'nope' })), sdkError('ResourceNotFoundException', 404, `Function not found: ${ARN}:nope`));
    await assert.rejects(lambda.send(new GetFunctionCommand({ FunctionName: 'echo', Qualifier: '9' })),
      sdkError('ResourceNotFoundException', 404, `Function not found: ${ARN}:echo:9`));
    await assert.rejects(lambda.send(new DeleteFunctionCommand({ FunctionName: 'echo', Qualifier: '$LATEST' })),
      sdkError('InvalidParameterValueException', 400, '$LATEST version cannot be deleted without deleting the function.'));
    await assert.rejects(lambda.send(new ListFunctionsCommand({ MaxItems: 0 })), sdkError('ValidationException', 400,
      "1 validation error detected: Value '0' at 'maxItems' failed to satisfy constraint: Member must have value greater than or equal to 1"));
  });

  it('answers malformed bodies, unknown paths and oversized requests on the wire', async () => {
    const res = await fetch(`${endpoint}/2015-03-31/functions`, { method: 'POST', body: '{"FunctionName": ', headers: { 'content-type': 'application/json' } });
    assert.equal(res.status, 400);
    assert.equal(res.headers.get('x-amzn-errortype'), 'InvalidRequestContentException');
    assert.ok(res.headers.get('x-amzn-requestid'));
    const body = await res.json() as any;
    assert.equal(body.Type, 'User');
    assert.match(body.message, /^Could not parse request body into json: Unexpected end-of-input/);
    const missing = await (await fetch(`${endpoint}/2015-03-31/functions/nope`)).json() as any;
    assert.deepEqual(Object.keys(missing).sort(), ['Message', 'Type'], 'ResourceNotFoundException spells it Message');
    const unknown = await fetch(`${endpoint}/2015-03-31/functions/echo/policy`);
    assert.deepEqual([unknown.status, unknown.headers.get('x-amzn-errortype')], [404, 'UnknownOperationException']);
    const big = await fetch(`${endpoint}/2015-03-31/functions/echo/configuration`, { method: 'PUT', body: JSON.stringify({ Description: 'x'.repeat(2 << 20) }) });
    assert.deepEqual([big.status, big.headers.get('x-amzn-errortype')], [413, 'RequestEntityTooLargeException']);
  });

  it('reports account settings and deletes functions', async () => {
    const settings = await lambda.send(new GetAccountSettingsCommand({}));
    assert.equal(settings.AccountLimit?.CodeSizeUnzipped, 262144000);
    assert.equal(settings.AccountUsage?.FunctionCount, 4);
    const del = await lambda.send(new DeleteFunctionCommand({ FunctionName: 'list-a' }));
    assert.equal(del.$metadata.httpStatusCode, 204);
    await assert.rejects(lambda.send(new GetFunctionCommand({ FunctionName: 'list-a' })), sdkError('ResourceNotFoundException', 404));
  });
});
