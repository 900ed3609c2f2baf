// Route matching as API Gateway does it: specificity, greedy paths, $default, REST stage
// prefixes, 403 vs 404, and collisions caught at construction.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PlannedRoute } from '../../deploy/plan';
import { RouteTable, type RouteEntry, type RouteMatch } from './route-table';

function http(method: string, path: string, fn = `fn-${method}-${path}`): RouteEntry {
  const route: PlannedRoute = { apiId: 'HttpApi', kind: 'http', payloadFormat: '2.0', method, path, functionLogicalId: fn, stage: '$default' };
  return { route, functionName: fn };
}
function rest(method: string, path: string, stage = 'dev', fn = `rest-${method}-${path}`): RouteEntry {
  const route: PlannedRoute = { apiId: 'RestApi', kind: 'rest', payloadFormat: '1.0', method, path, functionLogicalId: fn, stage };
  return { route, functionName: fn };
}
function hit(table: RouteTable, method: string, path: string): RouteMatch {
  const m = table.match(method, path);
  assert.ok(!('error' in m), `expected a match for ${method} ${path}, got ${JSON.stringify(m)}`);
  return m;
}

const httpTable = new RouteTable([
  http('GET', '/users'),
  http('GET', '/users/{id}'),
  http('GET', '/users/me'),
  http('ANY', '/users/{id}/posts'),
  http('POST', '/users/{id}/posts'),
  http('GET', '/files/{proxy+}'),
  http('GET', '/files/{dir}/readme'),
  http('ANY', '/{proxy+}'),
  http('GET', '/'),
]);

test('HTTP API: literal beats parameter, parameter beats greedy', () => {
  const cases: [string, string, string, Record<string, string> | null][] = [
    ['GET', '/users', '/users', null],
    ['GET', '/users/me', '/users/me', null],
    ['GET', '/users/42', '/users/{id}', { id: '42' }],
    ['GET', '/files/a/readme', '/files/{dir}/readme', { dir: 'a' }],
    ['GET', '/files/a/b/c.txt', '/files/{proxy+}', { proxy: 'a/b/c.txt' }],
    ['GET', '/', '/', null],
    ['DELETE', '/anything/else', '/{proxy+}', { proxy: 'anything/else' }],
  ];
  for (const [method, path, resource, params] of cases) {
    const m = hit(httpTable, method, path);
    assert.equal(m.resourcePath, resource, `${method} ${path}`);
    assert.deepEqual(m.pathParameters, params, `${method} ${path}`);
  }
});

test('HTTP API: a method route beats ANY on the same path; routeKey names the route', () => {
  assert.equal(hit(httpTable, 'POST', '/users/1/posts').routeKey, 'POST /users/{id}/posts');
  assert.equal(hit(httpTable, 'PUT', '/users/1/posts').routeKey, 'ANY /users/{id}/posts');
  assert.equal(hit(httpTable, 'get', '/users').entry.functionName, 'fn-GET-/users');
});

test('HTTP API: backtracks to a less specific route when the method does not match', () => {
  const m = hit(httpTable, 'POST', '/users/me');
  assert.equal(m.resourcePath, '/{proxy+}');
  assert.deepEqual(m.pathParameters, { proxy: 'users/me' });
});

test('greedy needs at least one segment; path parameters are percent-decoded', () => {
  const t = new RouteTable([http('GET', '/files/{proxy+}'), http('GET', '/u/{name}')]);
  assert.deepEqual(t.match('GET', '/files'), { error: 'not-found' });
  assert.deepEqual(hit(t, 'GET', '/u/J%C3%BCrgen%20X').pathParameters, { name: 'Jürgen X' });
});

test('HTTP API: $default catches what no route matches; otherwise 404 not-found', () => {
  const t = new RouteTable([http('GET', '/a'), http('ANY', '$default', 'fallback')]);
  const m = hit(t, 'POST', '/a');
  assert.equal(m.routeKey, '$default');
  assert.equal(m.resourcePath, '$default');
  assert.equal(m.pathParameters, null);
  assert.equal(m.entry.functionName, 'fallback');
  assert.deepEqual(new RouteTable([http('GET', '/a')]).match('GET', '/b'), { error: 'not-found' });
});

test('REST API: routes live under the stage prefix; path drops it, stagePath keeps it', () => {
  const t = new RouteTable([rest('GET', '/users/{id}'), rest('ANY', '/{proxy+}'), rest('GET', '/')]);
  const m = hit(t, 'GET', '/dev/users/7');
  assert.equal(m.resourcePath, '/users/{id}');
  assert.equal(m.path, '/users/7');
  assert.equal(m.stagePath, '/dev/users/7');
  assert.deepEqual(m.pathParameters, { id: '7' });
  assert.equal(hit(t, 'GET', '/dev').resourcePath, '/');
  assert.equal(hit(t, 'GET', '/dev/').path, '/');
  assert.deepEqual(hit(t, 'PATCH', '/dev/x/y').pathParameters, { proxy: 'x/y' });
});

test('REST API: a miss (wrong stage, no stage, no route) is 403 missing-auth-token', () => {
  const t = new RouteTable([rest('GET', '/users')]);
  assert.deepEqual(t.match('GET', '/users'), { error: 'missing-auth-token' });
  assert.deepEqual(t.match('GET', '/prod/users'), { error: 'missing-auth-token' });
  assert.deepEqual(t.match('POST', '/dev/users'), { error: 'missing-auth-token' });
  assert.deepEqual(t.match('GET', '/'), { error: 'missing-auth-token' });
});

test('REST and HTTP APIs side by side: stage prefix selects REST, the rest is HTTP', () => {
  const t = new RouteTable([rest('GET', '/users'), http('GET', '/users')]);
  assert.equal(hit(t, 'GET', '/dev/users').entry.route.kind, 'rest');
  assert.equal(hit(t, 'GET', '/users').entry.route.kind, 'http');
  assert.deepEqual(t.match('GET', '/dev/nope'), { error: 'missing-auth-token' });
  assert.deepEqual(t.match('GET', '/nope'), { error: 'not-found' });
});

test('colliding routes are rejected at construction, naming both', () => {
  assert.throws(() => new RouteTable([http('GET', '/users/{id}', 'a'), http('GET', '/users/{name}', 'b')]),
    (e: Error) => /collision/.test(e.message) && e.message.includes('(a)') && e.message.includes('(b)'));
  assert.throws(() => new RouteTable([http('ANY', '/{proxy+}', 'a'), http('ANY', '/{rest+}', 'b')]), /collision/);
  assert.throws(() => new RouteTable([http('ANY', '$default', 'a'), http('ANY', '$default', 'b')]), /collision/);
  assert.throws(() => new RouteTable([rest('GET', '/x', 'dev', 'a'), rest('GET', '/x', 'dev', 'b')]), /collision/);
  assert.throws(() => new RouteTable([http('GET', '/{proxy+}/x')]), /greedy/);
  // Different method, stage or shape: no collision.
  assert.doesNotThrow(() => new RouteTable([
    http('GET', '/users/{id}'), http('PUT', '/users/{id}'), http('GET', '/users/{id}/x'),
    rest('GET', '/x', 'dev'), rest('GET', '/x', 'prod'),
  ]));
});
