// Value checks for the v1 and v2 events: repeated headers and query parameters, cookies,
// base64 bodies, fresh request ids, and API Gateway's time format.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PlannedRoute } from '../../deploy/plan';
import { buildV1Event } from './event-v1';
import { buildV2Event } from './event-v2';
import { requestTime, parseQuery, type HttpRequestInput } from './request-parts';

type Obj = Record<string, any>;

function input(kind: 'rest' | 'http', over: Partial<HttpRequestInput> = {}): HttpRequestInput {
  const route: PlannedRoute = { apiId: 'Api', kind, payloadFormat: kind === 'rest' ? '1.0' : '2.0', method: 'GET', path: '/users/{id}', functionLogicalId: 'f', stage: kind === 'rest' ? 'dev' : '$default' };
  return {
    method: 'GET', rawPath: kind === 'rest' ? '/dev/users/7' : '/users/7', rawQuery: '',
    headers: ['Host', 'abcdef1234.execute-api.localhost:3000', 'User-Agent', 'curl/8'], body: Buffer.alloc(0),
    sourceIp: '127.0.0.1', protocol: 'HTTP/1.1', host: 'abcdef1234.execute-api.localhost:3000',
    match: { entry: { route, functionName: 'f' }, pathParameters: { id: '7' }, resourcePath: '/users/{id}', routeKey: 'GET /users/{id}', path: '/users/7', stagePath: kind === 'rest' ? '/dev/users/7' : '/users/7' },
    accountId: '000000000000', apiId: 'abcdef1234', now: Date.UTC(2024, 0, 5, 3, 4, 5, 678), ...over,
  };
}

test('time format is dd/MMM/yyyy:HH:mm:ss +0000 in UTC', () => {
  assert.equal(requestTime(1587481701067), '21/Apr/2020:15:08:21 +0000');
  assert.equal(requestTime(Date.UTC(2024, 0, 5, 3, 4, 5)), '05/Jan/2024:03:04:05 +0000');
  const v1 = buildV1Event(input('rest')).requestContext as Obj;
  assert.equal(v1.requestTime, '05/Jan/2024:03:04:05 +0000');
  assert.equal(v1.requestTimeEpoch, Date.UTC(2024, 0, 5, 3, 4, 5, 678));
  const v2 = buildV2Event(input('http')).requestContext as Obj;
  assert.equal(v2.time, '05/Jan/2024:03:04:05 +0000');
  assert.equal(v2.timeEpoch, Date.UTC(2024, 0, 5, 3, 4, 5, 678));
});

test('every event gets a fresh requestId unless the caller gives one', () => {
  const a = (buildV1Event(input('rest')).requestContext as Obj).requestId;
  const b = (buildV1Event(input('rest')).requestContext as Obj).requestId;
  const c = (buildV2Event(input('http')).requestContext as Obj).requestId;
  const d = (buildV2Event(input('http')).requestContext as Obj).requestId;
  assert.equal(new Set([a, b, c, d]).size, 4);
  assert.equal((buildV2Event(input('http', { requestId: 'given' })).requestContext as Obj).requestId, 'given');
});

test('v1: last header value wins in headers, all values in multiValueHeaders, client casing kept', () => {
  const e = buildV1Event(input('rest', { headers: ['X-Tag', 'a', 'x-tag', 'b', 'Accept', '*/*'] }));
  assert.deepEqual(e.headers, { 'X-Tag': 'b', Accept: '*/*' });
  assert.deepEqual(e.multiValueHeaders, { 'X-Tag': ['a', 'b'], Accept: ['*/*'] });
  assert.equal(buildV1Event(input('rest', { headers: [] })).headers, null);
});

test('v1: query strings single and multi-valued, null when none; pathParameters null when none', () => {
  const e = buildV1Event(input('rest', { rawQuery: 'a=1&a=2&b=x%20y&flag' }));
  assert.deepEqual(e.queryStringParameters, { a: '2', b: 'x y', flag: '' });
  assert.deepEqual(e.multiValueQueryStringParameters, { a: ['1', '2'], b: ['x y'], flag: [''] });
  const none = input('rest');
  none.match = { ...none.match, pathParameters: null };
  const n = buildV1Event(none);
  assert.equal(n.queryStringParameters, null);
  assert.equal(n.multiValueQueryStringParameters, null);
  assert.equal(n.pathParameters, null);
  assert.equal(n.stageVariables, null);
  assert.equal(n.body, null);
  assert.equal(n.isBase64Encoded, false);
});

