// The AWS SDK inside functions talks to this Nimbus with no code change: the Node runtime
// provides the SDK for JavaScript v3 (required without bundling it), every function gets
// AWS_ENDPOINT_URL and credentials, the SDK v2 (which ignores that variable) is redirected
// by the runtime, and boto3 in the Python runtime reads the variable itself.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { createFunction, json, startTestNimbus, tail, type TestNimbus } from './harness';

const V3 = `const { LambdaClient, InvokeCommand } = require('@aws-sdk/client-lambda');
const lambda = new LambdaClient({});
exports.handler = async () => {
  const out = await lambda.send(new InvokeCommand({ FunctionName: 'target', Payload: JSON.stringify({ from: 'v3' }) }));
  return { endpoint: process.env.AWS_ENDPOINT_URL, answer: JSON.parse(Buffer.from(out.Payload).toString()) };
};`;

/** The Lambda console's default handler style: index.mjs importing the runtime's SDK. */
const V3_ESM = `import { LambdaClient, InvokeCommand } from '@aws-sdk/client-lambda';
const lambda = new LambdaClient({});
export const handler = async () => {
  const out = await lambda.send(new InvokeCommand({ FunctionName: 'target', Payload: JSON.stringify({ from: 'esm' }) }));
  return { answer: JSON.parse(Buffer.from(out.Payload).toString()) };
};`;

const V2 = `const AWS = require('aws-sdk');
exports.handler = async () => {
  const out = await new AWS.Lambda().invoke({ FunctionName: 'target', Payload: JSON.stringify({ from: 'v2' }) }).promise();
  return { answer: JSON.parse(out.Payload.toString()), s3PathStyle: new AWS.S3().config.s3ForcePathStyle };
};`;

const PY = `import json, boto3
client = boto3.client('lambda')
def handler(event, context):
    out = client.invoke(FunctionName='target', Payload=json.dumps({'from': 'boto3'}))
    return {'answer': json.loads(out['Payload'].read())}
`;

describe('the AWS SDK inside functions', () => {
  let t: TestNimbus;
  before(async () => {
    t = await startTestNimbus();
    await createFunction(t.lambda, 'target', { 'index.js': 'exports.handler = async (e) => ({ hello: e.from });' });
  });
  after(() => t.close());

  const call = async (name: string) => {
    const out = await t.lambda.send(new InvokeCommand({ FunctionName: name, Payload: '{}' }));
    assert.equal(out.FunctionError, undefined, Buffer.from(out.Payload ?? []).toString());
    return json(out.Payload);
  };

  it('SDK v3, provided by the runtime, reaches Nimbus through AWS_ENDPOINT_URL', async () => {
    await createFunction(t.lambda, 'caller-v3', { 'index.js': V3 }, { timeout: 20 });
    const p = await call('caller-v3');
    assert.deepEqual(p.answer, { hello: 'v3' });
    assert.equal(p.endpoint, t.server.awsUrl);
    assert.match(p.endpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('SDK v3, provided by the runtime, is imported by an ES module handler', async () => {
    await createFunction(t.lambda, 'caller-esm', { 'index.mjs': V3_ESM }, { timeout: 20 });
    assert.deepEqual((await call('caller-esm')).answer, { hello: 'esm' });
  });

  it('SDK v2 is redirected by the runtime, with path-style S3', async () => {
    await createFunction(t.lambda, 'caller-v2', { 'index.js': V2 }, { timeout: 20 });
    const p = await call('caller-v2');
    assert.deepEqual(p.answer, { hello: 'v2' });
    assert.equal(p.s3PathStyle, true);
  });

  it('boto3 in the Python runtime reaches Nimbus', async () => {
    await createFunction(t.lambda, 'caller-py', { 'app.py': PY }, { runtime: 'python3.12', handler: 'app.handler', timeout: 20 });
    assert.deepEqual((await call('caller-py')).answer, { hello: 'boto3' });
  });

  it('does not warn a nodejs22.x function about the Node.js version Nimbus runs it on', async () => {
    await createFunction(t.lambda, 'caller-22', { 'index.js': V3 }, { timeout: 20, runtime: 'nodejs22.x' });
    const out = await t.lambda.send(new InvokeCommand({ FunctionName: 'caller-22', Payload: '{}', LogType: 'Tail' }));
    assert.equal(out.FunctionError, undefined);
    assert.doesNotMatch(tail(out.LogResult), /NodeVersionSupportWarning/);
  });
});
