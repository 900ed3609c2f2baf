// Custom runtimes (provided, provided.al2, provided.al2023) through the official Lambda
// client: bootstraps in shell + curl, C and Rust drive the HTTP Runtime API; what Lambda
// answers when the bootstrap is missing, not executable, never ready, or misbehaves.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CreateFunctionCommand, InvokeCommand, PublishLayerVersionCommand, waitUntilFunctionActiveV2, type Runtime } from '@aws-sdk/client-lambda';
import { decode, json, startTestNimbus, tail, type TestNimbus } from './harness';
import { SHELL_BOOTSTRAP, compile, unixZip } from './custom-runtime-bootstraps';
import { C_BOOTSTRAP, RUST_BOOTSTRAP } from './custom-runtime-native';

const RUSTC = '/root/.cargo/bin/rustc';

describe('custom runtimes', () => {
  let t: TestNimbus;
  const invoke = (name: string, payload: unknown = {}) =>
    t.lambda.send(new InvokeCommand({ FunctionName: name, Payload: JSON.stringify(payload), LogType: 'Tail' }));
  const create = async (name: string, zip: Uint8Array,
    o: { runtime?: string; timeout?: number; env?: Record<string, string>; layers?: string[] } = {}) => {
    await t.lambda.send(new CreateFunctionCommand({
      FunctionName: name, Runtime: (o.runtime ?? 'provided.al2023') as Runtime, Handler: 'function.handler',
      Role: 'arn:aws:iam::000000000000:role/lambda-role', Code: { ZipFile: zip }, Timeout: o.timeout,
      Environment: o.env ? { Variables: o.env } : undefined, Layers: o.layers,
    }));
    await waitUntilFunctionActiveV2({ client: t.lambda, maxWaitTime: 30, minDelay: 1, maxDelay: 1 }, { FunctionName: name });
  };
  const requestIdOf = (logResult?: string) => /START RequestId: (\S+)/.exec(tail(logResult))![1];

  before(async () => {
    t = await startTestNimbus({ idleTimeoutMs: 60_000 });
    await create('shell', unixZip({ bootstrap: [SHELL_BOOTSTRAP, 0o755] }), { runtime: 'provided.al2', timeout: 1 });
  });
  after(() => t.close());

  it('runs a shell bootstrap: the event in, the response out, warm the second time', async () => {
    const r = await invoke('shell', { hello: 'world' });
    assert.equal(r.FunctionError, undefined);
    const body = json(r.Payload);
    assert.deepEqual(body.event, { hello: 'world' });
    assert.equal(body.requestId, requestIdOf(r.LogResult));
    assert.equal(body.handler, 'function.handler');
    assert.equal(body.cwd, body.taskRoot);
    assert.match(body.arn, /^arn:aws:lambda:us-east-1:\d{12}:function:shell$/);
    assert.ok(Math.abs(body.deadline - (Date.now() + 1000)) < 1000, `deadline ${body.deadline}`);
    assert.match(tail(r.LogResult), new RegExp(`\nhandling ${body.requestId}\n`));
    const again = json((await invoke('shell', {})).Payload);
    assert.equal(again.pid, body.pid);
  });

  it('answers a posted /error as FunctionError Unhandled with the runtime\'s body', async () => {
    const r = await invoke('shell', { action: 'fail' });
    assert.equal(r.StatusCode, 200);
    assert.equal(r.FunctionError, 'Unhandled');
    assert.deepEqual(json(r.Payload),
      { errorMessage: 'could not reticulate splines', errorType: 'Handler.Failed', stackTrace: ['bootstrap:1'] });
  });

  it('answers a posted /init/error with that error, and tries Init again on the next invoke', async () => {
    await create('shell-init-error', unixZip({ bootstrap: [SHELL_BOOTSTRAP, 0o755] }), { runtime: 'provided', env: { FAIL_INIT: '1' } });
    for (let i = 0; i < 2; i++) {
      const r = await invoke('shell-init-error');
      assert.equal(r.FunctionError, 'Unhandled');
      assert.deepEqual(json(r.Payload), { errorMessage: 'TABLE_NAME is not set', errorType: 'Runtime.ConfigError', stackTrace: [] });
    }
  });

  it('times out a bootstrap that does not answer, and starts a new one next time', async () => {
    const before = json((await invoke('shell')).Payload).pid;
    const r = await invoke('shell', { action: 'sleep' });
    assert.equal(r.FunctionError, 'Unhandled');
    assert.deepEqual(json(r.Payload),
      { errorType: 'Sandbox.Timedout', errorMessage: `RequestId: ${requestIdOf(r.LogResult)} Error: Task timed out after 1.00 seconds` });
    const next = json((await invoke('shell')).Payload);
    assert.notEqual(next.pid, before);
  });

  it('refuses protocol mistakes with the Runtime API\'s errors, passes any bytes through, and keeps going', async () => {
    const r = await invoke('shell', { action: 'misbehave' });
    assert.equal(r.FunctionError, undefined);
    assert.equal(decode(r.Payload), 'not json {');
    // unknown paths 404, an unknown action 404, a wrong request id 400, /next while working 403,
    // a wrong method 405, /init/error after Init 403, the response 202, a second response 403.
    assert.equal(json((await invoke('shell', { action: 'report' })).Payload), '404 404 400 403 405 403 202 403 ');
    assert.equal(json((await invoke('shell', { n: 1 })).Payload).event.n, 1);
  });

  it('fails a response over 6 MB with Function.ResponseSizeTooLarge (413 to the runtime)', async () => {
    const r = await invoke('shell', { action: 'big' });
    assert.equal(r.StatusCode, 200);
    assert.equal(r.FunctionError, 'Unhandled');
    assert.deepEqual(json(r.Payload), {
      errorMessage: 'Response payload size exceeded maximum allowed payload size (6291556 bytes).',
      errorType: 'Function.ResponseSizeTooLarge',
    });
    assert.equal(json((await invoke('shell', { action: 'report' })).Payload), '413 ');
  });

  it('runs a bootstrap compiled from C', async () => {
    const bin = compile('gcc', (src, out) => ['-O0', '-o', out, src], 'c', C_BOOTSTRAP);
    await create('c', unixZip({ bootstrap: [bin, 0o755] }));
    const ok = await invoke('c', { x: [1, 2] });
    assert.equal(ok.FunctionError, undefined);
    assert.deepEqual(json(ok.Payload), { lang: 'c', requestId: requestIdOf(ok.LogResult), event: { x: [1, 2] } });
    const failed = await invoke('c', { action: 'fail' });
    assert.equal(failed.FunctionError, 'Unhandled');
    assert.deepEqual(json(failed.Payload),
      { errorMessage: 'division by zero', errorType: 'ArithmeticError', stackTrace: ['main.c:1'] });
  });

  it('runs a bootstrap compiled from Rust', async () => {
    const bin = compile(RUSTC, (src, out) => ['-C', 'opt-level=0', '-C', 'debuginfo=0', '-o', out, src], 'rs', RUST_BOOTSTRAP);
    await create('rust', unixZip({ bootstrap: [bin, 0o755] }), { runtime: 'provided.al2' });
    const ok = await invoke('rust', 'plain string');
    assert.deepEqual(json(ok.Payload), { lang: 'rust', requestId: requestIdOf(ok.LogResult), event: 'plain string' });
    const failed = await invoke('rust', { action: 'fail' });
    assert.equal(failed.FunctionError, 'Unhandled');
    assert.deepEqual(json(failed.Payload), { errorMessage: 'called unwrap() on a None value', errorType: 'Rust.Panic' });
  });

  it('answers Runtime.InvalidEntrypoint when there is no bootstrap', async () => {
    await create('no-bootstrap', unixZip({ 'main.sh': ['#!/bin/sh\n', 0o755], 'app/bootstrap': ['#!/bin/sh\n', 0o755] }));
    const r = await invoke('no-bootstrap');
    assert.equal(r.FunctionError, 'Unhandled');
    const body = json(r.Payload);
    assert.equal(body.errorType, 'Runtime.InvalidEntrypoint');
    assert.match(body.errorMessage, /(^|Error: )Couldn't find valid bootstrap\(s\): \[\/\S+\/bootstrap\]$/);
  });

  it('answers Runtime.InvalidEntrypoint when the bootstrap is not executable or its interpreter is missing', async () => {
    await create('not-executable', unixZip({ bootstrap: [SHELL_BOOTSTRAP, 0o644] }));
    const r = await invoke('not-executable');
    assert.equal(r.FunctionError, 'Unhandled');
    assert.equal(json(r.Payload).errorType, 'Runtime.InvalidEntrypoint');
    assert.match(json(r.Payload).errorMessage, /(^|Error: )fork\/exec \/\S+\/bootstrap: permission denied$/);
    // Saved with Windows line ends: the kernel looks for "/bin/sh\r".
    await create('crlf', unixZip({ bootstrap: [SHELL_BOOTSTRAP.replace(/\n/g, '\r\n'), 0o755] }));
    const crlf = json((await invoke('crlf')).Payload);
    assert.equal(crlf.errorType, 'Runtime.InvalidEntrypoint');
    assert.match(crlf.errorMessage, /(^|Error: )fork\/exec \/\S+\/bootstrap: no such file or directory$/);
  });

  it('fails Init after 10 s when the bootstrap never asks for an event', async () => {
    await create('never-ready', unixZip({ bootstrap: ['#!/bin/sh\necho starting\nexec sleep 60\n', 0o755] }), { timeout: 3 });
    const started = Date.now();
    const r = await invoke('never-ready');
    assert.ok(Date.now() - started >= 9_500, `answered after ${Date.now() - started} ms`);
    assert.equal(r.FunctionError, 'Unhandled');
    assert.equal(json(r.Payload).errorType, 'Sandbox.Timedout');
    // The server is fine afterwards.
    assert.equal(json((await invoke('shell', { n: 2 })).Payload).event.n, 2);
  });

  it('finds the bootstrap in a layer when the function has none', async () => {
    const layer = await t.lambda.send(new PublishLayerVersionCommand({ LayerName: 'shell-runtime',
      Content: { ZipFile: unixZip({ bootstrap: [SHELL_BOOTSTRAP, 0o755] }) } }));
    await create('from-layer', unixZip({ 'function.sh': ['echo unused', 0o644] }), { layers: [layer.LayerVersionArn!] });
    const r = await invoke('from-layer', { via: 'layer' });
    assert.equal(r.FunctionError, undefined, decode(r.Payload));
    assert.deepEqual(json(r.Payload).event, { via: 'layer' });
  });
});
