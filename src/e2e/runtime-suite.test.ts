// One behaviour suite for every runtime family: the same functions written for Node.js,
// Python, a custom runtime (a shell bootstrap) and Node.js with its code in a layer must answer alike through the official
// client: a result with the context and environment, a function error, an init error, a
// timeout, and the function's log lines between START and REPORT.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateFunctionCommand, InvokeCommand, PublishLayerVersionCommand, waitUntilFunctionActiveV2, type Runtime,
} from '@aws-sdk/client-lambda';
import { json, startTestNimbus, tail, zip, type TestNimbus } from './harness';
import { unixZip } from './custom-runtime-bootstraps';

type Mode = 'ok' | 'init-error';
interface Family {
  runtime: string; handler: string; code: (mode: Mode) => Uint8Array; errorType: string;
  /** The layer a function of this family needs, as a zip (its handler lives there). */
  layer?: (mode: Mode) => Uint8Array;
  /** What its log line says hello from. */
  hello?: string;
}

const NODE = (mode: string) => `${mode === 'init-error' ? 'throw new Error("no config");' : ''}
exports.handler = async (event, context) => {
  console.log('hello from node');
  if (event.fail) throw new Error('boom');
  if (event.sleep) await new Promise((r) => setTimeout(r, 5000));
  return { event, requestId: context.awsRequestId, functionName: context.functionName, memory: Number(context.memoryLimitInMB),
    remaining: context.getRemainingTimeInMillis(), greeting: process.env.GREETING };
};`;

const PYTHON = (mode: string) => `import os, time
${mode === 'init-error' ? 'raise Exception("no config")' : ''}
def handler(event, context):
    print('hello from python')
    if event.get('fail'):
        raise Exception('boom')
    if event.get('sleep'):
        time.sleep(5)
    return {'event': event, 'requestId': context.aws_request_id, 'functionName': context.function_name,
            'memory': int(context.memory_limit_in_mb), 'remaining': context.get_remaining_time_in_millis(),
            'greeting': os.environ.get('GREETING')}
`;

const SHELL = (mode: string) => `#!/bin/sh
API="http://$AWS_LAMBDA_RUNTIME_API/2018-06-01/runtime"
if [ "${mode}" = init-error ]; then
  curl -sS -o /dev/null -X POST "$API/init/error" --data-binary '{"errorMessage":"no config","errorType":"Exception"}'
  exit 1
fi
while true; do
  EVENT=$(curl -sS -D "$TMPDIR/h" "$API/invocation/next")
  ID=$(grep -i '^Lambda-Runtime-Aws-Request-Id:' "$TMPDIR/h" | tr -d '\\r' | cut -d' ' -f2)
  DEADLINE=$(grep -i '^Lambda-Runtime-Deadline-Ms:' "$TMPDIR/h" | tr -d '\\r' | cut -d' ' -f2)
  echo "hello from shell"
  case "$EVENT" in
    *'"fail"'*) curl -sS -o /dev/null -X POST "$API/invocation/$ID/error" --data-binary '{"errorMessage":"boom","errorType":"Exception"}' ;;
    *'"sleep"'*) sleep 5 ;;
    *) REMAINING=$(( DEADLINE - $(date +%s%3N) ))
       curl -sS -o /dev/null -X POST "$API/invocation/$ID/response" --data-binary \\
         "{\\"event\\":$EVENT,\\"requestId\\":\\"$ID\\",\\"functionName\\":\\"$AWS_LAMBDA_FUNCTION_NAME\\",\\"memory\\":$AWS_LAMBDA_FUNCTION_MEMORY_SIZE,\\"remaining\\":$REMAINING,\\"greeting\\":\\"$GREETING\\"}" ;;
  esac
done
`;

