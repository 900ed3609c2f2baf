// The built-in Node.js runtime run for real: `node dist/runtimes/node/bootstrap.js` in a clean
// Lambda environment against a real RuntimeApiServer, with handler fixtures in temp dirs.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { RuntimeApiServer, type Invocation, type InvocationOutcome } from '../../runtime-api/runtime-api-server';

const BOOTSTRAP = join(__dirname, 'bootstrap.js');
const ARN = 'arn:aws:lambda:us-east-1:000000000000:function:fn';
const roots: string[] = [];
after(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

interface Env {
  server: RuntimeApiServer;
  stdout(): string;
  /** Resolves with the exit code (or signal) when the process ends. */
  exited: Promise<number | string | null>;
  /** Resolves when Init ends: 'next' (first /next) or the init error. */
  inited: Promise<{ kind: 'next'; ms: number } | { kind: 'init-error'; payload: any; errorType: string }>;
  invoke(event: unknown, extra?: Partial<Invocation>): Promise<InvocationOutcome & { json: any; ms: number }>;
  stop(): Promise<void>;
}

let seq = 0;
async function start(files: Record<string, string>, handler: string, env: Record<string, string> = {}): Promise<Env> {
  const root = mkdtempSync(join(tmpdir(), 'nimbus-node-rt-'));
  roots.push(root);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  let onInit!: (v: Awaited<Env['inited']>) => void;
  const inited = new Promise<Awaited<Env['inited']>>((r) => { onInit = r; });
  const t0 = performance.now();
  const server = await RuntimeApiServer.start({
    onNext: () => onInit({ kind: 'next', ms: performance.now() - t0 }),
    onInitError: (payload, errorType) => onInit({ kind: 'init-error', payload: JSON.parse(payload.toString()), errorType }),
  });
  const proc = spawn(process.execPath, [BOOTSTRAP], {
    cwd: tmpdir(),
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      AWS_LAMBDA_RUNTIME_API: server.address, _HANDLER: handler, LAMBDA_TASK_ROOT: root,
      AWS_LAMBDA_FUNCTION_NAME: 'fn', AWS_LAMBDA_FUNCTION_VERSION: '$LATEST', AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '128',
      AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/fn', AWS_LAMBDA_LOG_STREAM_NAME: '2026/11/27/[$LATEST]0123abcd',
      AWS_REGION: 'us-east-1', AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs20.x', TZ: 'UTC', LANG: 'en_US.UTF-8', ...env,
    },
  });
  let out = '';
  proc.stdout.on('data', (d: Buffer) => { out += d.toString(); });
  let err = '';
  proc.stderr.on('data', (d: Buffer) => { err += d.toString(); });
  const exited = new Promise<number | string | null>((r) => proc.on('exit', (code, signal) => r(code ?? signal)));
  return {
    server, exited, inited,
    stdout: () => out + err,
    async invoke(event, extra = {}) {
      const t = performance.now();
      const o = await server.invoke({
        requestId: `req-${++seq}`, payload: Buffer.from(JSON.stringify(event)), deadlineMs: Date.now() + 5000,
        invokedFunctionArn: ARN, ...extra,
      });
      const text = o.payload.toString();
      let json: unknown;
      try { json = JSON.parse(text); } catch { json = text; }
      return { ...o, json, ms: performance.now() - t };
    },
    async stop() {
      proc.kill('SIGKILL');
      await exited;
      await server.close();
    },
  };
}

/** Starts an environment, waits for Init, runs `fn`, always stops it. */
async function withEnv(files: Record<string, string>, handler: string, fn: (env: Env) => Promise<void>) {
  const env = await start(files, handler);
  try {
    const init = await env.inited;
    assert.equal(init.kind, 'next', `Init failed: ${JSON.stringify(init)}\n${env.stdout()}`);
    await fn(env);
  } finally {
    await env.stop();
  }
}

