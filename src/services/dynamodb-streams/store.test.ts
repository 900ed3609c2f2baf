// The stream store and the stream mappings' checkpoints on both databases: sequence numbers
// taken in the write transaction (a rolled-back change leaves no record and no gap in
// visibility), reads in order from a position, trimming by age, checkpoints per lane.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CheckpointStore } from '../../event-sources/streams/checkpoint-store';
import { openTestPostgres, openTestSqlite } from '../../store/testing';
import { changeRecord } from './records';
import { StreamStore, type NewStream } from './store';

const stream: NewStream = { arn: 'arn:aws:dynamodb:us-east-1:000000000000:table/T/stream/2024-01-01T00:00:00.000', tableName: 'T',
  label: '2024-01-01T00:00:00.000', viewType: 'KEYS_ONLY', keySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], createdAt: 1 };

for (const [name, open] of [['SQLite', openTestSqlite], ['PostgreSQL', openTestPostgres]] as const) {
  describe(`DynamoDB Streams store on ${name}`, () => {
    it('numbers records in the write transaction, reads them in order and trims by age', async () => {
      const db = await open();
      try {
        const store = await StreamStore.open(db.sql);
        const write = (pk: string, at: number) => db.sql.transaction(async (tx) => {
          const seq = await store.nextSequence(tx, stream);
          await store.append(tx, stream.arn, seq, at, changeRecord({ keyNames: ['pk'], viewType: 'KEYS_ONLY', newItem: { pk: { S: pk } }, seq, nowMs: at })!);
          return seq;
        });
        assert.deepEqual([await write('a', 100), await write('b', 200)], [1, 2]);
        await assert.rejects(db.sql.transaction(async (tx) => { await store.nextSequence(tx, stream); throw new Error('rolled back'); }));
        assert.equal(await write('c', 300), 3, 'a rolled-back change takes no number');
        assert.deepEqual((await store.read(stream.arn, 2, 10)).map((r) => r.record.dynamodb.Keys.pk.S), ['b', 'c']);
        assert.equal(await store.firstAtOrAfter(stream.arn, 150), 2);
        assert.equal(await store.trim(250), 2);
        const s = (await store.stream(stream.arn))!;
        assert.deepEqual([s.lastSeq, s.trimmedThrough, s.keySchema[0].AttributeName], [3, 2, 'pk']);
        assert.deepEqual((await store.read(stream.arn, 0, 10)).map((r) => r.seq), [3]);
        await store.remember({ ...stream, arn: `${stream.arn}x` });
        assert.equal((await store.streams()).length, 2);
      } finally { await db.cleanup(); }
    });

    it('keeps checkpoints per mapping and lane', async () => {
      const db = await open();
      try {
        const cps = await CheckpointStore.open(db.sql);
        await cps.replace('m1', [4, 4]);
        await cps.save('m1', 1, 9);
        assert.deepEqual([...(await cps.load('m1')).entries()], [[0, 4], [1, 9]]);
        await cps.delete('m1');
        assert.equal((await cps.load('m1')).size, 0);
      } finally { await db.cleanup(); }
    });
  });
}