const FAMILIES: Record<string, Family> = {
  node: { runtime: 'nodejs20.x', handler: 'index.handler', code: (m) => zip({ 'index.js': NODE(m) }), errorType: 'Error' },
  python: { runtime: 'python3.12', handler: 'app.handler', code: (m) => zip({ 'app.py': PYTHON(m) }), errorType: 'Exception' },
  custom: { runtime: 'provided.al2023', handler: 'function.handler', code: (m) => unixZip({ bootstrap: [SHELL(m), 0o755] }),
    errorType: 'Exception', hello: 'shell' },
  // The Node handler's code in a layer (nodejs/node_modules), the function only requiring it.
  layered: { runtime: 'nodejs20.x', handler: 'index.handler', code: () => zip({ 'index.js': "module.exports = require('suite-lib');" }),
    layer: (m) => zip({ 'nodejs/node_modules/suite-lib/index.js': NODE(m) }), errorType: 'Error', hello: 'node' },
};

describe('the runtime behaviour suite', () => {
  let t: TestNimbus;
  before(async () => { t = await startTestNimbus(); });
  after(() => t.close());

  const create = async (name: string, f: Family, mode: Mode) => {
    const layers = f.layer ? [(await t.lambda.send(new PublishLayerVersionCommand({ LayerName: `${name}-lib`,
      Content: { ZipFile: f.layer(mode) } }))).LayerVersionArn!] : undefined;
    await t.lambda.send(new CreateFunctionCommand({ FunctionName: name, Runtime: f.runtime as Runtime, Handler: f.handler,
      Role: 'arn:aws:iam::000000000000:role/r', Code: { ZipFile: f.code(mode) }, Timeout: 1, MemorySize: 256, Layers: layers,
      Environment: { Variables: { GREETING: 'hej' } } }));
    await waitUntilFunctionActiveV2({ client: t.lambda, maxWaitTime: 30, minDelay: 1, maxDelay: 1 }, { FunctionName: name });
  };
  const invoke = (name: string, event: object) =>
    t.lambda.send(new InvokeCommand({ FunctionName: name, Payload: JSON.stringify(event), LogType: 'Tail' }));

  for (const [family, f] of Object.entries(FAMILIES)) {
    describe(family, () => {
      before(async () => {
        await create(`${family}-fn`, f, 'ok');
        await create(`${family}-init`, f, 'init-error');
      });

      it('answers with the event, the context and the environment, and logs between START and REPORT', async () => {
        const out = await invoke(`${family}-fn`, { n: 1 });
        assert.equal(out.FunctionError, undefined);
        const p = json(out.Payload);
        const log = tail(out.LogResult);
        assert.deepEqual(p.event, { n: 1 });
        assert.equal(p.functionName, `${family}-fn`);
        assert.equal(p.memory, 256);
        assert.equal(p.greeting, 'hej');
        assert.ok(p.remaining > 0 && p.remaining <= 1000, `remaining ${p.remaining}`);
        assert.match(log, new RegExp(`START RequestId: ${p.requestId} Version: \\$LATEST\\n[^]*hello from ${f.hello ?? family}[^]*END RequestId: ${p.requestId}\\nREPORT RequestId: ${p.requestId}\\t`));
      });

      it('reports a function error', async () => {
        const out = await invoke(`${family}-fn`, { fail: true });
        assert.equal(out.FunctionError, 'Unhandled');
        const p = json(out.Payload);
        assert.equal(p.errorMessage, 'boom');
        assert.equal(p.errorType, f.errorType);
      });

      it('reports an init error', async () => {
        const out = await invoke(`${family}-init`, {});
        assert.equal(out.FunctionError, 'Unhandled');
        const p = json(out.Payload);
        assert.equal(p.errorType, f.errorType);
        assert.equal(p.errorMessage, 'no config');
        assert.match(tail(out.LogResult), /REPORT RequestId: .*Init Duration/);
      });

      it('times out as Lambda does', async () => {
        const out = await invoke(`${family}-fn`, { sleep: true });
        assert.equal(out.FunctionError, 'Unhandled');
        const p = json(out.Payload);
        assert.equal(p.errorType, 'Sandbox.Timedout');
        assert.match(p.errorMessage, /^RequestId: \S+ Error: Task timed out after 1\.00 seconds$/);
        assert.equal((await invoke(`${family}-fn`, { n: 2 })).FunctionError, undefined, 'a fresh environment serves the next call');
      });
    });
  }
});
