// CORS decisions for an HTTP API's CorsConfig: preflight answers, headers added to normal
// responses, origin patterns, credentials, and the function's own CORS headers replaced.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CorsConfig } from '../../deploy/plan';
import { isPreflight, originAllowed, preflightResponse, corsResponseHeaders, withCors } from './cors';

const open: CorsConfig = { allowOrigins: ['*'], allowMethods: ['*'], allowHeaders: ['Content-Type', 'Authorization'] };
const strict: CorsConfig = {
  allowOrigins: ['https://app.example.com', 'https://*.example.org'], allowMethods: ['GET', 'POST'],
  allowHeaders: ['content-type'], exposeHeaders: ['x-request-id'], allowCredentials: true, maxAge: 600,
};

test('a preflight is OPTIONS with Origin and Access-Control-Request-Method', () => {
  assert.equal(isPreflight('OPTIONS', 'https://a', 'POST'), true);
  assert.equal(isPreflight('options', 'https://a', 'POST'), true);
  assert.equal(isPreflight('OPTIONS', 'https://a', undefined), false);
  assert.equal(isPreflight('OPTIONS', undefined, 'POST'), false);
  assert.equal(isPreflight('GET', 'https://a', 'POST'), false);
});

test('origin patterns: *, exact (case-insensitive), and a wildcard subdomain', () => {
  assert.equal(originAllowed(open, 'https://anything.test'), true);
  assert.equal(originAllowed(strict, 'https://APP.example.com'), true);
  assert.equal(originAllowed(strict, 'https://a.b.example.org'), true);
  assert.equal(originAllowed(strict, 'https://example.org'), false);
  assert.equal(originAllowed(strict, 'https://evil.com'), false);
});

test('preflight with an open config answers 204 with wildcard origin', () => {
  const r = preflightResponse(open, 'https://x.test', 'DELETE', 'content-type');
  assert.equal(r.statusCode, 204);
  assert.deepEqual(r.headers, [
    ['access-control-allow-origin', '*'],
    ['access-control-allow-methods', '*'],
    ['access-control-allow-headers', 'Content-Type,Authorization'],
  ]);
});

test('preflight with credentials echoes the origin and adds credentials and max-age', () => {
  const r = preflightResponse(strict, 'https://app.example.com', 'post');
  assert.deepEqual(r.headers, [
    ['access-control-allow-origin', 'https://app.example.com'],
    ['vary', 'Origin'],
    ['access-control-allow-credentials', 'true'],
    ['access-control-allow-methods', 'GET,POST'],
    ['access-control-allow-headers', 'content-type'],
    ['access-control-max-age', '600'],
  ]);
});

test('preflight for a disallowed origin or method gets 204 without CORS headers', () => {
  assert.deepEqual(preflightResponse(strict, 'https://evil.com', 'GET'), { statusCode: 204, headers: [] });
  assert.deepEqual(preflightResponse(strict, 'https://app.example.com', 'DELETE'), { statusCode: 204, headers: [] });
});

test('normal responses get allow-origin, credentials and expose-headers only for allowed origins', () => {
  assert.deepEqual(corsResponseHeaders(open, 'https://x.test'), [['access-control-allow-origin', '*']]);
  assert.deepEqual(corsResponseHeaders(strict, 'https://app.example.com'), [
    ['access-control-allow-origin', 'https://app.example.com'],
    ['vary', 'Origin'],
    ['access-control-allow-credentials', 'true'],
    ['access-control-expose-headers', 'x-request-id'],
  ]);
  assert.deepEqual(corsResponseHeaders(strict, 'https://evil.com'), []);
  assert.deepEqual(corsResponseHeaders(open, undefined), []);
});

test('withCors replaces the function\'s own access-control-* headers', () => {
  const fn: [string, string][] = [['Content-Type', 'text/plain'], ['Access-Control-Allow-Origin', 'https://wrong'], ['x-a', '1']];
  assert.deepEqual(withCors(fn, open, 'https://x.test'), [['Content-Type', 'text/plain'], ['x-a', '1'], ['access-control-allow-origin', '*']]);
  assert.deepEqual(withCors(fn, strict, 'https://evil.com'), [['Content-Type', 'text/plain'], ['x-a', '1']]);
});
