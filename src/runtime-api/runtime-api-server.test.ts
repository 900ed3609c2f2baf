// Wire tests for the Runtime API server, spoken to with plain node:http as a runtime would.
import assert from 'node:assert/strict';
import { Agent, request, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { after, describe, it } from 'node:test';
import { RuntimeApiServer, type Invocation, type RuntimeApiListener } from './runtime-api-server';
import { MAX_RESPONSE_BYTES } from './wire';

interface Reply { status: number; headers: IncomingHttpHeaders; body: Buffer; json(): any }

const agents: Agent[] = [];
after(() => agents.forEach((a) => a.destroy()));

function newAgent(): Agent {
  const a = new Agent({ keepAlive: true, maxSockets: 1 });
  agents.push(a);
  return a;
}

function call(server: RuntimeApiServer, method: string, path: string,
  opts: { body?: Buffer | string; headers?: Record<string, string>; agent?: Agent } = {}): Promise<Reply> {
  const [host, port] = server.address.split(':');
  return new Promise((resolve, reject) => {
    const req = request({ host, port: Number(port), method, path, headers: opts.headers, agent: opts.agent ?? false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: () => JSON.parse(body.toString()) });
      });
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

const NEXT = '/2018-06-01/runtime/invocation/next';

/** Waits until the server has seen what the test sent (a fixed sleep was too short on a loaded machine). */
async function until(cond: () => boolean, ms = 5000): Promise<void> {
  for (const end = Date.now() + ms; !cond(); await new Promise((r) => setTimeout(r, 5))) {
    if (Date.now() > end) throw new Error('condition not met in time');
  }
}
const result = (id: string, kind: 'response' | 'error') => `/2018-06-01/runtime/invocation/${encodeURIComponent(id)}/${kind}`;

function inv(id: string, extra: Partial<Invocation> = {}): Invocation {
  return {
    requestId: id, payload: Buffer.from(`{"n":"${id}"}`), deadlineMs: 1_900_000_000_123,
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:f', ...extra,
  };
}

async function withServer(fn: (s: RuntimeApiServer, events: string[]) => Promise<void>, listener: RuntimeApiListener = {}) {
  const events: string[] = [];
  const server = await RuntimeApiServer.start({
    onNext: () => { events.push('next'); listener.onNext?.(); },
    onInitError: (p, t) => { events.push(`init-error:${t}:${p.toString()}`); listener.onInitError?.(p, t); },
  });
  try { await fn(server, events); } finally { await server.close(); }
}

describe('RuntimeApiServer', () => {
  it('listens on a loopback ephemeral port', () => withServer(async (s) => {
    assert.match(s.address, /^127\.0\.0\.1:\d+$/);
  }));

  it('long-polls /next, hands over the event with its headers, and passes the response through', () =>
    withServer(async (s, events) => {
      const poll = call(s, 'GET', NEXT);
      await until(() => events.length > 0);
      assert.deepEqual(events, ['next']);
      const outcome = s.invoke(inv('req-1', { traceId: 'Root=1-abc;Parent=def;Sampled=1' }));
      const next = await poll;
      assert.equal(next.status, 200);
      assert.equal(next.body.toString(), '{"n":"req-1"}');
      assert.equal(next.headers['lambda-runtime-aws-request-id'], 'req-1');
      assert.equal(next.headers['lambda-runtime-deadline-ms'], '1900000000123');
      assert.equal(next.headers['lambda-runtime-invoked-function-arn'], 'arn:aws:lambda:us-east-1:000000000000:function:f');
      assert.equal(next.headers['lambda-runtime-trace-id'], 'Root=1-abc;Parent=def;Sampled=1');
      assert.equal(next.headers['lambda-runtime-client-context'], undefined);
      assert.equal(next.headers['lambda-runtime-cognito-identity'], undefined);
      const bytes = Buffer.from([0xff, 0x00, 0x7b, 0x0a, 0xe2, 0x82]);
      const posted = await call(s, 'POST', result('req-1', 'response'), { body: bytes });
      assert.equal(posted.status, 202);
      assert.deepEqual(posted.json(), { status: 'OK' });
      const out = await outcome;
      assert.equal(out.kind, 'response');
      assert.deepEqual(out.payload, bytes);
    }));

  it('sends client context and cognito identity only when set, as header-safe JSON', () => withServer(async (s) => {
    const cc = '{\n "custom": {"name": "Zoë €"}\n}';
    const outcome = s.invoke(inv('req-cc', { clientContext: cc, cognitoIdentity: '{"cognitoIdentityId":"id-1"}' }));
    const next = await call(s, 'GET', NEXT);
    assert.deepEqual(JSON.parse(next.headers['lambda-runtime-client-context'] as string), JSON.parse(cc));
    assert.equal(next.headers['lambda-runtime-cognito-identity'], '{"cognitoIdentityId":"id-1"}');
    assert.equal(next.headers['lambda-runtime-trace-id'], undefined);
    await call(s, 'POST', result('req-cc', 'response'), { body: 'null' });
    assert.equal((await outcome).kind, 'response');
  }));

  it('delivers an invocation queued before /next at once, without onNext', () => withServer(async (s, events) => {
    const outcome = s.invoke(inv('queued'));
    const next = await call(s, 'GET', NEXT);
    assert.equal(next.headers['lambda-runtime-aws-request-id'], 'queued');
    assert.deepEqual(events, []);
    await call(s, 'POST', result('queued', 'response'), { body: '1' });
    assert.equal((await outcome).payload.toString(), '1');
  }));

  it('takes the error type from the header, else the body, else Unhandled', () => withServer(async (s) => {
    const cases: Array<[Record<string, string>, string, string]> = [
      [{ 'Lambda-Runtime-Function-Error-Type': 'Runtime.Custom' }, '{"errorType":"Body"}', 'Runtime.Custom'],
      [{}, '{"errorMessage":"x","errorType":"TypeError","trace":[]}', 'TypeError'],
      [{}, 'not json', 'Unhandled'],
    ];
    for (const [i, [headers, body, type]] of cases.entries()) {
      const id = `err-${i}`;
      const outcome = s.invoke(inv(id));
      await call(s, 'GET', NEXT);
      const posted = await call(s, 'POST', result(id, 'error'), { body, headers });
      assert.equal(posted.status, 202);
      assert.deepEqual(posted.json(), { status: 'OK' });
      assert.deepEqual(await outcome, { kind: 'error', payload: Buffer.from(body), errorType: type });
    }
  }));

  it('reports /init/error, refuses later calls and fails invocations', () => withServer(async (s, events) => {
    const body = '{"errorMessage":"Cannot find module","errorType":"Runtime.ImportModuleError"}';
    const posted = await call(s, 'POST', '/2018-06-01/runtime/init/error',
      { body, headers: { 'Lambda-Runtime-Function-Error-Type': 'Runtime.ImportModuleError' } });
    assert.equal(posted.status, 202);
    assert.deepEqual(events, [`init-error:Runtime.ImportModuleError:${body}`]);
    const next = await call(s, 'GET', NEXT);
    assert.equal(next.status, 403);
    assert.deepEqual(next.json(), { errorType: 'InvalidStateTransition',
      errorMessage: 'State transition from InitError to Ready failed for runtime. Error: State transition is not allowed' });
    await assert.rejects(s.invoke(inv('after-init-error')), /Init error/);
  }));

  it('settles a queued invocation with the init error', () => withServer(async (s) => {
    const outcome = s.invoke(inv('cold'));
    await call(s, 'POST', '/2018-06-01/runtime/init/error', { body: '{"errorType":"Error","errorMessage":"boom"}' });
    assert.deepEqual(await outcome, { kind: 'error', payload: Buffer.from('{"errorType":"Error","errorMessage":"boom"}'), errorType: 'Error' });
  }));

  it('answers 413 over 6 MiB + 100 bytes and fails the invocation with Function.ResponseSizeTooLarge', () =>
    withServer(async (s) => {
      const big = s.invoke(inv('big'));
      await call(s, 'GET', NEXT);
      const posted = await call(s, 'POST', result('big', 'response'), { body: Buffer.alloc(MAX_RESPONSE_BYTES + 1, 0x61) });
      assert.equal(posted.status, 413);
      assert.deepEqual(posted.json(), { errorType: 'RequestEntityTooLarge', errorMessage: 'Exceeded maximum allowed payload size (6291556 bytes).' });
      const out = await big;
      assert.equal(out.kind, 'error');
      assert.equal(out.kind === 'error' && out.errorType, 'Function.ResponseSizeTooLarge');
      assert.equal(out.payload.toString(), '{"errorMessage":"Response payload size exceeded maximum allowed payload size (6291556 bytes).","errorType":"Function.ResponseSizeTooLarge"}');
      // Exactly at the limit is accepted, also when sent chunked (no Content-Length).
      const edge = s.invoke(inv('edge'));
      await call(s, 'GET', NEXT);
      const ok = await call(s, 'POST', result('edge', 'response'),
        { body: Buffer.alloc(MAX_RESPONSE_BYTES, 0x62), headers: { 'Transfer-Encoding': 'chunked' } });
      assert.equal(ok.status, 202);
      assert.equal((await edge).payload.length, MAX_RESPONSE_BYTES);
    }));

  it('answers unknown and stale request ids, wrong states and paths as RIE does', () => withServer(async (s) => {
    const early = await call(s, 'POST', result('nobody', 'response'), { body: '1' });
    assert.equal(early.status, 400);
    assert.deepEqual(early.json(), { errorMessage: 'Invalid request ID', errorType: 'InvalidRequestID' });
    const outcome = s.invoke(inv('r1'));
    await call(s, 'GET', NEXT);
    assert.equal((await call(s, 'POST', result('other', 'response'), { body: '1' })).status, 400);
    assert.equal((await call(s, 'POST', result('other', 'error'), { body: '1' })).status, 400);
    const again = await call(s, 'GET', NEXT);
    assert.equal(again.status, 403);
    assert.equal(again.json().errorMessage, 'State transition from Running to Ready failed for runtime. Error: State transition is not allowed');
    assert.equal((await call(s, 'POST', result('r1', 'response'), { body: '"ok"' })).status, 202);
    assert.equal((await outcome).payload.toString(), '"ok"');
    const stale = await call(s, 'POST', result('r1', 'error'), { body: '{}' });
    assert.equal(stale.status, 403);
    assert.deepEqual(stale.json(), { errorType: 'InvalidStateTransition',
      errorMessage: 'State transition from RuntimeResponseSentState to InvocationErrorResponse failed for runtime. Error: State transition is not allowed' });
    assert.equal((await call(s, 'POST', '/2018-06-01/runtime/init/error', { body: '{}' })).status, 403);
    assert.equal((await call(s, 'GET', '/2018-06-01/runtime/invocation/r1/nope')).status, 404);
    assert.equal((await call(s, 'GET', '/2015-03-31/functions')).status, 404);
    assert.equal((await call(s, 'POST', NEXT)).status, 405);
    assert.equal((await call(s, 'GET', result('r1', 'response'))).status, 405);
    assert.equal((await call(s, 'POST', '/2018-06-01/runtime/invocation/%E0%A4%A/response', { body: 'x' })).status, 400);
  }));

  it('refuses a second poll while one is open, and re-parks a poll whose connection dropped', () =>
    withServer(async (s, events) => {
      const first = call(s, 'GET', NEXT);
      await until(() => events.length > 0);
      assert.equal((await call(s, 'GET', NEXT)).status, 403);
      const [host, port] = s.address.split(':');
      const outcome = s.invoke(inv('after-drop'));
      assert.equal((await first).headers['lambda-runtime-aws-request-id'], 'after-drop');
      await call(s, 'POST', result('after-drop', 'response'), { body: '2' });
      await outcome;
      // Now idle again: a poll that drops leaves the runtime idle; its retry gets the next event.
      const lost = request({ host, port: Number(port), path: NEXT, agent: false });
      lost.on('error', () => undefined);
      lost.end();
      await until(() => events.length > 1);
      lost.destroy();
      await new Promise((r) => setTimeout(r, 30));
      const retry = call(s, 'GET', NEXT);
      await new Promise((r) => setTimeout(r, 20));
      const second = s.invoke(inv('after-retry'));
      assert.equal((await retry).headers['lambda-runtime-aws-request-id'], 'after-retry');
      await call(s, 'POST', result('after-retry', 'response'), { body: '3' });
      assert.equal((await second).payload.toString(), '3');
      assert.deepEqual(events, ['next', 'next']);
    }));

  it('answers bytes that are not HTTP with 400 and keeps serving; takes a chunked result', () => withServer(async (s) => {
    const [host, port] = s.address.split(':');
    const raw = await new Promise<string>((resolve) => {
      const sock = connect(Number(port), host, () => sock.end('GARBAGE \x00\x01 not http\r\n\r\n'));
      let got = '';
      sock.on('data', (c) => { got += c.toString('latin1'); });
      sock.on('close', () => resolve(got));
      sock.on('error', () => undefined);
    });
    assert.match(raw, /^HTTP\/1\.1 400 /);
    const poll = call(s, 'GET', NEXT);
    const outcome = s.invoke(inv('after-garbage'));
    assert.equal((await poll).status, 200);
    const answer = await new Promise<number>((resolve, reject) => {
      const req = request({ host, port: Number(port), method: 'POST', path: result('after-garbage', 'response'), agent: false },
        (res) => { res.resume(); resolve(res.statusCode ?? 0); });
      req.on('error', reject);
      req.write('{"part":');
      setTimeout(() => req.end('1}'), 10); // no Content-Length: Transfer-Encoding chunked
    });
    assert.equal(answer, 202);
    assert.equal((await outcome as { payload: Buffer }).payload.toString(), '{"part":1}');
  }));

  it('keeps one connection alive across invocations', () => withServer(async (s) => {
    const agent = newAgent();
    const sockets = new Set<unknown>();
    for (const id of ['k1', 'k2', 'k3']) {
      const outcome = s.invoke(inv(id));
      const next = await call(s, 'GET', NEXT, { agent });
      assert.equal(next.headers.connection, 'keep-alive');
      await call(s, 'POST', result(id, 'response'), { body: id, agent });
      assert.equal((await outcome).payload.toString(), id);
      sockets.add(Object.values(agent.freeSockets)[0]?.[0]);
    }
    assert.equal(sockets.size, 1);
  }));

  it('throws on a second invoke, and close() ends the poll and rejects the outstanding invoke', async () => {
    const s = await RuntimeApiServer.start({});
    const outcome = s.invoke(inv('one'));
    assert.throws(() => s.invoke(inv('two')), /already outstanding/);
    await call(s, 'GET', NEXT);
    const closing = s.close();
    await assert.rejects(outcome, /closed/);
    await closing;
    await assert.rejects(s.invoke(inv('three')), /closed/);

    let polled = false;
    const t = await RuntimeApiServer.start({ onNext: () => { polled = true; } });
    const poll = call(t, 'GET', NEXT);
    await until(() => polled);
    await t.close();
    const ended = await poll;
    assert.equal(ended.status, 500);
  });
});
