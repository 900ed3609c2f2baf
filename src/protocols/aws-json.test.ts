// awsJson helpers on a real node:http server: target dispatch, JSON 1.0 and 1.1 content
// types, errors as {"__type", "message"}, bad JSON, unknown operations and bugs.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AwsError } from '../kernel/aws-error';
import { handleJsonRequest, matchesTarget, type JsonVersion } from './aws-json';

class QueueDoesNotExist extends AwsError {
  constructor() { super('The specified queue does not exist.', 400, 'User', {}, { 'x-amzn-query-error': 'QueueDoesNotExist;Sender' }); }
}
class InternalServiceException extends AwsError { constructor(m: string) { super(m, 500, 'Service'); } }

describe('aws-json', () => {
  let server: Server;
  let url: string;
  const logged: string[] = [];
  const services: { prefix: string; version: JsonVersion }[] = [
    { prefix: 'AmazonSQS', version: '1.0' }, { prefix: 'AnyScaleFrontendService', version: '1.1' },
  ];
  before(async () => {
    server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const s = services.find((x) => matchesTarget(req, url, x.prefix));
      if (!s) { res.writeHead(404).end(); return; }
      void handleJsonRequest(req, res, {
        targetPrefix: s.prefix, version: s.version, limit: 100, log: (m) => logged.push(m),
        messageKey: (code) => (code === 'InternalServiceException' ? 'Message' : 'message'),
        internalError: s.version === '1.1' ? (m) => new InternalServiceException(m) : undefined,
        operations: {
          Echo: async (input) => ({ got: input }),
          Empty: async () => undefined,
          Missing: async () => { throw new QueueDoesNotExist(); },
          Bug: async () => { throw new TypeError('oops'); },
        },
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  after(() => new Promise((r) => { server.closeAllConnections(); server.close(r); }));

  const call = (target: string, body?: string) => fetch(url, { method: 'POST', headers: { 'x-amz-target': target }, body });

  it('dispatches by X-Amz-Target and answers with the version content type', async () => {
    const r = await call('AmazonSQS.Echo', '{"QueueUrl":"q"}');
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), 'application/x-amz-json-1.0');
    assert.ok(r.headers.get('x-amzn-requestid'));
    assert.deepEqual(await r.json(), { got: { QueueUrl: 'q' } });
    const e = await call('AnyScaleFrontendService.Empty');
    assert.equal(e.headers.get('content-type'), 'application/x-amz-json-1.1');
    assert.deepEqual(await e.json(), {});
  });

  it('writes AWS errors as __type and message, with their headers', async () => {
    const r = await call('AmazonSQS.Missing', '{}');
    assert.equal(r.status, 400);
    assert.equal(r.headers.get('x-amzn-query-error'), 'QueueDoesNotExist;Sender');
    assert.deepEqual(await r.json(), { __type: 'QueueDoesNotExist', message: 'The specified queue does not exist.' });
  });

  it('rejects bad JSON, non-objects, big bodies and unknown operations', async () => {
    const bad = await call('AmazonSQS.Echo', '{nope');
    assert.equal(bad.status, 400);
    assert.equal((await bad.json()).__type, 'SerializationException');
    assert.equal((await (await call('AmazonSQS.Echo', '[1]')).json()).__type, 'SerializationException');
    const big = await call('AmazonSQS.Echo', JSON.stringify({ x: 'y'.repeat(200) }));
    assert.equal(big.status, 413);
    const unknown = await call('AmazonSQS.Nope', '{}');
    assert.deepEqual([unknown.status, (await unknown.json()).__type], [400, 'UnknownOperationException']);
    assert.equal((await call('AmazonSQS.toString', '{}')).status, 400);
    assert.equal((await call('Other.Echo', '{}')).status, 404);
  });

  it('logs a bug and answers the internal error (modeled or InternalFailure)', async () => {
    const modeled = await call('AnyScaleFrontendService.Bug', '{}');
    assert.equal(modeled.status, 500);
    assert.equal((await modeled.json()).__type, 'InternalServiceException');
    const plain = await call('AmazonSQS.Bug', '{}');
    assert.deepEqual([plain.status, (await plain.json()).__type], [500, 'InternalFailure']);
    assert.equal(logged.length, 2);
    assert.match(logged[0], /TypeError: oops/);
  });
});
