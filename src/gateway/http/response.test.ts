// Mapping function results to HTTP responses: format 1.0 merge rules, format 2.0
// inference and cookies, base64 bodies, malformed results, API Gateway's error bodies.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mapV1Response, mapV2Response, errorResponses, type MappedResponse } from './response';

const j = (v: unknown) => Buffer.from(JSON.stringify(v));
function ok(r: ReturnType<typeof mapV1Response>): MappedResponse {
  assert.ok(!('error' in r), `expected a response, got ${JSON.stringify(r)}`);
  return r;
}

test('v1: statusCode, headers, body', () => {
  const r = ok(mapV1Response(j({ statusCode: 201, headers: { 'Content-Type': 'text/plain', 'X-N': 5 }, body: 'made' })));
  assert.equal(r.statusCode, 201);
  assert.deepEqual(r.headers, [['Content-Type', 'text/plain'], ['X-N', '5']]);
  assert.equal(r.body.toString(), 'made');
  assert.equal(ok(mapV1Response(j({ statusCode: 204 }))).body.length, 0);
});

test('v1: multiValueHeaders send each value; a pair also in headers is sent once', () => {
  const r = ok(mapV1Response(j({
    statusCode: 200,
    headers: { 'Set-Cookie': 'a=1', 'X-One': 'x' },
    multiValueHeaders: { 'Set-Cookie': ['a=1', 'b=2'], Vary: ['Origin', 'Accept'] },
  })));
  assert.deepEqual(r.headers, [['Set-Cookie', 'a=1'], ['Set-Cookie', 'b=2'], ['Vary', 'Origin'], ['Vary', 'Accept'], ['X-One', 'x']]);
  const both = ok(mapV1Response(j({ statusCode: 200, headers: { 'X-A': 'h' }, multiValueHeaders: { 'X-A': ['m'] } })));
  assert.deepEqual(both.headers, [['X-A', 'm'], ['X-A', 'h']]);
});

test('v1: isBase64Encoded bodies are decoded', () => {
  const bytes = Buffer.from([0, 1, 2, 255]);
  const r = ok(mapV1Response(j({ statusCode: 200, body: bytes.toString('base64'), isBase64Encoded: true })));
  assert.deepEqual(r.body, bytes);
});

test('v1: malformed results', () => {
  const bad: unknown[] = [
    { body: 'no status' }, { statusCode: '200' }, { statusCode: 200.5 }, { statusCode: 99 }, { statusCode: 200, body: { a: 1 } },
    { statusCode: 200, headers: { a: { b: 1 } } }, { statusCode: 200, multiValueHeaders: { a: 'x' } }, 'hello', [1], null, 42,
  ];
  for (const b of bad) assert.deepEqual(mapV1Response(j(b)), { error: 'malformed' }, JSON.stringify(b));
  assert.deepEqual(mapV1Response(Buffer.from('not json')), { error: 'malformed' });
  assert.deepEqual(mapV1Response(Buffer.alloc(0)), { error: 'malformed' });
});

test('v2: a result with statusCode is used as given; cookies become set-cookie headers', () => {
  const r = ok(mapV2Response(j({ statusCode: 302, headers: { location: '/x' }, cookies: ['a=1; Path=/', 'b=2'], body: '' })));
  assert.equal(r.statusCode, 302);
  assert.deepEqual(r.headers, [['location', '/x'], ['set-cookie', 'a=1; Path=/'], ['set-cookie', 'b=2']]);
  const b = ok(mapV2Response(j({ statusCode: 200, body: Buffer.from('hi').toString('base64'), isBase64Encoded: true })));
  assert.equal(b.body.toString(), 'hi');
  assert.deepEqual(b.headers, [], 'no content-type is inferred for a full response');
});

test('v2: any other JSON is inferred as 200 application/json', () => {
  const obj = Buffer.from('{"message": "Hello from Lambda!"}');
  const r = ok(mapV2Response(obj));
  assert.equal(r.statusCode, 200);
  assert.deepEqual(r.headers, [['content-type', 'application/json']]);
  assert.equal(r.body.toString(), '{"message": "Hello from Lambda!"}', 'the JSON text as returned');
  // AWS's documented example: a returned string becomes the body.
  assert.equal(ok(mapV2Response(j('Hello from Lambda!'))).body.toString(), 'Hello from Lambda!');
  assert.equal(ok(mapV2Response(j([1, 2]))).body.toString(), '[1,2]');
  assert.equal(ok(mapV2Response(Buffer.from('null'))).body.toString(), 'null');
  assert.equal(ok(mapV2Response(j({ status: 404 }))).statusCode, 200, 'no statusCode key: inferred');
});

test('v2: malformed results', () => {
  for (const b of [{ statusCode: 'x' }, { statusCode: 200, cookies: 'a=1' }, { statusCode: 200, body: 5 }, { statusCode: 200, headers: [1] }]) {
    assert.deepEqual(mapV2Response(j(b)), { error: 'malformed' }, JSON.stringify(b));
  }
  assert.deepEqual(mapV2Response(Buffer.from('<html>')), { error: 'malformed' });
  assert.deepEqual(mapV2Response(Buffer.alloc(0)), { error: 'malformed' });
});

test('errorResponses carry API Gateway\'s status codes and bodies', () => {
  const s = (r: { statusCode: number; body: Buffer }) => [r.statusCode, r.body.toString()];
  assert.deepEqual(s(errorResponses.restBadGateway), [502, '{"message": "Internal server error"}']);
  assert.deepEqual(s(errorResponses.httpInternalError), [500, '{"message":"Internal Server Error"}']);
  assert.deepEqual(s(errorResponses.restMissingAuthToken), [403, '{"message":"Missing Authentication Token"}']);
  assert.deepEqual(s(errorResponses.httpNotFound), [404, '{"message":"Not Found"}']);
  assert.deepEqual(s(errorResponses.restTimeout), [504, '{"message": "Endpoint request timed out"}']);
  assert.deepEqual(s(errorResponses.httpTimeout), [503, '{"message":"Service Unavailable"}']);
  assert.equal(errorResponses.restRequestTooLarge.statusCode, 413);
  assert.equal(errorResponses.httpRequestTooLarge.statusCode, 413);
  for (const r of Object.values(errorResponses)) JSON.parse(r.body.toString());
});
