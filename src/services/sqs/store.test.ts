// SQS's stores on both databases: sends with sequence numbers and deduplication, claims
// (standard and FIFO group blocking), visibility, counts, deletes, transfers, purge.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FakeClock } from '../../kernel/clock';
import { openTestPostgres, openTestSqlite, type TestSql } from '../../store/testing';
import { Arrivals } from './arrivals';
import { MessageStore } from './message-store';
import { md5OfAttributes } from './message-attributes';
import type { NewMessage, Queue } from './model';
import { Queues } from './queues';
import { Sender } from './sender';
import { QueueStore, openSqsSchema } from './store';
import { transfer } from './transfer';

const msg = (body: string, groupId: string | null = null): NewMessage =>
  ({ messageId: `id-${body}`, body, md5OfBody: 'x', extras: {}, delayMs: 0, groupId, dedupId: groupId ? body : null });

describe('MD5OfMessageAttributes', () => {
  it('matches the values SQS computes', () => {
    assert.equal(md5OfAttributes({ SellerName: { DataType: 'String', StringValue: 'Example Store' } }), 'cd28f3b68aeee4b2eac9c66f2f694b58');
    assert.equal(md5OfAttributes({ ordinal: { DataType: 'Number', StringValue: '1' }, category: { DataType: 'String', StringValue: 'test' } }),
      'd21ae90c49061e927f57df5f5d72be1f');
    assert.equal(md5OfAttributes({}), undefined);
  });
});

for (const [name, open] of [['SQLite', openTestSqlite], ['PostgreSQL', openTestPostgres]] as const) {
  describe(`SQS stores on ${name}`, () => {
    const withDb = async (fn: (t: TestSql, s: { queues: Queues; messages: MessageStore; sender: Sender; clock: FakeClock }) => Promise<void>) => {
      const t = await open();
      try {
        await openSqsSchema(t.sql);
        const clock = new FakeClock(1_000_000);
        const queues = new Queues(new QueueStore(t.sql, (n) => `arn:aws:sqs:us-east-1:000000000000:${n}`), clock, { accountId: '000000000000', region: 'us-east-1' });
        const messages = new MessageStore(t.sql);
        await fn(t, { queues, messages, sender: new Sender(messages, clock, new Arrivals(clock)), clock });
      } finally { await t.cleanup(); }
    };
    const mk = async (queues: Queues, name: string, fifo = false): Promise<Queue> => (await queues.create(name, fifo, {}, {})).queue;

    it('stores sends in order, claims visible messages once, hides them until their visibility ends', () => withDb(async (_t, s) => {
      const q = await mk(s.queues, 'q');
      const [a, b] = await Promise.all([s.sender.send(q, [msg('a'), msg('b')]), s.sender.send(q, [msg('c')])]);
      assert.deepEqual([...a, ...b].map((r) => r.seq), [1, 2, 3]);
      const opts = (now: number, max = 2) => ({ max, now, visibleAt: now + 30_000, token: 't1', cutoff: 0 });
      const first = await s.messages.claim(q, opts(1_000_000));
      assert.deepEqual(first.map((m) => [m.body, m.receiveCount, m.receipt]), [['a', 1, 't1'], ['b', 1, 't1']]);
      assert.deepEqual((await s.messages.claim(q, opts(1_000_000, 10))).map((m) => m.body), ['c']);
      assert.deepEqual(await s.messages.counts(q.qid, 1_000_000, 0), { visible: 0, notVisible: 3, delayed: 0 });
      assert.equal(await s.messages.nextVisibleAt(q.qid, 1_000_000), 1_030_000);
      assert.equal(await s.messages.changeVisibility(q.qid, first[0].seq, 'wrong', 0, 1_000_000), 0);
      assert.equal(await s.messages.changeVisibility(q.qid, first[0].seq, 't1', 1_000_000, 999_999), 1);
      assert.equal(await s.messages.delete(q.qid, [first[1].seq, 99]), 1);
      const again = await s.messages.claim(q, opts(1_000_000, 10));
      assert.deepEqual(again.map((m) => [m.body, m.receiveCount]), [['a', 2]]);
    }));

    it('FIFO: deduplicates for the window, claims in order and blocks a group while in flight', () => withDb(async (_t, s) => {
      const q = await mk(s.queues, 'f.fifo', true);
      const r = await s.sender.send(q, [msg('a1', 'a'), msg('b1', 'b'), msg('a2', 'a'), msg('a1', 'a')], ['a1', 'b1', 'a2', 'a1']);
      assert.deepEqual(r.map((x) => [x.seq, x.duplicate]), [[1, false], [2, false], [3, false], [1, true]]);
      assert.equal((await s.sender.send(q, [msg('a1', 'a')], ['a1']))[0].duplicate, true);
      const opts = { max: 1, now: 1_000_000, visibleAt: 1_030_000, token: 't', cutoff: 0 };
      assert.deepEqual((await s.messages.claim(q, opts)).map((m) => m.body), ['a1']);
      assert.deepEqual((await s.messages.claim(q, { ...opts, max: 10 })).map((m) => m.body), ['b1']);
      assert.deepEqual(await s.messages.claim(q, { ...opts, max: 10 }), []);
      s.clock.advance(5 * 60_000);
      assert.equal((await s.sender.send(q, [msg('a1', 'a')], ['a1']))[0].duplicate, false);
    }));

    it('transfers messages between queues, purges, deletes a queue with its messages', () => withDb(async (_t, s) => {
      const src = await mk(s.queues, 'src');
      const dst = await mk(s.queues, 'dst');
      await s.sender.send(src, [msg('x'), msg('y')]);
      const claimed = await s.messages.claim(src, { max: 10, now: 1_000_000, visibleAt: 1_000_000 + 1, token: 't', cutoff: 0 });
      assert.ok(await transfer(s.messages, src, claimed, dst, { now: 1_000_000, keepReceiveCount: true, extras: (m) => ({ ...m.extras, deadLetterSourceArn: src.arn }) }));
      const moved = await s.messages.visible(dst.qid, 1_000_000, 10);
      assert.deepEqual(moved.map((m) => [m.messageId, m.extras.deadLetterSourceArn]), [['id-x', src.arn], ['id-y', src.arn]]);
      assert.deepEqual(await s.messages.counts(src.qid, 1_000_000, 0), { visible: 0, notVisible: 0, delayed: 0 });
      assert.equal(await s.queues.store.purge(dst, 1_000_000), true);
      assert.equal(await s.queues.store.purge(dst, 1_030_000), false);
      assert.deepEqual(await s.messages.visible(dst.qid, 1_000_000, 10), []);
      await s.sender.send(dst, [msg('z')]);
      await s.queues.delete(dst);
      assert.equal(await s.queues.find('dst'), undefined);
      assert.deepEqual(await s.messages.visible(dst.qid, 2_000_000, 10), []);
      await assert.rejects(s.sender.send(dst, [msg('late')]), (e: Error) => e.message === 'The specified queue does not exist.');
    }));
  });
}
