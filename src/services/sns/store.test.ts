// The SNS stores' behaviour on SQLite and PostgreSQL: topics and subscriptions, counts, and
// the outbox (FIFO numbering and dedup, leases, retries, the message going with its last delivery).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openTestPostgres, openTestSqlite, type TestSql } from '../../store/testing';
import type { Delivery, PublishedMessage, Subscription, Topic } from './model';
import { OutboxStore } from './outbox-store';
import { TopicStore, openSnsSchema } from './store';

const arn = 'arn:aws:sns:us-east-1:000000000000:t';
const topic = (fifo = false): Topic => ({ arn, name: 't', fifo, attributes: { DisplayName: 'x' }, tags: { a: '1' }, createdAt: 1 });
const sub = (n: number, pending = false): Subscription => ({ arn: `${arn}:00000000-0000-0000-0000-00000000000${n}`, topicArn: arn,
  protocol: 'sqs', endpoint: `arn:aws:sqs:us-east-1:000000000000:q${n}`, owner: '000000000000', attributes: {}, createdAt: 1,
  state: pending ? { kind: 'pending', token: `tok${n}` } : { kind: 'confirmed', authenticated: true } });
const message = (id: string): PublishedMessage => ({ messageId: id, topicArn: arn, type: 'Notification', message: 'hi', attributes: {}, timestamp: 5 });
const delivery = (id: string, messageId: string, lease = 0): Delivery => ({ id, messageId, subscriptionArn: sub(1).arn, attempts: 0, nextAt: 10, lease });

for (const [name, open] of [['SQLite', openTestSqlite], ['PostgreSQL', openTestPostgres]] as const) {
  describe(`SNS stores on ${name}`, () => {
    let db: TestSql;
    let topics: TopicStore;
    let outbox: OutboxStore;
    before(async () => {
      db = await open();
      await openSnsSchema(db.sql);
      await openSnsSchema(db.sql); // idempotent
      topics = new TopicStore(db.sql);
      outbox = new OutboxStore(db.sql);
    });
    after(async () => { await db.cleanup(); });

    it('topics and subscriptions round-trip; counts; deleting', async () => {
      assert.equal(await topics.createTopic(topic()), true);
      assert.equal(await topics.createTopic(topic()), false);
      assert.deepEqual(await topics.topic(arn), topic());
      await topics.putSubscription(sub(1));
      await topics.putSubscription(sub(2, true));
      assert.deepEqual(await topics.subscription(sub(2).arn), sub(2, true));
      assert.equal((await topics.subscriptionByToken('tok2'))?.arn, sub(2).arn);
      assert.equal((await topics.findSubscription(arn, 'sqs', sub(1).endpoint))?.arn, sub(1).arn);
      assert.deepEqual((await topics.subscriptions('', 10, arn)).map((s) => s.arn), [sub(1).arn, sub(2).arn]);
      assert.deepEqual((await topics.subscriptions(sub(1).arn, 10)).map((s) => s.arn), [sub(2).arn]);
      assert.deepEqual(await topics.counts(arn), { confirmed: 1, pending: 1, deleted: 0 });
      assert.equal(await topics.deleteSubscription(sub(2).arn), true);
      assert.equal(await topics.deleteSubscription(sub(2).arn), false);
      assert.deepEqual(await topics.counts(arn), { confirmed: 1, pending: 0, deleted: 1 });
    });

    it('the outbox: a message with its deliveries; leases; retries; finishing the last deletes the message', async () => {
      await db.sql.transaction((tx) => outbox.write(tx, [{ message: message('m1'), deliveries: [delivery('d1', 'm1', 1000), delivery('d2', 'm1', 1000)] }], 10));
      assert.deepEqual(await outbox.due(500, 10), []); // leased by the publisher
      await outbox.releaseAll();
      const due = await outbox.due(500, 10);
      assert.deepEqual(due.map((d) => d.id).sort(), ['d1', 'd2']);
      const [a, b] = due;
      assert.equal(await outbox.claim(a, 2000), true);
      assert.equal(await outbox.claim({ ...b, lease: 99 }, 2000), false); // someone else's view
      assert.equal(await outbox.claim(b, 2000), true);
      await outbox.retryAt(a, 1, 700);
      assert.deepEqual((await outbox.due(600, 10)).map((d) => d.id), []);
      assert.deepEqual((await outbox.due(700, 10)).map((d) => [d.id, d.attempts]), [[a.id, 1]]);
      assert.equal((await outbox.message('m1'))?.message, 'hi');
      await outbox.finish(a);
      assert.ok(await outbox.message('m1'));
      await outbox.finish(b);
      assert.equal(await outbox.message('m1'), undefined);
      assert.equal(await outbox.pending(), 0);
    });

    it('FIFO: numbered in order, duplicates within the window answered with the original', async () => {
      const fifoArn = 'arn:aws:sns:us-east-1:000000000000:f.fifo';
      await topics.createTopic({ ...topic(true), arn: fifoArn, name: 'f.fifo' });
      const m = (id: string) => ({ ...message(id), topicArn: fifoArn });
      const entries = [{ message: m('f1'), deliveries: [], dedupKey: 'k1' }, { message: m('f2'), deliveries: [], dedupKey: 'k2' },
        { message: m('f3'), deliveries: [], dedupKey: 'k1' }];
      await db.sql.transaction((tx) => outbox.write(tx, entries, 100));
      const [s1, s2] = [entries[0].message.sequenceNumber!, entries[1].message.sequenceNumber!];
      assert.match(s1, /^\d{20}$/);
      assert.ok(BigInt(s2) > BigInt(s1));
      assert.deepEqual((entries[2] as { duplicateOf?: unknown }).duplicateOf, { messageId: 'f1', sequenceNumber: s1 });
      const later = [{ message: m('f4'), deliveries: [], dedupKey: 'k1' }];
      await db.sql.transaction((tx) => outbox.write(tx, later, 100 + 5 * 60_000 + 1));
      assert.equal((later[0] as { duplicateOf?: unknown }).duplicateOf, undefined);
    });
  });
}
