// The python3.x runtime as Lambda's: the handler contract, the context, error shapes for
// handler and Init failures, log lines in the tail, timeouts, warm reuse and boto3.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { createFunction, json, startTestNimbus, tail, type TestNimbus } from './harness';

const invoke = (t: TestNimbus, name: string, payload: unknown = {}, extra: { ClientContext?: string } = {}) =>
  t.lambda.send(new InvokeCommand({ FunctionName: name, Payload: JSON.stringify(payload), LogType: 'Tail', ...extra }));

const py = (t: TestNimbus, name: string, files: Record<string, string>,
  extra: { handler?: string; timeout?: number; runtime?: string; env?: Record<string, string> } = {}) =>
  createFunction(t.lambda, name, files, { runtime: 'python3.12', handler: 'app.handler', ...extra });

describe('python runtime', () => {
  let t: TestNimbus;
  before(async () => {
    t = await startTestNimbus({ idleTimeoutMs: 60_000 });
    await py(t, 'probe', {
      'app.py': `import os
inits = 0
inits += 1
calls = []

def handler(event, context):
    calls.append(1)
    kind = event.get("kind")
    if kind == "none":
        return None
    if kind == "list":
        return [1, "two", {"three": 3.5}, True, None]
    if kind == "raise":
        raise KeyError("missing")
    if kind == "set":
        return {1, 2}
    if kind == "sleep":
        import time
        time.sleep(30)
    return {"event": event, "inits": inits, "calls": len(calls), "pid": os.getpid(), "unicode": "héllo ✓"}
`,
    });
  });
  after(() => t.close());

  it('returns a dict, None and a list as JSON', async () => {
    const r = await invoke(t, 'probe', { a: 1 });
    assert.equal(r.FunctionError, undefined);
    const body = json(r.Payload);
    assert.deepEqual(body.event, { a: 1 });
    assert.equal(body.unicode, 'héllo ✓');
    // python3.12+ leaves non-ASCII characters unescaped, as AWS's runtime does.
    assert.ok(Buffer.from(r.Payload!).toString('utf8').includes('héllo ✓'));
    assert.equal(Buffer.from((await invoke(t, 'probe', { kind: 'none' })).Payload!).toString(), 'null');
    assert.deepEqual(json((await invoke(t, 'probe', { kind: 'list' })).Payload), [1, 'two', { three: 3.5 }, true, null]);
  });

  it('keeps module state warm: Init runs once per environment', async () => {
    const a = json((await invoke(t, 'probe')).Payload);
    const b = json((await invoke(t, 'probe')).Payload);
    assert.equal(a.pid, b.pid);
    assert.equal(b.inits, 1);
    assert.equal(b.calls, a.calls + 1);
  });

  it('reports a raised exception as an Unhandled function error with a stack trace', async () => {
    const r = await invoke(t, 'probe', { kind: 'raise' });
    assert.equal(r.FunctionError, 'Unhandled');
    const body = json(r.Payload);
    const id = /START RequestId: (\S+)/.exec(tail(r.LogResult))![1];
    assert.deepEqual(Object.keys(body), ['errorMessage', 'errorType', 'requestId', 'stackTrace']);
    assert.equal(body.errorType, 'KeyError');
    assert.equal(body.errorMessage, "'missing'");
    assert.equal(body.requestId, id);
    assert.equal(body.stackTrace.length, 1);
    assert.match(body.stackTrace[0], /^ {2}File ".*app\.py", line 14, in handler\n {4}raise KeyError\("missing"\)\n$/);
    const log = tail(r.LogResult);
    assert.match(log, /\[ERROR\] KeyError: 'missing'\rTraceback \(most recent call last\):\r\u00a0\u00a0File /);
    // The environment survives a handled error.
    assert.equal(json((await invoke(t, 'probe')).Payload).inits, 1);
  });

  it('answers Runtime.MarshalError for a result json.dumps cannot encode', async () => {
    const r = await invoke(t, 'probe', { kind: 'set' });
    assert.equal(r.FunctionError, 'Unhandled');
    const body = json(r.Payload);
    assert.equal(body.errorType, 'Runtime.MarshalError');
    assert.equal(body.errorMessage, 'Unable to marshal response: Object of type set is not JSON serializable');
    assert.deepEqual(body.stackTrace, []);
  });

  it('gives the handler Lambda\'s context object', async () => {
    await py(t, 'ctx', {
      'app.py': `def handler(event, context):
    return {
        "aws_request_id": context.aws_request_id,
        "function_name": context.function_name,
        "function_version": context.function_version,
        "invoked_function_arn": context.invoked_function_arn,
        "memory_limit_in_mb": context.memory_limit_in_mb,
        "log_group_name": context.log_group_name,
        "log_stream_name": context.log_stream_name,
        "remaining": context.get_remaining_time_in_millis(),
        "custom": context.client_context.custom if context.client_context else None,
        "identity": context.identity.cognito_identity_id,
    }
`,
    }, { timeout: 7 });
    const cc = Buffer.from(JSON.stringify({ custom: { tenant: 'a' }, client: { app_title: 'x' }, env: {} })).toString('base64');
    const r = await invoke(t, 'ctx', {}, { ClientContext: cc });
    const c = json(r.Payload);
    assert.equal(c.aws_request_id, /START RequestId: (\S+)/.exec(tail(r.LogResult))![1]);
    assert.equal(c.function_name, 'ctx');
    assert.equal(c.function_version, '$LATEST');
    assert.match(c.invoked_function_arn, /^arn:aws:lambda:us-east-1:\d{12}:function:ctx$/);
    assert.equal(c.memory_limit_in_mb, '128');
    assert.equal(c.log_group_name, '/aws/lambda/ctx');
    assert.match(c.log_stream_name, /^\d{4}\/\d\d\/\d\d\/\[\$LATEST\][0-9a-f]{32}$/);
    assert.ok(c.remaining > 5000 && c.remaining <= 7000, String(c.remaining));
    assert.deepEqual(c.custom, { tenant: 'a' });
    assert.equal(c.identity, null);
  });

  it('loads a handler from a subdirectory (dir/module.func)', async () => {
    await py(t, 'nested', {
      'src/handlers/api.py': 'from src.handlers.util import greet\ndef main(event, context):\n    return greet(event["name"])\n',
      'src/handlers/util.py': 'def greet(n):\n    return "hello " + n\n',
    }, { handler: 'src/handlers/api.main' });
    assert.equal(json((await invoke(t, 'nested', { name: 'py' })).Payload), 'hello py');
  });

  it('reports Init failures with AWS\'s error types and messages', async () => {
    await py(t, 'nomodule', { 'other.py': 'def handler(e, c):\n    return 1\n' });
    const missing = await invoke(t, 'nomodule');
    assert.equal(missing.FunctionError, 'Unhandled');
    assert.deepEqual(json(missing.Payload), { errorMessage: "Unable to import module 'app': No module named 'app'",
      errorType: 'Runtime.ImportModuleError', requestId: '', stackTrace: [] });
    assert.match(tail(missing.LogResult), /\[ERROR\] Runtime.ImportModuleError: Unable to import module 'app': No module named 'app'/);

    await py(t, 'nodep', { 'app.py': 'import requests_not_installed\ndef handler(e, c):\n    return 1\n' });
    assert.equal(json((await invoke(t, 'nodep')).Payload).errorMessage,
      "Unable to import module 'app': No module named 'requests_not_installed'");

    await py(t, 'nohandler', { 'app.py': 'def other(e, c):\n    return 1\n' });
    assert.deepEqual(json((await invoke(t, 'nohandler')).Payload), { errorMessage: "Handler 'handler' missing on module 'app'",
      errorType: 'Runtime.HandlerNotFound', requestId: '', stackTrace: [] });

    await py(t, 'badsyntax', { 'app.py': 'def handler(e, c):\n    return (1\n' });
    const syntax = json((await invoke(t, 'badsyntax')).Payload);
    assert.equal(syntax.errorType, 'Runtime.UserCodeSyntaxError');
    assert.match(syntax.errorMessage, /^Syntax error in module 'app': '\(' was never closed \(app\.py, line 2\)$/);
    assert.match(syntax.stackTrace[0], /^ {2}File ".*app\.py" Line 2\n {4}/);

    await py(t, 'initraises', { 'app.py': 'raise ValueError("no config")\n' });
    const raised = json((await invoke(t, 'initraises')).Payload);
    assert.equal(raised.errorType, 'ValueError');
    assert.equal(raised.errorMessage, 'no config');
    assert.ok(raised.stackTrace.some((l: string) => l.includes('app.py", line 1, in <module>')), raised.stackTrace);
  });

  it('puts print, logging, binary output and the platform lines in the tail', async () => {
    await py(t, 'logs', {
      'app.py': `import logging, sys
logger = logging.getLogger()
logger.setLevel(logging.INFO)
print("init says hi")

def handler(event, context):
    print("hello from print")
    logger.info("info %s", "line")
    logging.getLogger("child").warning("two\\nlines")
    sys.stdout.buffer.write(b"\\xff\\xfe raw bytes\\n")
    sys.stdout.write("no newline at the end")
    return "ok"
`,
    });
    const r = await invoke(t, 'logs');
    assert.equal(json(r.Payload), 'ok');
    const log = tail(r.LogResult);
    const id = /START RequestId: (\S+) Version: \$LATEST/.exec(log)![1];
    const lines = log.split('\n');
    assert.ok(lines.indexOf('init says hi') < lines.findIndex((l) => l.startsWith('START ')), log);
    assert.ok(lines.includes('hello from print'), log);
    assert.ok(lines.some((l) => new RegExp(`^\\[INFO\\]\\t\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\\t${id}\\tinfo line$`).test(l)), log);
    assert.ok(lines.some((l) => l.endsWith(`\t${id}\ttwo\rlines`) && l.startsWith('[WARNING]\t')), log);
    assert.ok(lines.some((l) => l.endsWith(' raw bytes')), log);
    const end = lines.findIndex((l) => l === `END RequestId: ${id}`);
    assert.ok(lines.indexOf('no newline at the end') > 0 && lines.indexOf('no newline at the end') < end, log);
    assert.match(lines[end + 1], new RegExp(`^REPORT RequestId: ${id}\\tDuration: [\\d.]+ ms\\tBilled Duration: \\d+ ms \\tMemory Size: 128 MB\\t`));
    // The environment is still fine.
    assert.equal(json((await invoke(t, 'logs')).Payload), 'ok');
  });

  it('times out a handler that never returns and starts cold next time', async () => {
    await py(t, 'sleeper', { 'app.py': 'import os, time\ndef handler(e, c):\n    if e.get("sleep"):\n        time.sleep(30)\n    return os.getpid()\n' }, { timeout: 1 });
    const pid = json((await invoke(t, 'sleeper')).Payload);
    const r = await invoke(t, 'sleeper', { sleep: true });
    assert.equal(r.FunctionError, 'Unhandled');
    const id = /START RequestId: (\S+)/.exec(tail(r.LogResult))![1];
    assert.deepEqual(json(r.Payload), { errorType: 'Sandbox.Timedout', errorMessage: `RequestId: ${id} Error: Task timed out after 1.00 seconds` });
    assert.match(tail(r.LogResult), new RegExp(`Z ${id} Task timed out after 1.00 seconds`));
    assert.notEqual(json((await invoke(t, 'sleeper')).Payload), pid);
  });

  it('imports boto3 in a handler, on every python3.x runtime', async () => {
    for (const runtime of ['python3.9', 'python3.13']) {
      const name = `boto-${runtime.replace('.', '-')}`;
      await py(t, name, {
        'app.py': 'import os, boto3\ndef handler(e, c):\n    return {"boto3": boto3.__version__, "env": os.environ["AWS_EXECUTION_ENV"], "é": "ü"}\n',
      }, { runtime });
      const r = await invoke(t, name);
      assert.equal(r.FunctionError, undefined, Buffer.from(r.Payload!).toString());
      const body = json(r.Payload);
      assert.match(body.boto3, /^\d+\.\d+\.\d+$/);
      assert.equal(body.env, `AWS_Lambda_${runtime}`);
      // Before python3.12 non-ASCII characters are \u-escaped, as AWS's runtime writes them.
      assert.equal(Buffer.from(r.Payload!).toString().includes('\\u00e9'), runtime === 'python3.9');
    }
  });
});
