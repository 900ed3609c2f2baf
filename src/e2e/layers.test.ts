// Lambda layers through @aws-sdk/client-lambda: the layer API (publish, get, get by ARN,
// list with filters, delete, errors), and functions reaching their layers as on Lambda:
// a Node module from nodejs/node_modules, a Python module from python/, a later layer
// overriding an earlier one's file, a script from bin/ on PATH; then layer content after
// a restart.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  CreateFunctionCommand, DeleteLayerVersionCommand, GetFunctionConfigurationCommand, GetLayerVersionByArnCommand,
  GetLayerVersionCommand, InvokeCommand, ListLayersCommand, ListLayerVersionsCommand, PublishLayerVersionCommand,
  UpdateFunctionConfigurationCommand, waitUntilFunctionUpdatedV2, type Runtime,
} from '@aws-sdk/client-lambda';
import { strToU8, zipSync } from 'fflate';
import { createFunction, json, startTestNimbus, zip, type TestNimbus } from './harness';

const ROLE = 'arn:aws:iam::000000000000:role/lambda-role';
const greetJs = (who: string) => `module.exports = () => 'hello from ${who}';`;
const NODE_HANDLER = `const { execFileSync } = require('node:child_process');
exports.handler = async (e) => ({
  greet: require('greet')(),
  helper: e.helper ? require('helper')() : undefined,
  tool: e.tool ? execFileSync('layer-tool', { encoding: 'utf8' }).trim() : undefined,
});`;
const PY_HANDLER = 'import greet\ndef handler(event, context):\n    return {"greet": greet.hello()}\n';

/** A zip whose `bin/layer-tool` is an executable shell script. */
const toolLayer = () => zipSync({
  'bin/layer-tool': [strToU8('#!/bin/sh\necho "tool from layer"\n'), { os: 3, attrs: 0o100755 * 0x10000 }],
});

