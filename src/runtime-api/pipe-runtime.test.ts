// The private runtime channel: framing over arbitrary chunking, and the platform side's
// phases, driven by a fake runtime on the other end of an in-memory duplex pair.
import assert from 'node:assert/strict';
import { Duplex } from 'node:stream';
import { describe, it } from 'node:test';
import { FRAME, FrameReader, MAX_RESPONSE_BYTES, encodeFrame, type Frame } from './frames';
import { PipeRuntime } from './pipe-runtime';
import type { Invocation } from './runtime-api-server';

function pair(): [Duplex, Duplex] {
  const ends: Duplex[] = [];
  for (let i = 0; i < 2; i++) {
    ends.push(new Duplex({ read() {}, write(chunk: Buffer, _enc, cb) { ends[1 - i].push(chunk); cb(); } }));
  }
  return [ends[0], ends[1]];
}

/** The runtime's end: records the frames it receives and sends frames back. */
function fakeRuntime(end: Duplex) {
  const received: Frame[] = [];
  const reader = new FrameReader((f) => received.push(f), (e) => { throw e; });
  end.on('data', (c: Buffer) => reader.push(c));
  return { received, send: (kind: number, header: object | null, body = '') => end.write(encodeFrame(kind, header, body)) };
}

const inv = (requestId: string): Invocation => ({ requestId, payload: Buffer.from('{"x":1}'), deadlineMs: 1_700_000_000_000,
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:f', traceId: 'Root=1-abc' });
const tick = () => new Promise((r) => setImmediate(r));

describe('runtime channel frames', () => {
  it('reassembles frames split anywhere and several in one chunk', () => {
    const bytes = Buffer.concat([encodeFrame(FRAME.next, null, ''), encodeFrame(FRAME.response, { id: 'a' }, 'é'.repeat(300))]);
    for (const step of [1, 7, bytes.length]) {
      const got: Frame[] = [];
      const r = new FrameReader((f) => got.push(f), (e) => assert.fail(e));
      for (let i = 0; i < bytes.length; i += step) r.push(bytes.subarray(i, i + step));
      assert.deepEqual(got.map((f) => [f.kind, f.header, f.body.toString()]),
        [[FRAME.next, {}, ''], [FRAME.response, { id: 'a' }, 'é'.repeat(300)]]);
    }
  });

  it('reports a bad length or header once and stops', () => {
    const errors: string[] = [];
    const r = new FrameReader(() => assert.fail('no frame expected'), (e) => errors.push(e.message), 100);
    const big = Buffer.alloc(8);
    big.writeUInt32BE(1000, 0);
    r.push(big);
    r.push(encodeFrame(FRAME.next, null, ''));
    assert.deepEqual(errors, ['runtime channel: bad frame length 1000']);
  });
});

describe('PipeRuntime', () => {
  it('holds an invocation until the runtime is ready, then settles it with the result', async () => {
    const [platform, runtime] = pair();
    let nexts = 0;
    const rt = new PipeRuntime(platform, { onNext: () => nexts++ });
    const fake = fakeRuntime(runtime);
    const done = rt.invoke(inv('r1'));
    await tick();
    assert.equal(fake.received.length, 0);
    fake.send(FRAME.next, null);
    await tick();
    assert.equal(nexts, 1);
    const [frame] = fake.received;
    assert.equal(frame.kind, FRAME.invoke);
    assert.deepEqual(frame.header, { 'lambda-runtime-aws-request-id': 'r1', 'lambda-runtime-deadline-ms': '1700000000000',
      'lambda-runtime-invoked-function-arn': 'arn:aws:lambda:us-east-1:000000000000:function:f',
      'lambda-runtime-trace-id': 'Root=1-abc' });
    assert.equal(frame.body.toString(), '{"x":1}');
    fake.send(FRAME.response, { id: 'someone-else' }, '"no"');
    fake.send(FRAME.response, { id: 'r1', maxRssKb: 51200 }, '"ok"');
    const out = await done;
    assert.deepEqual({ ...out, payload: out.payload.toString() }, { kind: 'response', payload: '"ok"', maxRssKb: 51200 });
  });

  it('passes function errors with their type, and refuses results over 6 MB', async () => {
    const [platform, runtime] = pair();
    const rt = new PipeRuntime(platform, {});
    const fake = fakeRuntime(runtime);
    fake.send(FRAME.next, null);
    await tick();
    const failed = rt.invoke(inv('r1'));
    await tick();
    fake.send(FRAME.error, { id: 'r1', errorType: 'TypeError' }, '{"errorMessage":"bad"}');
    fake.send(FRAME.next, null);
    const e = await failed;
    assert.equal(e.kind, 'error');
    assert.equal(e.kind === 'error' && e.errorType, 'TypeError');
    await tick();
    const big = rt.invoke(inv('r2'));
    await tick();
    fake.send(FRAME.response, { id: 'r2' }, 'x'.repeat(MAX_RESPONSE_BYTES + 1));
    const b = await big;
    assert.equal(b.kind === 'error' && b.errorType, 'Function.ResponseSizeTooLarge');
  });

  it('answers an invocation waiting on Init with the Init error', async () => {
    const [platform, runtime] = pair();
    const initErrors: string[] = [];
    const rt = new PipeRuntime(platform, { onInitError: (_p, t) => initErrors.push(t) });
    const fake = fakeRuntime(runtime);
    const waiting = rt.invoke(inv('r1'));
    fake.send(FRAME.initError, { errorType: 'Runtime.ImportModuleError' }, '{"errorMessage":"nope"}');
    const out = await waiting;
    assert.equal(out.kind === 'error' && out.errorType, 'Runtime.ImportModuleError');
    assert.deepEqual(initErrors, ['Runtime.ImportModuleError']);
    await assert.rejects(rt.invoke(inv('r2')), /Init error/);
  });

  it('closes on a protocol violation and on close(), rejecting what is outstanding', async () => {
    const [platform, runtime] = pair();
    const rt = new PipeRuntime(platform, {});
    const fake = fakeRuntime(runtime);
    fake.send(FRAME.next, null);
    await tick();
    const running = rt.invoke(inv('r1'));
    fake.send(FRAME.next, null); // "next" while an invocation runs
    await assert.rejects(running, /closed before the runtime answered/);
    await assert.rejects(rt.invoke(inv('r2')), /closed/);
    const [p2] = pair();
    const rt2 = new PipeRuntime(p2, {});
    const queued = rt2.invoke(inv('q'));
    await rt2.close();
    await assert.rejects(queued, /closed/);
  });
});
