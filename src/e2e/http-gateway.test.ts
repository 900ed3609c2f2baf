// Deploys the examples (a serverless.yml HTTP API and a SAM app) into a real Nimbus and
// calls them over HTTP, as API Gateway would be called.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestNimbus, type TestNimbus } from './harness';

const EXAMPLES = join(__dirname, '..', '..', 'examples');

describe('HTTP gateway with deployed projects', () => {
  let t: TestNimbus;
  let http: string;
  before(async () => {
    t = await startTestNimbus();
    http = t.server.httpUrl;
  });
  after(() => t.close());

  it('serves the serverless.yml HTTP API example with payload 2.0 events', async () => {
    const out = await t.server.deployer.deploy(join(EXAMPLES, 'http-api'));
    assert.equal(out.stackName, 'nimbus-http-api-dev');
    assert.deepEqual(out.endpoints.map((e) => `${e.method} ${e.url}`).sort(), [`GET ${http}/`, `GET ${http}/users/{id}`]);
    const res = await fetch(`${http}/?a=1&a=2`, { headers: { cookie: 'k=v' } });
    assert.equal(res.status, 200);
    const body = JSON.parse(await res.text());
    assert.match(body.message, /^Hello from Nimbus!/);
    assert.equal(body.input.version, '2.0');
    assert.equal(body.input.routeKey, 'GET /');
    assert.equal(body.input.rawQueryString, 'a=1&a=2');
    assert.deepEqual(body.input.queryStringParameters, { a: '1,2' });
    assert.deepEqual(body.input.cookies, ['k=v']);
    assert.equal(body.input.requestContext.http.method, 'GET');
    const user = await fetch(`${http}/users/42`);
    assert.equal(user.headers.get('content-type'), 'application/json');
    assert.deepEqual(await user.json(), { id: '42', query: {} });
    const missing = await fetch(`${http}/nowhere`);
    assert.equal(missing.status, 404);
    assert.deepEqual(await missing.json(), { message: 'Not Found' });
  });

  it('serves the SAM example: REST under the Prod stage with v1 events, and an HTTP API route', async () => {
    const out = await t.server.deployer.deploy(join(EXAMPLES, 'sam-app'));
    assert.equal(out.stackName, 'sam-app');
    assert.match(out.functions[0].functionName, /^sam-app-HelloWorldFunction-[A-Z0-9]{12}$/);
    const rest = await fetch(`${http}/Prod/hello`);
    assert.equal(rest.status, 200);
    assert.deepEqual(await rest.json(), { message: 'hello world', path: '/hello' });
    const v2 = await fetch(`${http}/hi`);
    assert.deepEqual(await v2.json(), { message: 'hello world', path: '/hi' });
    const noStage = await fetch(`${http}/Prod/nope`);
    assert.equal(noStage.status, 403);
    assert.deepEqual(await noStage.json(), { message: 'Missing Authentication Token' });
    const again = await t.server.deployer.deploy(join(EXAMPLES, 'sam-app'));
    assert.equal(again.functions[0].functionName, out.functions[0].functionName, 'redeploys keep the generated name');
  });

  it('answers function errors, malformed responses and oversized bodies as API Gateway does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nimbus-gw-'));
    writeFileSync(join(dir, 'serverless.yml'), [
      'service: edge', 'provider:', '  name: aws', '  runtime: nodejs20.x', 'functions:',
      '  boom:', '    handler: h.boom', '    events:', '      - http: GET boom', '      - httpApi: GET /boom',
      '  bad:', '    handler: h.bad', '    events:', '      - http: POST bad',
    ].join('\n'));
    writeFileSync(join(dir, 'h.js'), 'exports.boom = async () => { throw new Error("x"); }; exports.bad = async () => ({ statusCode: "nope" });');
    await t.server.deployer.deploy(dir);
    const restErr = await fetch(`${http}/dev/boom`);
    assert.equal(restErr.status, 502);
    assert.deepEqual(await restErr.json(), { message: 'Internal server error' });
    const httpErr = await fetch(`${http}/boom`);
    assert.equal(httpErr.status, 500);
    const malformed = await fetch(`${http}/dev/bad`, { method: 'POST', body: '{}' });
    assert.equal(malformed.status, 502);
    const big = await fetch(`${http}/dev/bad`, { method: 'POST', body: Buffer.alloc(10 * 1024 * 1024 + 1, 97) });
    assert.equal(big.status, 413);
  });

  it('refuses a project whose routes collide with a deployed one, naming both', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nimbus-gw-'));
    cpSync(join(EXAMPLES, 'http-api'), dir, { recursive: true });
    writeFileSync(join(dir, 'serverless.yml'), 'service: other\nprovider:\n  name: aws\n  runtime: nodejs20.x\n'
      + 'functions:\n  api:\n    handler: index.handler\n    events:\n      - httpApi: GET /\n');
    await assert.rejects(t.server.deployer.deploy(dir), /other.*GET \//s);
  });
});

describe('TypeScript handlers', () => {
  it('bundles a .ts handler with esbuild, and stack traces point at the .ts lines', async () => {
    const t = await startTestNimbus();
    try {
      const dir = mkdtempSync(join(tmpdir(), 'nimbus-ts-'));
      require('node:fs').mkdirSync(join(dir, 'src'));
      writeFileSync(join(dir, 'serverless.yml'), 'service: ts\nprovider:\n  name: aws\n  runtime: nodejs20.x\n'
        + 'functions:\n  users:\n    handler: src/users.get\n    events:\n      - httpApi: GET /u/{id}\n');
      writeFileSync(join(dir, 'src', 'users.ts'), [
        'interface User { id: string; name: string }',
        'const find = (id: string): User => ({ id, name: `user ${id}` });',
        'export const get = async (event: { pathParameters: { id: string } }) => {',
        '  if (event.pathParameters.id === "fail") {',
        '    throw new Error("no such user");',
        '  }',
        '  return find(event.pathParameters.id);',
        '};',
      ].join('\n'));
      await t.server.deployer.deploy(dir);
      assert.deepEqual(await (await fetch(`${t.server.httpUrl}/u/7`)).json(), { id: '7', name: 'user 7' });
      const { InvokeCommand } = await import('@aws-sdk/client-lambda');
      const r = await t.lambda.send(new InvokeCommand({ FunctionName: 'ts-dev-users', Payload: JSON.stringify({ pathParameters: { id: 'fail' } }) }));
      const err = JSON.parse(Buffer.from(r.Payload!).toString());
      assert.equal(err.errorMessage, 'no such user');
      assert.ok(err.trace.some((l: string) => /src\/users\.ts:5:\d+/.test(l)), err.trace.join('\n'));
    } finally {
      await t.close();
    }
  });
});
