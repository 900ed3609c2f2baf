// Execution environments as Lambda runs them: cold then warm, parallel scale-out,
// timeout, out of memory, crash, init errors, idle stop, a clean environment.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { createFunction, eventually, json, startTestNimbus, tail, type TestNimbus } from './harness';

const invoke = (t: TestNimbus, name: string, payload: unknown = {}) =>
  t.lambda.send(new InvokeCommand({ FunctionName: name, Payload: JSON.stringify(payload), LogType: 'Tail' }));

describe('execution environments', () => {
  let t: TestNimbus;
  before(async () => {
    process.env.NIMBUS_SERVER_ONLY_SECRET = 'must-not-leak';
    t = await startTestNimbus({ idleTimeoutMs: 60_000 });
    await createFunction(t.lambda, 'probe', {
      'index.js': `let inits = 0; inits++;
        exports.handler = async (e) => {
          if (e.sleep) await new Promise((r) => setTimeout(r, e.sleep));
          return { pid: process.pid, inits, env: process.env };
        };`,
    }, { timeout: 1, env: { GREETING: 'hi' } });
  });
  after(() => t.close());

  it('runs Init once per environment and reuses it warm', async () => {
    const a = json((await invoke(t, 'probe')).Payload);
    const b = json((await invoke(t, 'probe')).Payload);
    assert.equal(a.pid, b.pid);
    assert.equal(b.inits, 1);
  });

  it('gives the function Lambda\'s environment and none of the server\'s', async () => {
    const { env } = json((await invoke(t, 'probe')).Payload);
    assert.equal(env.GREETING, 'hi');
    assert.equal(env.AWS_LAMBDA_FUNCTION_NAME, 'probe');
    assert.equal(env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE, '128');
    assert.equal(env.AWS_LAMBDA_FUNCTION_VERSION, '$LATEST');
    assert.equal(env._HANDLER, 'index.handler');
    assert.equal(env.AWS_REGION, 'us-east-1');
    assert.match(env.AWS_LAMBDA_LOG_STREAM_NAME, /^\d{4}\/\d\d\/\d\d\/\[\$LATEST\][0-9a-f]{32}$/);
    // The built-in runtime talks to Nimbus over a private channel, not the HTTP Runtime API.
    assert.equal(env.AWS_LAMBDA_RUNTIME_API, undefined);
    assert.equal(env._NIMBUS_RUNTIME_FD, undefined);
    assert.ok(env.LAMBDA_TASK_ROOT);
    assert.equal(env.NIMBUS_SERVER_ONLY_SECRET, undefined);
    assert.equal(env.NODE_OPTIONS, undefined);
    assert.equal(env.NODE_EXTRA_CA_CERTS, undefined);
  });

  it('starts parallel environments for parallel invocations', async () => {
    const results = await Promise.all([1, 2, 3].map(() => invoke(t, 'probe', { sleep: 300 })));
    const pids = new Set(results.map((r) => json(r.Payload).pid));
    assert.equal(pids.size, 3);
  });

  it('kills a timed-out environment, answers Sandbox.Timedout, and starts cold next time', async () => {
    const before = json((await invoke(t, 'probe')).Payload).pid;
    const r = await invoke(t, 'probe', { sleep: 5000 });
    assert.equal(r.FunctionError, 'Unhandled');
    const body = json(r.Payload);
    const id = /START RequestId: (\S+)/.exec(tail(r.LogResult))![1];
    assert.deepEqual(body, { errorType: 'Sandbox.Timedout', errorMessage: `RequestId: ${id} Error: Task timed out after 1.00 seconds` });
    assert.match(tail(r.LogResult), new RegExp(`Z ${id} Task timed out after 1.00 seconds`));
    const next = await invoke(t, 'probe');
    assert.notEqual(json(next.Payload).pid, before);
  });

  it('kills an environment over its memory size (off-heap) with Runtime.OutOfMemory', async () => {
    await createFunction(t.lambda, 'hog', {
      'index.js': `const keep = []; exports.handler = async () => {
        for (let i = 0; i < 40; i++) { keep.push(Buffer.alloc(8 * 1024 * 1024, 1)); await new Promise((r) => setTimeout(r, 5)); }
        return 'survived';
      };`,
    }, { memorySize: 128, timeout: 10 });
    const r = await invoke(t, 'hog');
    assert.equal(r.FunctionError, 'Unhandled');
    assert.equal(json(r.Payload).errorType, 'Runtime.OutOfMemory');
    const report = /Max Memory Used: (\d+) MB/.exec(tail(r.LogResult));
    assert.ok(report && Number(report[1]) >= 128, tail(r.LogResult)); // Lambda reports the memory size (or more) on an OOM
  });

  it('reports a crash as Runtime.ExitError and replaces the environment', async () => {
    await createFunction(t.lambda, 'crasher', {
      'index.js': `exports.handler = async (e) => { if (e.exit) process.exit(42); return process.pid; };`,
    });
    const r = await invoke(t, 'crasher', { exit: true });
    assert.equal(r.FunctionError, 'Unhandled');
    const body = json(r.Payload);
    assert.equal(body.errorType, 'Runtime.ExitError');
    assert.match(body.errorMessage, /^RequestId: \S+ Error: Runtime exited with error: exit status 42$/);
    const ok = await invoke(t, 'crasher', {});
    assert.equal(ok.FunctionError, undefined);
  });

  it('reports init errors with Lambda\'s error types', async () => {
    await createFunction(t.lambda, 'nofile', { 'other.js': 'exports.handler = async () => 1;' });
    const missing = await invoke(t, 'nofile');
    assert.equal(missing.FunctionError, 'Unhandled');
    assert.equal(json(missing.Payload).errorType, 'Runtime.ImportModuleError');
    await createFunction(t.lambda, 'noexport', { 'index.js': 'exports.other = async () => 1;' });
    assert.equal(json((await invoke(t, 'noexport')).Payload).errorType, 'Runtime.HandlerNotFound');
    await createFunction(t.lambda, 'badsyntax', { 'index.js': 'exports.handler = async () => {' });
    assert.equal(json((await invoke(t, 'badsyntax')).Payload).errorType, 'Runtime.UserCodeSyntaxError');
    await createFunction(t.lambda, 'initthrows', { 'index.js': 'throw new RangeError("no config");' });
    const thrown = json((await invoke(t, 'initthrows')).Payload);
    assert.equal(thrown.errorType, 'RangeError');
    assert.equal(thrown.errorMessage, 'no config');
  });

  it('runs nodejs24.x on this Node.js, refusing callback handlers at Init as AWS does', async () => {
    const code = { 'index.js': `exports.handler = async (e) => ({ node: process.version });
exports.callback = (e, ctx, cb) => cb(null, 'old style');` };
    await createFunction(t.lambda, 'node24', code, { runtime: 'nodejs24.x' });
    assert.match(json((await invoke(t, 'node24')).Payload).node, /^v\d+\./);
    await createFunction(t.lambda, 'node24cb', code, { runtime: 'nodejs24.x', handler: 'index.callback' });
    const refused = json((await invoke(t, 'node24cb')).Payload);
    assert.equal(refused.errorType, 'Runtime.CallbackHandlerDeprecated');
    assert.match(refused.errorMessage, /^ERROR: AWS Lambda has removed support for callback-based function handlers starting with Node\.js 24\./);
    await createFunction(t.lambda, 'node22cb', code, { handler: 'index.callback', runtime: 'nodejs22.x' });
    assert.equal(json((await invoke(t, 'node22cb')).Payload), 'old style');
  });

  it('survives a function that prints megabytes', async () => {
    await createFunction(t.lambda, 'chatty', {
      'index.js': `exports.handler = async () => { for (let i = 0; i < 2000; i++) console.log('x'.repeat(2000)); process.stdout.write('y'.repeat(300000)); return 'ok'; };`,
    }, { timeout: 10 });
    const r = await invoke(t, 'chatty');
    assert.equal(json(r.Payload), 'ok');
    assert.ok(Buffer.from(r.LogResult!, 'base64').length <= 4096);
    assert.equal(json((await invoke(t, 'probe')).Payload).inits, 1);
  });
});

describe('scale to zero', () => {
  it('stops idle environments after the idle timeout', async () => {
    const t = await startTestNimbus({ idleTimeoutMs: 200 });
    try {
      await createFunction(t.lambda, 'brief', { 'index.js': 'exports.handler = async () => process.pid;' });
      const pid = json((await invoke(t, 'brief')).Payload);
      assert.equal(t.server.pool.environments().length, 1);
      await eventually(() => t.server.pool.environments().length === 0, 5000);
      assert.throws(() => process.kill(pid, 0));
      const again = await invoke(t, 'brief');
      assert.notEqual(json(again.Payload), pid);
      assert.match(tail(again.LogResult), /Init Duration/);
    } finally {
      await t.close();
    }
  });
});
