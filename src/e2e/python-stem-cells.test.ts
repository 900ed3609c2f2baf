// Python cold starts from stem cells forked by the zygote: the function gets its own
// environment, cwd and sys.path exactly as a fresh interpreter would have them (compared with
// a Nimbus without stem cells in the same run), boto3 pre-imported but seeing the function's
// environment, and a boto3 the function vendors wins over the pre-imported one.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import type { InvocationRecord } from '../invoke/records';
import { createFunction, eventually, json, startTestNimbus, tail, type TestNimbus } from './harness';

const PROBE = `import os, sys
started_in = os.getcwd()

def handler(event, context):
    parent = open("/proc/%d/environ" % os.getppid(), "rb").read().split(b"\\0")
    return {"env": dict(os.environ), "cwd": os.getcwd(), "started_in": started_in, "path": sys.path,
            "argv": sys.argv, "function_name": context.function_name, "pid": os.getpid(), "ppid": os.getppid(),
            "forked": b"_NIMBUS_ZYGOTE=1" in parent}
`;

const py = (t: TestNimbus, name: string, files: Record<string, string>, env?: Record<string, string>) =>
  createFunction(t.lambda, name, files, { runtime: 'python3.12', handler: 'app.handler', env });

const invoke = (t: TestNimbus, name: string) =>
  t.lambda.send(new InvokeCommand({ FunctionName: name, Payload: '{}', LogType: 'Tail' }));

/** Waits until a cell is ready: creating a function keeps one ready for its runtime. */
const cellReady = (t: TestNimbus) => eventually(() => (t.server.pool.stemCellCounts()?.ready ?? 0) > 0, 10_000);

describe('python stem cells', () => {
  let t: TestNimbus;
  let fresh: TestNimbus;
  const records: InvocationRecord[] = [];
  before(async () => {
    [t, fresh] = await Promise.all([startTestNimbus(), startTestNimbus({ stemCells: false })]);
    t.server.records.subscribe((r) => records.push(r));
  });
  after(() => Promise.all([t.close(), fresh.close()]));

  it('become the function with its own environment, cwd and sys.path, as a fresh start', async () => {
    await py(t, 'probe', { 'app.py': PROBE }, { COLOUR: 'blue' });
    await cellReady(t);
    const out = await invoke(t, 'probe');
    assert.equal(out.FunctionError, undefined, Buffer.from(out.Payload!).toString());
    assert.equal(records.at(-1)?.start, 'prewarmed');
    assert.match(tail(out.LogResult), /REPORT RequestId: .*Init Duration: \d+\.\d\d ms/);
    const p = json(out.Payload);
    assert.equal(p.forked, true, 'the cell was forked by the zygote');
    assert.equal(p.function_name, 'probe');
    assert.equal(p.env.COLOUR, 'blue');
    assert.equal(p.env.AWS_LAMBDA_FUNCTION_NAME, 'probe');
    assert.equal(p.env.AWS_EXECUTION_ENV, 'AWS_Lambda_python3.12');
    for (const k of ['_NIMBUS_STEM_CELL', '_NIMBUS_RUNTIME_FD', '_NIMBUS_ZYGOTE', 'NODE_CHANNEL_FD']) assert.equal(p.env[k], undefined, k);
    assert.equal(p.cwd, p.env.LAMBDA_TASK_ROOT);
    assert.equal(p.started_in, p.env.LAMBDA_TASK_ROOT);
    assert.equal(p.path[0], p.env.LAMBDA_TASK_ROOT);

    await py(fresh, 'probe', { 'app.py': PROBE }, { COLOUR: 'blue' });
    const f = json((await invoke(fresh, 'probe')).Payload);
    assert.equal(f.forked, false);
    const task = (x: { path: string[]; env: Record<string, string> }) => x.path.map((s) => s.replace(x.env.LAMBDA_TASK_ROOT, '<task>'));
    assert.deepEqual(task(p), task(f));
    assert.deepEqual(p.argv, f.argv);
    assert.deepEqual(Object.keys(p.env).sort(), Object.keys(f.env).sort());
    // Its own process: the pid is that of the cell's.
    const status = readFileSync(`/proc/${p.pid}/status`, 'utf8');
    assert.match(status, /^Name:\s+python/m);
  });

  it('give boto3 the function\'s environment: a client made in Init reaches this Nimbus', async () => {
    await py(t, 'boto', { 'app.py': `import boto3
client = boto3.client("lambda")

def handler(event, context):
    names = [f["FunctionName"] for f in client.list_functions()["Functions"]]
    return {"version": boto3.__version__, "names": names, "region": client.meta.region_name}
` });
    await cellReady(t);
    const out = await invoke(t, 'boto');
    assert.equal(out.FunctionError, undefined, Buffer.from(out.Payload!).toString());
    assert.equal(records.at(-1)?.start, 'prewarmed');
    const p = json(out.Payload);
    assert.match(p.version, /^\d+\.\d+\.\d+$/);
    assert.ok(p.names.includes('boto') && p.names.includes('probe'), p.names);
    assert.equal(p.region, 'us-east-1');
  });

  it('let a boto3 vendored in the task root win over the pre-imported one', async () => {
    await py(t, 'vendored', {
      'app.py': 'import os, boto3, botocore\ndef handler(e, c):\n    return {"boto3": boto3.__version__, "file": boto3.__file__, '
        + '"root": os.environ["LAMBDA_TASK_ROOT"], "botocore": botocore.__version__}\n',
      'boto3/__init__.py': "__version__ = 'vendored'\n",
    });
    await cellReady(t);
    const out = await invoke(t, 'vendored');
    assert.equal(out.FunctionError, undefined, Buffer.from(out.Payload!).toString());
    assert.equal(records.at(-1)?.start, 'prewarmed');
    const p = json(out.Payload);
    assert.equal(p.boto3, 'vendored');
    assert.equal(p.file, `${p.root}/boto3/__init__.py`);
    assert.match(p.botocore, /^\d+\.\d+\.\d+$/);
  });

  it('start a function that sets a PYTHON* start-up variable in an interpreter of its own', async () => {
    await py(t, 'own', { 'app.py': PROBE }, { PYTHONDONTWRITEBYTECODE: '1' });
    const out = await invoke(t, 'own');
    assert.equal(records.at(-1)?.start, 'cold');
    const p = json(out.Payload);
    assert.equal(p.forked, false);
    assert.equal(p.env.PYTHONDONTWRITEBYTECODE, '1');
  });

  it('survive the zygote\'s end: the cells it forked end, and the next cold start has a new zygote', async () => {
    const before = json((await invoke(t, 'probe')).Payload);
    assert.equal(before.forked, true);
    process.kill(before.ppid, 'SIGKILL');
    await eventually(() => !t.server.pool.environments().some((e) => e.pid === before.pid), 10_000);
    await py(t, 'after', { 'app.py': PROBE });
    await cellReady(t);
    const out = await invoke(t, 'after');
    assert.equal(out.FunctionError, undefined, Buffer.from(out.Payload!).toString());
    const p = json(out.Payload);
    assert.equal(p.forked, true);
    assert.notEqual(p.ppid, before.ppid);
  });
});
