// restJson1 helpers on a real node:http server: capped body reads (the client still
// gets the 413), error serialisation, and unexpected errors as 500 ServiceException.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AwsError } from '../kernel/aws-error';
import { parseJson, readBody, writeError, writeJson } from './rest-json';

class TooLarge extends AwsError { constructor() { super('too big', 413); } }
class Throttled extends AwsError {
  constructor() { super('Rate Exceeded.', 429, 'User', { Reason: 'CallerRateLimitExceeded' }, { 'Retry-After': '3' }); }
}

describe('rest-json', () => {
  let server: Server;
  let url: string;
  const logged: string[] = [];
  const handlers: Record<string, (req: IncomingMessage, res: ServerResponse) => Promise<void>> = {
    '/echo': async (req, res) => {
      const body = await readBody(req, { limit: 10, tooLarge: () => new TooLarge() });
      writeJson(res, 200, { got: body.toString() }, 'rid-1');
    },
    '/throttled': async (_req, res) => writeError(res, new Throttled(), 'rid-2'),
    '/bug': async (_req, res) => writeError(res, new TypeError('oops'), 'rid-3', { log: (m) => logged.push(m) }),
    '/capital': async (_req, res) => writeError(res, new TooLarge(), 'rid-4', { messageKey: () => 'Message' }),
  };

  before(async () => {
    server = createServer((req, res) => {
      handlers[req.url ?? '']?.(req, res).catch((err) => writeError(res, err, 'rid-x'));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise((r) => { server.closeAllConnections(); server.close(r); }));

  it('reads bodies within the limit and answers 413 past it', async () => {
    const ok = await fetch(`${url}/echo`, { method: 'POST', body: '0123456789' });
    assert.deepEqual([ok.status, await ok.json()], [200, { got: '0123456789' }]);
    assert.equal(ok.headers.get('x-amzn-requestid'), 'rid-1');
    const big = await fetch(`${url}/echo`, { method: 'POST', body: 'x'.repeat(100_000) });
    assert.deepEqual([big.status, big.headers.get('x-amzn-errortype'), await big.json()], [413, 'TooLarge', { Type: 'User', message: 'too big' }]);
  });

  it('serialises error fields and headers', async () => {
    const r = await fetch(`${url}/throttled`);
    assert.equal(r.status, 429);
    assert.equal(r.headers.get('retry-after'), '3');
    assert.equal(r.headers.get('content-type'), 'application/json');
    assert.deepEqual(await r.json(), { Type: 'User', message: 'Rate Exceeded.', Reason: 'CallerRateLimitExceeded' });
    assert.deepEqual(await (await fetch(`${url}/capital`)).json(), { Type: 'User', Message: 'too big' });
  });

  it('turns an unexpected error into a logged 500 ServiceException', async () => {
    const r = await fetch(`${url}/bug`);
    assert.deepEqual([r.status, r.headers.get('x-amzn-errortype')], [500, 'ServiceException']);
    assert.equal((await r.json() as { Type: string }).Type, 'Service');
    assert.match(logged[0], /rid-3 failed: TypeError: oops/);
  });

  it('parses JSON and words failures as Jackson does', () => {
    assert.deepEqual(parseJson('{"a":1}'), { ok: true, value: { a: 1 } });
    const bad = parseJson('hello');
    assert.ok(!bad.ok && bad.reason.startsWith("Unrecognized token 'hello': was expecting (JSON String, Number, Array, Object"));
  });
});