const LINE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z\t(\S+)\t([A-Z]+)\t([^\n]*)$/;
/** Waits until the runtime's stdout (read asynchronously from its pipe) holds a line for which `match` holds. */
async function loggedLine(env: Env, match: (message: string) => boolean): Promise<void> {
  for (const end = Date.now() + 5000; !logLines(env).some(([, , m]) => match(m)); await new Promise((r) => setTimeout(r, 10))) {
    if (Date.now() > end) throw new Error(`no such log line in time; stdout: ${env.stdout()}`);
  }
}

function logLines(env: Env): Array<[string, string, string]> {
  return env.stdout().split('\n').flatMap((l) => { const m = LINE.exec(l); return m ? [[m[1], m[2], m[3]] as [string, string, string]] : []; });
}

describe('Node.js runtime', { concurrency: 4 }, () => {
  it('runs a CommonJS async handler, keeps module state warm, and logs in Lambda text format', async (t) =>
    withEnv({
      'index.js': `let n = 0; console.log('init', 1);
        exports.handler = async (event) => {
          console.log('a %s', 'b', { x: 1 }); console.info('i'); console.warn('w'); console.error('e');
          console.debug('d'); console.trace('t'); console.log('multi\\nline');
          return { event, n: ++n, tz: process.env.TZ, cwd: process.cwd() };
        };`,
    }, 'index.handler', async (env) => {
      const first = await env.invoke({ hello: 'world' });
      assert.equal(first.kind, 'response');
      assert.deepEqual(first.json.event, { hello: 'world' });
      assert.equal(first.json.n, 1);
      assert.equal(first.json.tz, 'UTC');
      const second = await env.invoke({});
      assert.equal(second.json.n, 2, 'module code ran once: state survives between invokes');
      await loggedLine(env, (m) => m === 'multi\rline');
      const lines = logLines(env);
      assert.deepEqual(lines.filter(([, , m]) => m === 'init 1'), [['undefined', 'INFO', 'init 1']]);
      const id = lines.find(([, , m]) => m === 'a b { x: 1 }')?.[0];
      assert.match(String(id), /^req-\d+$/);
      assert.deepEqual(lines.filter(([rid]) => rid === id).map(([, l, m]) => [l, m]), [
        ['INFO', 'a b { x: 1 }'], ['INFO', 'i'], ['WARN', 'w'], ['ERROR', 'e'], ['DEBUG', 'd'], ['TRACE', 't'], ['INFO', 'multi\rline'],
      ]);
      const init = await env.inited;
      if (init.kind === 'next') t.diagnostic(`bootstrap start to first /next: ${init.ms.toFixed(1)} ms`);
    }));

  it('loads .mjs with top-level await during Init', () => withEnv({
    'app.mjs': `const v = await new Promise((r) => setTimeout(() => r('tla'), 20));
      export const handler = async (event) => ({ v, kind: 'mjs', event });`,
  }, 'app.handler', async (env) => {
    assert.deepEqual((await env.invoke(7)).json, { v: 'tla', kind: 'mjs', event: 7 });
  }));

  it('loads .js as ESM when the nearest package.json says "type":"module", from nested dirs', () => withEnv({
    'package.json': '{"type":"module"}',
    'src/handlers/app.js': `import { join } from 'node:path';
      export const api = { v1: { get: async () => ({ esm: typeof require, j: join('a', 'b') }) } };`,
  }, 'src/handlers/app.api.v1.get', async (env) => {
    assert.deepEqual((await env.invoke({})).json, { esm: 'undefined', j: 'a/b' });
  }));

  it('loads .cjs with require, even under "type":"module"', () => withEnv({
    'package.json': '{"type":"module"}',
    'lib/h.cjs': 'module.exports.handler = async () => typeof require + ":cjs";',
  }, 'lib/h.handler', async (env) => {
    assert.equal((await env.invoke({})).json, 'function:cjs');
  }));

  it('loads nested .js as CommonJS when the nearest package.json has no type, with a nested export path', () => withEnv({
    'package.json': '{"type":"module"}',
    'other/package.json': '{"name":"other"}',
    'other/fn.js': 'exports.deep = { fn: async () => typeof require + ":nested-js" };',
  }, 'other/fn.deep.fn', async (env) => {
    assert.equal((await env.invoke({})).json, 'function:nested-js');
  }));

  it('builds the context and forwards the trace id per invocation', () => withEnv({
    'index.js': `exports.handler = async (event, context) => ({
        keys: Object.keys(context), functionName: context.functionName, functionVersion: context.functionVersion,
        invokedFunctionArn: context.invokedFunctionArn, memoryLimitInMB: context.memoryLimitInMB,
        awsRequestId: context.awsRequestId, logGroupName: context.logGroupName, logStreamName: context.logStreamName,
        identity: context.identity, clientContext: context.clientContext, waits: context.callbackWaitsForEmptyEventLoop,
        remaining: context.getRemainingTimeInMillis(), trace: process.env._X_AMZN_TRACE_ID ?? null });`,
  }, 'index.handler', async (env) => {
    const deadlineMs = Date.now() + 2000;
    const r = await env.invoke({}, {
      requestId: 'ctx-1', deadlineMs, traceId: 'Root=1-5e1b4151-5ac6c58f;Parent=1;Sampled=1',
      clientContext: '{"client":{"app_title":"t"},"custom":{"k":"v"},"env":{"platform":"p"}}',
      cognitoIdentity: '{"cognitoIdentityId":"id","cognitoIdentityPoolId":"pool"}',
    });
    assert.equal(r.json.functionName, 'fn');
    assert.equal(r.json.functionVersion, '$LATEST');
    assert.equal(r.json.invokedFunctionArn, ARN);
    assert.equal(r.json.memoryLimitInMB, '128');
    assert.equal(r.json.awsRequestId, 'ctx-1');
    assert.equal(r.json.logGroupName, '/aws/lambda/fn');
    assert.equal(r.json.logStreamName, '2026/11/27/[$LATEST]0123abcd');
    assert.deepEqual(r.json.identity, { cognitoIdentityId: 'id', cognitoIdentityPoolId: 'pool' });
    assert.deepEqual(r.json.clientContext, { client: { app_title: 't' }, custom: { k: 'v' }, env: { platform: 'p' } });
    assert.equal(r.json.waits, true);
    assert.ok(r.json.remaining > 1500 && r.json.remaining <= 2000, `remaining ${r.json.remaining}`);
    assert.equal(r.json.trace, 'Root=1-5e1b4151-5ac6c58f;Parent=1;Sampled=1');
    for (const k of ['succeed', 'fail', 'done', 'getRemainingTimeInMillis', 'callbackWaitsForEmptyEventLoop']) assert.ok(r.json.keys.includes(k), k);
    const plain = await env.invoke({});
    assert.equal(plain.json.trace, null);
    assert.equal(plain.json.identity, undefined);
  }));

  it('holds a callback result until the event loop is empty (callbackWaitsForEmptyEventLoop)', () => withEnv({
    'index.js': `exports.handler = (event, context, callback) => {
        callback(null, 'after-timer');
        setTimeout(() => console.log('timer fired'), 250);
      };`,
  }, 'index.handler', async (env) => {
    const r = await env.invoke({});
    assert.equal(r.json, 'after-timer');
    assert.ok(r.ms >= 240, `answered after ${r.ms} ms, before the timer`);
  }));

  it('posts at once with callbackWaitsForEmptyEventLoop = false; leftover work runs on', () => withEnv({
    'index.js': `let fired = false;
      exports.handler = (event, context, callback) => {
        if (event.check) return callback(null, { fired });
        context.callbackWaitsForEmptyEventLoop = false;
        setTimeout(() => { fired = true; }, 300);
        callback(null, 'now');
      };`,
  }, 'index.handler', async (env) => {
    const r = await env.invoke({});
    assert.equal(r.json, 'now');
    assert.ok(r.ms < 250, `took ${r.ms} ms`);
    await new Promise((res) => setTimeout(res, 400));
    assert.deepEqual((await env.invoke({ check: true })).json, { fired: true });
  }));

  it('supports context.succeed/fail/done, first call wins, undefined → null', () => withEnv({
    'index.js': `exports.handler = async (event, context, callback) => {
        switch (event.mode) {
          case 'succeed': context.succeed({ ok: 1 }); context.fail(new Error('ignored')); return;
          case 'fail': context.fail(new Error('failed')); return;
          case 'fail-empty': context.fail(); return;
          case 'done': context.done(null, 'done'); return;
          case 'both': callback(null, 'callback-first'); return 'promise-second';
          case 'undefined': return undefined;
        }
      };`,
  }, 'index.handler', async (env) => {
    assert.deepEqual((await env.invoke({ mode: 'succeed' })).json, { ok: 1 });
    const failed = await env.invoke({ mode: 'fail' });
    assert.equal(failed.kind, 'error');
    assert.equal(failed.json.errorMessage, 'failed');
    assert.deepEqual(await env.invoke({ mode: 'fail-empty' }).then((r) => r.json), { errorType: 'string', errorMessage: 'handled', trace: [] });
    assert.equal((await env.invoke({ mode: 'done' })).json, 'done');
    assert.equal((await env.invoke({ mode: 'both' })).json, 'callback-first');
    const undef = await env.invoke({ mode: 'undefined' });
    assert.equal(undef.kind, 'response');
    assert.equal(undef.payload.toString(), 'null');
  }));

  it('posts thrown errors as {errorType, errorMessage, trace} and logs them', () => withEnv({
    'index.js': `class MyError extends Error { constructor(m) { super(m); this.name = 'MyError'; } }
      exports.handler = async (event) => {
        if (event.kind === 'throw') throw new MyError('bad thing');
        if (event.kind === 'string') throw 'just a string';
        if (event.kind === 'circular') { const o = {}; o.o = o; return o; }
        return new Promise((_, reject) => setTimeout(() => reject(new TypeError('later')), 5));
      };`,
  }, 'index.handler', async (env) => {
    const thrown = await env.invoke({ kind: 'throw' });
    assert.equal(thrown.kind, 'error');
    assert.equal(thrown.kind === 'error' && thrown.errorType, 'MyError');
    assert.equal(thrown.json.errorType, 'MyError');
    assert.equal(thrown.json.errorMessage, 'bad thing');
    assert.equal(thrown.json.trace[0], 'MyError: bad thing');
    assert.match(thrown.json.trace[1], /^ {4}at /);
    assert.deepEqual(Object.keys(thrown.json), ['errorType', 'errorMessage', 'trace']);
    assert.deepEqual((await env.invoke({ kind: 'string' })).json, { errorType: 'string', errorMessage: 'just a string', trace: [] });
    const rejected = await env.invoke({ kind: 'reject' });
    assert.equal(rejected.json.errorType, 'TypeError');
    const circular = await env.invoke({ kind: 'circular' });
    assert.equal(circular.json.errorMessage, 'Unable to stringify response body');
    await loggedLine(env, (m) => m.startsWith('Invoke Error \t{"errorType":"MyError"'));
    const logged = logLines(env).find(([, , m]) => m.startsWith('Invoke Error \t{"errorType":"MyError"'));
    assert.ok(logged, env.stdout());
    assert.equal(logged[1], 'ERROR');
  }));

  it('fails an async handler whose promise never settles with Runtime.NodeJsExit; a sync one answers null', async () => {
    await withEnv({ 'index.js': 'exports.handler = async () => new Promise(() => {});' }, 'index.handler', async (env) => {
      const r = await env.invoke({});
      assert.equal(r.kind === 'error' && r.errorType, 'Runtime.NodeJsExit');
      assert.match(r.json.errorMessage, /Promise that was never settled/);
    });
    await withEnv({ 'index.js': 'exports.handler = (event, context, callback) => {};' }, 'index.handler', async (env) => {
      const r = await env.invoke({});
      assert.equal(r.kind, 'response');
      assert.equal(r.payload.toString(), 'null');
    });
  });

  const initErrors: Array<[string, Record<string, string>, string, string, RegExp]> = [
    ['a missing module', { 'other.js': '' }, 'index.handler', 'Runtime.ImportModuleError', /^Error: Cannot find module 'index'\nRequire stack:\n- /],
    ['a missing dependency', { 'index.js': "require('left-pad-nope'); exports.handler = async () => 1;" }, 'index.handler',
      'Runtime.ImportModuleError', /^Error: Cannot find module 'left-pad-nope'\nRequire stack:\n- .*index\.js/],
    ['a missing export', { 'index.js': 'exports.handler = async () => 1;' }, 'index.nope', 'Runtime.HandlerNotFound', /^index\.nope is undefined or not exported$/],
    ['a non-function export', { 'index.js': 'exports.handler = 42;' }, 'index.handler', 'Runtime.HandlerNotFound', /^index\.handler is not a function$/],
    ['a handler without a dot', { 'index.js': '' }, 'index', 'Runtime.MalformedHandlerName', /^Bad handler$/],
    ['a relative path', { 'index.js': '' }, '../index.handler', 'Runtime.MalformedHandlerName',
      /^'\.\.\/index\.handler' is not a valid handler name\. Use absolute paths when specifying root directories in handler names\.$/],
    ['a syntax error', { 'index.js': 'exports.handler = async () => {;' }, 'index.handler', 'Runtime.UserCodeSyntaxError', /^SyntaxError: /],
    ['an ESM syntax error', { 'index.mjs': 'export const handler = ;' }, 'index.handler', 'Runtime.UserCodeSyntaxError', /^SyntaxError: /],
    ['module code that throws', { 'index.js': "class ConfigError extends Error { name = 'ConfigError' }\nthrow new ConfigError('no DB_URL');" },
      'index.handler', 'ConfigError', /^no DB_URL$/],
  ];
  for (const [what, files, handler, type, message] of initErrors) {
    it(`reports ${what} as ${type} to /init/error and exits`, async () => {
      const env = await start(files, handler);
      try {
        const init = await env.inited;
        assert.equal(init.kind, 'init-error', env.stdout());
        if (init.kind !== 'init-error') return;
        assert.equal(init.errorType, type);
        assert.equal(init.payload.errorType, type);
        assert.match(init.payload.errorMessage, message);
        assert.ok(Array.isArray(init.payload.trace));
        assert.equal(await env.exited, 129);
        assert.ok(logLines(env).some(([rid, level, m]) => rid === 'undefined' && level === 'ERROR'
          && m.startsWith(`Uncaught Exception \t{"errorType":"${type}"`)), env.stdout());
      } finally {
        await env.stop();
      }
    });
  }

  it('reports an uncaught exception during an invocation and exits', () => withEnv({
    'index.js': "exports.handler = async () => { setTimeout(() => { throw new RangeError('late'); }, 5); return new Promise(() => setTimeout(() => {}, 5000)); };",
  }, 'index.handler', async (env) => {
    const r = await env.invoke({});
    assert.equal(r.kind === 'error' && r.errorType, 'RangeError');
    assert.equal(r.json.errorMessage, 'late');
    assert.equal(await env.exited, 129);
  }));

  it('reports an unhandled rejection as Runtime.UnhandledPromiseRejection and exits', () => withEnv({
    'index.js': "exports.handler = async () => { Promise.reject(new Error('nobody catches')); return new Promise(() => setTimeout(() => {}, 5000)); };",
  }, 'index.handler', async (env) => {
    const r = await env.invoke({});
    assert.equal(r.kind === 'error' && r.errorType, 'Runtime.UnhandledPromiseRejection');
    assert.equal(r.json.errorMessage, 'Error: nobody catches');
    assert.equal(await env.exited, 128);
  }));

  it('gets 413 for a response over 6 MB: the invocation fails, the environment carries on', () => withEnv({
    'index.js': "exports.handler = async (event) => event.big ? 'x'.repeat(6 * 1024 * 1024 + 100) : 'small';",
  }, 'index.handler', async (env) => {
    const big = await env.invoke({ big: true });
    assert.equal(big.kind === 'error' && big.errorType, 'Function.ResponseSizeTooLarge');
    assert.equal(big.json.errorMessage, 'Response payload size exceeded maximum allowed payload size (6291556 bytes).');
    assert.equal((await env.invoke({})).json, 'small');
  }));
});