test('v1 REST: text passes as is, invalid UTF-8 travels as base64', () => {
  const text = buildV1Event(input('rest', { body: Buffer.from('héllo'), headers: ['Content-Type', 'application/octet-stream'] }));
  assert.deepEqual([text.body, text.isBase64Encoded], ['héllo', false]);
  const bin = Buffer.from([0xff, 0xfe, 0x00, 0x01]);
  const b = buildV1Event(input('rest', { body: bin }));
  assert.deepEqual([b.body, b.isBase64Encoded], [bin.toString('base64'), true]);
});

test('v1 on an HTTP API (payload 1.0) carries version "1.0" and the HTTP API body rules', () => {
  const e = buildV1Event(input('http', { body: Buffer.from('a=1'), headers: ['Content-Type', 'application/x-www-form-urlencoded'] }));
  assert.equal(e.version, '1.0');
  assert.deepEqual([e.body, e.isBase64Encoded], [Buffer.from('a=1').toString('base64'), true]);
  assert.equal((e.requestContext as Obj).stage, '$default');
  assert.equal((e.requestContext as Obj).resourceId, 'GET /users/{id}');
});

test('v2: lower-case headers, repeats joined with commas, cookies moved to cookies[]', () => {
  const e = buildV2Event(input('http', {
    headers: ['X-Tag', 'a', 'x-tag', 'b', 'Cookie', 'a=1; b=2', 'cookie', 'c=3', 'User-Agent', 'ua/1'],
  }));
  assert.deepEqual(e.headers, { 'x-tag': 'a,b', 'user-agent': 'ua/1' });
  assert.deepEqual(e.cookies, ['a=1', 'b=2', 'c=3']);
  assert.equal((e.requestContext as Obj).http.userAgent, 'ua/1');
  assert.equal('cookies' in buildV2Event(input('http')), false);
});

test('v2: query repeats joined with commas; optional fields absent when empty', () => {
  const e = buildV2Event(input('http', { rawQuery: 'p=1&p=2&q=a%2Cb' }));
  assert.equal(e.rawQueryString, 'p=1&p=2&q=a%2Cb');
  assert.deepEqual(e.queryStringParameters, { p: '1,2', q: 'a,b' });
  assert.deepEqual(e.pathParameters, { id: '7' });
  assert.equal(e.routeKey, 'GET /users/{id}');
  assert.equal((e.requestContext as Obj).routeKey, 'GET /users/{id}');
  const none = input('http');
  none.match = { ...none.match, pathParameters: null };
  const n = buildV2Event(none);
  for (const k of ['queryStringParameters', 'pathParameters', 'body', 'cookies', 'stageVariables']) assert.equal(k in n, false, k);
  assert.equal(n.isBase64Encoded, false);
});

test('v2: text content types as text, everything else base64', () => {
  const json = buildV2Event(input('http', { body: Buffer.from('{"a":1}'), headers: ['Content-Type', 'application/json; charset=utf-8'] }));
  assert.deepEqual([json.body, json.isBase64Encoded], ['{"a":1}', false]);
  const vnd = buildV2Event(input('http', { body: Buffer.from('<a/>'), headers: ['content-type', 'application/atom+xml'] }));
  assert.equal(vnd.isBase64Encoded, false);
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47]);
  const bin = buildV2Event(input('http', { body: png, headers: ['Content-Type', 'image/png'] }));
  assert.deepEqual([bin.body, bin.isBase64Encoded], [png.toString('base64'), true]);
  const untyped = buildV2Event(input('http', { body: Buffer.from('x') }));
  assert.equal(untyped.isBase64Encoded, true);
});

test('v2: domainName is the Host, domainPrefix its first label', () => {
  const rc = buildV2Event(input('http')).requestContext as Obj;
  assert.equal(rc.domainName, 'abcdef1234.execute-api.localhost:3000');
  assert.equal(rc.domainPrefix, 'abcdef1234');
  assert.deepEqual(rc.http, { method: 'GET', path: '/users/7', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'curl/8' });
});

test('parseQuery keeps order, empty values and undecodable text', () => {
  assert.deepEqual(parseQuery('a=%zz&&b=&c'), [['a', '%zz'], ['b', ''], ['c', '']]);
  assert.deepEqual(parseQuery(''), []);
});