describe('Lambda layers', () => {
  let t: TestNimbus;
  const dataDir = mkdtempSync(join(tmpdir(), 'nimbus-layers-'));
  const arns: Record<string, string> = {};
  const publish = async (name: string, files: Uint8Array, runtimes: string[] = [], extra: { description?: string } = {}) => {
    const out = await t.lambda.send(new PublishLayerVersionCommand({ LayerName: name, Content: { ZipFile: files },
      CompatibleRuntimes: runtimes as Runtime[], Description: extra.description }));
    return out;
  };

  before(async () => {
    t = await startTestNimbus({ dataDir });
    arns.one = (await publish('greet-one', zip({ 'nodejs/node_modules/greet/index.js': greetJs('one'),
      'nodejs/node_modules/helper/index.js': "module.exports = () => 'helper from one';",
      'python/greet.py': 'def hello():\n    return "py from one"\n' }), ['nodejs20.x', 'python3.12'])).LayerVersionArn!;
    arns.two = (await publish('greet-two', zip({ 'nodejs/node_modules/greet/index.js': greetJs('two'),
      'python/greet.py': 'def hello():\n    return "py from two"\n' }), ['nodejs20.x'])).LayerVersionArn!;
    arns.tool = (await publish('tool', toolLayer())).LayerVersionArn!;
  });
  after(async () => {
    t.lambda.destroy();
    await t.server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('publishes, gets, lists and deletes layer versions as Lambda does', async () => {
    const v1 = await publish('api-layer', zip({ 'a.txt': 'one' }), ['nodejs20.x'], { description: 'first' });
    assert.match(v1.LayerArn!, /^arn:aws:lambda:us-east-1:\d{12}:layer:api-layer$/);
    assert.equal(v1.LayerVersionArn, `${v1.LayerArn}:1`);
    assert.equal(v1.Version, 1);
    assert.equal(v1.Description, 'first');
    assert.ok(v1.Content?.CodeSha256 && v1.Content.CodeSize! > 0 && v1.Content.Location);
    assert.match(v1.CreatedDate!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
    const v2 = await publish('api-layer', zip({ 'a.txt': 'two' }), ['python3.12']);
    assert.equal(v2.Version, 2);

    const got = await t.lambda.send(new GetLayerVersionCommand({ LayerName: 'api-layer', VersionNumber: 1 }));
    assert.deepEqual([got.Version, got.CompatibleRuntimes, got.Content?.CodeSha256], [1, ['nodejs20.x'], v1.Content?.CodeSha256]);
    const byArn = await t.lambda.send(new GetLayerVersionByArnCommand({ Arn: v2.LayerVersionArn }));
    assert.equal(byArn.Version, 2);
    const viaArnName = await t.lambda.send(new GetLayerVersionCommand({ LayerName: v1.LayerArn, VersionNumber: 2 }));
    assert.equal(viaArnName.LayerVersionArn, v2.LayerVersionArn);
    const archive = await fetch(got.Content!.Location!);
    assert.equal(archive.status, 200);

    const versions = await t.lambda.send(new ListLayerVersionsCommand({ LayerName: 'api-layer' }));
    assert.deepEqual(versions.LayerVersions!.map((v) => v.Version), [2, 1]);
    const py = await t.lambda.send(new ListLayerVersionsCommand({ LayerName: 'api-layer', CompatibleRuntime: 'python3.12' }));
    assert.deepEqual(py.LayerVersions!.map((v) => v.Version), [2]);
    const page = await t.lambda.send(new ListLayerVersionsCommand({ LayerName: 'api-layer', MaxItems: 1 }));
    assert.deepEqual(page.LayerVersions!.map((v) => v.Version), [2]);
    const next = await t.lambda.send(new ListLayerVersionsCommand({ LayerName: 'api-layer', MaxItems: 1, Marker: page.NextMarker }));
    assert.deepEqual([next.LayerVersions!.map((v) => v.Version), next.NextMarker], [[1], undefined]);

    const layers = await t.lambda.send(new ListLayersCommand({ CompatibleRuntime: 'nodejs20.x' }));
    const api = layers.Layers!.find((l) => l.LayerName === 'api-layer');
    assert.equal(api?.LatestMatchingVersion?.Version, 1, 'the newest version compatible with nodejs20.x');
    assert.ok(!layers.Layers!.some((l) => l.LayerName === 'tool'), 'a layer without compatible runtimes is filtered out');

    await t.lambda.send(new DeleteLayerVersionCommand({ LayerName: 'api-layer', VersionNumber: 2 }));
    await t.lambda.send(new DeleteLayerVersionCommand({ LayerName: 'api-layer', VersionNumber: 2 })); // idempotent
    await assert.rejects(t.lambda.send(new GetLayerVersionCommand({ LayerName: 'api-layer', VersionNumber: 2 })),
      { name: 'ResourceNotFoundException' });
    const v3 = await publish('api-layer', zip({ 'a.txt': 'three' }));
    assert.equal(v3.Version, 3, 'numbers are never reused');
  });

  it('refuses what Lambda refuses', async () => {
    await assert.rejects(t.lambda.send(new PublishLayerVersionCommand({ LayerName: 'bad', Content: { S3Bucket: 'b', S3Key: 'k' } })),
      (e: Error) => e.name === 'InvalidParameterValueException' && /ZipFile/.test(e.message));
    await assert.rejects(t.lambda.send(new PublishLayerVersionCommand({ LayerName: 'bad name', Content: { ZipFile: zip({ a: 'a' }) } })),
      { name: 'ValidationException' });
    await assert.rejects(t.lambda.send(new PublishLayerVersionCommand({ LayerName: 'bad', Content: { ZipFile: zip({ a: 'a' }) },
      CompatibleRuntimes: ['cobol' as Runtime] })), { name: 'ValidationException' });
    await assert.rejects(t.lambda.send(new GetLayerVersionByArnCommand({ Arn: 'arn:aws:lambda:us-east-1:000000000000:layer:nope' })),
      { name: 'ValidationException' });
    const create = (layers: string[]) => t.lambda.send(new CreateFunctionCommand({ FunctionName: 'layered-bad', Runtime: 'nodejs20.x',
      Role: ROLE, Handler: 'index.handler', Code: { ZipFile: zip({ 'index.js': NODE_HANDLER }) }, Layers: layers }));
    await assert.rejects(create(Array.from({ length: 6 }, (_, i) => `${arns.one.replace(/greet-one:1$/, `l${i}`)}:1`)),
      { name: 'InvalidParameterValueException', message: 'Cannot reference more than 5 layers.' });
    const unknown = arns.one.replace(/:1$/, ':9');
    await assert.rejects(create([unknown]), { name: 'InvalidParameterValueException', message: `Layer version ${unknown} does not exist.` });
    await assert.rejects(create(['not-an-arn']), (e: Error) => e.name === 'ValidationException' && /at 'layers'/.test(e.message));
  });

  it('a Node function requires modules from its layers, the later layer winning, and runs a layer binary', async () => {
    await t.lambda.send(new CreateFunctionCommand({ FunctionName: 'layered-node', Runtime: 'nodejs20.x', Role: ROLE,
      Handler: 'index.handler', Code: { ZipFile: zip({ 'index.js': NODE_HANDLER }) }, Layers: [arns.one, arns.two, arns.tool] }));
    const cfg = await t.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'layered-node' }));
    assert.deepEqual(cfg.Layers?.map((l) => l.Arn), [arns.one, arns.two, arns.tool]);
    assert.ok(cfg.Layers!.every((l) => l.CodeSize! > 0));
    const invoke = async (payload: object) => json((await t.lambda.send(new InvokeCommand({ FunctionName: 'layered-node',
      Payload: Buffer.from(JSON.stringify(payload)) }))).Payload);
    assert.deepEqual(await invoke({ helper: true, tool: true }),
      { greet: 'hello from two', helper: 'helper from one', tool: 'tool from layer' });

    const before = cfg.RevisionId;
    const updated = await t.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'layered-node', Layers: [arns.two, arns.one] }));
    assert.notEqual(updated.RevisionId, before);
    await waitUntilFunctionUpdatedV2({ client: t.lambda, maxWaitTime: 30, minDelay: 1, maxDelay: 1 }, { FunctionName: 'layered-node' });
    assert.deepEqual(await invoke({}), { greet: 'hello from one' }, 'a new environment uses the new order');
  });

  it('a Python function imports from its layers, the later layer winning', async () => {
    await createFunction(t.lambda, 'layered-py', { 'app.py': PY_HANDLER }, { runtime: 'python3.12', handler: 'app.handler' });
    await t.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'layered-py', Layers: [arns.one] }));
    const invoke = async () => json((await t.lambda.send(new InvokeCommand({ FunctionName: 'layered-py' }))).Payload);
    assert.deepEqual(await invoke(), { greet: 'py from one' });
    await t.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'layered-py', Layers: [arns.one, arns.two] }));
    assert.deepEqual(await invoke(), { greet: 'py from two' });
  });

  it('a deleted layer version still serves the functions using it, and layers survive a restart', async () => {
    const v = await publish('short-lived', zip({ 'nodejs/node_modules/greet/index.js': greetJs('short-lived') }));
    await t.lambda.send(new CreateFunctionCommand({ FunctionName: 'layered-keep', Runtime: 'nodejs20.x', Role: ROLE,
      Handler: 'index.handler', Code: { ZipFile: zip({ 'index.js': NODE_HANDLER }) }, Layers: [v.LayerVersionArn!] }));
    await t.lambda.send(new DeleteLayerVersionCommand({ LayerName: 'short-lived', VersionNumber: 1 }));
    t.lambda.destroy();
    await t.server.stop();
    t = await startTestNimbus({ dataDir });
    const out = await t.lambda.send(new InvokeCommand({ FunctionName: 'layered-keep' }));
    assert.deepEqual(json(out.Payload), { greet: 'hello from short-lived' });
    const one = await t.lambda.send(new GetLayerVersionByArnCommand({ Arn: arns.one }));
    assert.ok(one.LayerArn?.endsWith(':greet-one'));
  });
});
