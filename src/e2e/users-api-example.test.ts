// examples/users-api deployed as a user would deploy it, once per handler (Python with boto3,
// Node with the Document client), each on a server of its own (they serve the same paths):
// the deploy creates the users table, and the HTTP API creates, reads, misses and refuses users.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { startTestNimbus } from './harness';

const EXAMPLES = join(__dirname, '..', '..', 'examples', 'users-api');

async function call(base: string, method: string, path: string, body?: string): Promise<{ status: number; json: any }> {
  const r = await fetch(`${base}${path}`, { method, body, headers: body === undefined ? {} : { 'content-type': 'application/json' } });
  const text = await r.text();
  return { status: r.status, json: text ? JSON.parse(text) : undefined };
}

for (const [lang, table] of [['python', 'users-python'], ['node', 'users-node']] as const) {
  test(`users-api (${lang}): create, get, missing, bad input, duplicate`, async () => {
    const t = await startTestNimbus({ stemCells: false });
    const ddb = new DynamoDBClient({ endpoint: t.server.awsUrl, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 });
    try {
      const result = await t.server.deployer.deploy(join(EXAMPLES, lang));
      assert.deepEqual(result.notices, []);
      assert.deepEqual(result.endpoints.map((e) => `${e.method} ${e.url.slice(t.server.httpUrl.length)}`).sort(), ['GET /users/{id}', 'POST /users']);
      const base = t.server.httpUrl;

      const created = await call(base, 'POST', '/users', JSON.stringify({ id: 'ann', name: 'Ann', email: 'ann@example.com' }));
      assert.equal(created.status, 201, JSON.stringify(created.json));
      assert.deepEqual({ ...created.json, createdAt: undefined }, { id: 'ann', name: 'Ann', email: 'ann@example.com', createdAt: undefined });
      assert.ok(!Number.isNaN(Date.parse(created.json.createdAt)));

      const got = await call(base, 'GET', '/users/ann');
      assert.deepEqual([got.status, got.json], [200, created.json]);
      // The item is in the table the deploy created.
      const item = (await ddb.send(new GetItemCommand({ TableName: table, Key: { id: { S: 'ann' } } }))).Item;
      assert.deepEqual(item?.email, { S: 'ann@example.com' });

      const generated = await call(base, 'POST', '/users', JSON.stringify({ name: 'Bob', email: 'bob@example.com' }));
      assert.equal(generated.status, 201);
      assert.match(generated.json.id, /^[0-9a-f-]{36}$/);
      assert.equal((await call(base, 'GET', `/users/${generated.json.id}`)).json.name, 'Bob');

      const missing = await call(base, 'GET', '/users/nobody');
      assert.deepEqual([missing.status, missing.json], [404, { message: 'user nobody not found' }]);

      const bad = await Promise.all([
        call(base, 'POST', '/users', 'not json'),
        call(base, 'POST', '/users', JSON.stringify({ name: 'NoEmail' })),
        call(base, 'POST', '/users', JSON.stringify({ name: '', email: 'x@example.com' })),
        call(base, 'POST', '/users', JSON.stringify(['a list'])),
      ]);
      assert.deepEqual(bad.map((b) => [b.status, b.json.message]), [
        [400, 'the body must be JSON'], [400, 'email is required (an email address)'],
        [400, 'name is required (a non-empty string)'], [400, 'the body must be a JSON object']]);

      const duplicate = await call(base, 'POST', '/users', JSON.stringify({ id: 'ann', name: 'Other', email: 'o@example.com' }));
      assert.deepEqual([duplicate.status, duplicate.json], [409, { message: 'user ann already exists' }]);
      assert.equal((await call(base, 'GET', '/users/ann')).json.name, 'Ann');
    } finally {
      ddb.destroy();
      await t.close();
    }
  });
}
