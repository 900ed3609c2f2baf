// PartiQL for DynamoDB through @aws-sdk/client-dynamodb and the Document client:
// ExecuteStatement (SELECT as Query or Scan, INSERT, UPDATE, DELETE, RETURNING, paging),
// BatchExecuteStatement and ExecuteTransaction, and DynamoDB's errors.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  BatchExecuteStatementCommand, CreateTableCommand, ExecuteStatementCommand, ExecuteTransactionCommand, GetItemCommand, waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { ExecuteStatementCommand as DocExecuteStatementCommand } from '@aws-sdk/lib-dynamodb';
import { failure, startTestDynamo, type TestDynamo } from './dynamodb-harness';

describe('DynamoDB PartiQL', () => {
  let d: TestDynamo;
  const run = (Statement: string, Parameters?: Record<string, unknown>[], extra: Record<string, unknown> = {}) =>
    d.ddb.send(new ExecuteStatementCommand({ Statement, Parameters: Parameters as never, ...extra }));
  before(async () => {
    d = await startTestDynamo();
    await d.ddb.send(new CreateTableCommand({ TableName: 'music', BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'artist', AttributeType: 'S' }, { AttributeName: 'song', AttributeType: 'S' }, { AttributeName: 'year', AttributeType: 'N' }],
      KeySchema: [{ AttributeName: 'artist', KeyType: 'HASH' }, { AttributeName: 'song', KeyType: 'RANGE' }],
      GlobalSecondaryIndexes: [{ IndexName: 'byYear', KeySchema: [{ AttributeName: 'year', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } }] }));
    await d.ddb.send(new CreateTableCommand({ TableName: 'users', BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }] }));
    for (const t of ['music', 'users']) await waitUntilTableExists({ client: d.ddb, maxWaitTime: 10, minDelay: 1, maxDelay: 1 }, { TableName: t });
  });
  after(async () => { await d.close(); });

  it('inserts with literals and parameters, and refuses a duplicate key', async () => {
    await run(`INSERT INTO "music" VALUE {'artist': ?, 'song': 'One', 'year': 1991, 'l': [1, 'two'], 'm': {'a': 'b'}, 's': <<'x','y'>>, 'ok': true, 'n': NULL}`, [{ S: 'U2' }]);
    const got = await d.ddb.send(new GetItemCommand({ TableName: 'music', Key: { artist: { S: 'U2' }, song: { S: 'One' } } }));
    assert.deepEqual(got.Item, { artist: { S: 'U2' }, song: { S: 'One' }, year: { N: '1991' }, l: { L: [{ N: '1' }, { S: 'two' }] },
      m: { M: { a: { S: 'b' } } }, s: { SS: ['x', 'y'] }, ok: { BOOL: true }, n: { NULL: true } });
    const dup = await failure(run(`insert into music value {'artist': 'U2', 'song': 'One'}`));
    assert.equal(dup.name, 'DuplicateItemException');
    assert.equal(dup.message, 'Duplicate primary key exists in table');
    await run(`INSERT INTO "music" VALUE {'artist': 'U2', 'song': 'Two', 'year': 1993, 'plays': 5}`);
    await run(`INSERT INTO "music" VALUE {'artist': 'U2', 'song': 'Zoo', 'year': 1993, 'plays': 7, 'tags': ['rock']}`);
    await run(`INSERT INTO "music" VALUE {'artist': 'Blur', 'song': 'Song 2', 'year': 1997, 'plays': 9}`);
  });

  it('selects by key (Query), by index, by scan, with filters and projections', async () => {
    const q = await run(`SELECT * FROM "music" WHERE artist = ? AND song >= 'Two'`, [{ S: 'U2' }]);
    assert.deepEqual(q.Items?.map((i) => i.song.S), ['Two', 'Zoo']);
    const proj = await run(`SELECT song, m.a, l[1] FROM music WHERE artist = 'U2' AND begins_with(song, 'O')`);
    assert.deepEqual(proj.Items, [{ song: { S: 'One' }, a: { S: 'b' }, 'l[1]': { S: 'two' } }]);
    const filt = await run(`SELECT song FROM music WHERE artist IN ['U2', 'Blur'] AND plays > 6 AND NOT contains(tags, 'jazz')`);
    assert.deepEqual(filt.Items?.map((i) => i.song.S).sort(), ['Song 2', 'Zoo']);
    const ix = await run(`SELECT song FROM "music"."byYear" WHERE "year" = 1993`);
    assert.deepEqual(ix.Items?.map((i) => i.song.S).sort(), ['Two', 'Zoo']);
    const scan = await run(`SELECT artist, song FROM music WHERE plays BETWEEN 6 AND 10 OR tags IS NOT MISSING`);
    assert.deepEqual(scan.Items?.map((i) => i.song.S).sort(), ['Song 2', 'Zoo']);
    const miss = await run(`SELECT song FROM music WHERE artist = 'U2' AND plays IS MISSING AND attribute_type(s, 'SS') AND size(l) = 2`);
    assert.deepEqual(miss.Items, [{ song: { S: 'One' } }]);
  });

  it('pages with Limit and NextToken', async () => {
    const seen: string[] = [];
    let NextToken: string | undefined;
    let pages = 0;
    do {
      const r = await run(`SELECT song FROM music WHERE artist IN ['U2', 'Blur']`, undefined, { Limit: 2, NextToken });
      seen.push(...(r.Items ?? []).map((i) => i.song.S!));
      NextToken = r.NextToken;
      pages++;
    } while (NextToken && pages < 10);
    assert.deepEqual(seen.sort(), ['One', 'Song 2', 'Two', 'Zoo']);
    assert.ok(pages >= 2);
  });

  it('updates with SET, arithmetic, list_append, set_add, REMOVE, conditions and RETURNING', async () => {
    const r = await run(`UPDATE music SET plays = plays + 1, tags = list_append(tags, ['pop']), label = ? REMOVE year WHERE artist = 'U2' AND song = 'Zoo' RETURNING MODIFIED NEW *`,
      [{ S: 'Island' }]);
    assert.deepEqual(r.Items, [{ plays: { N: '8' }, tags: { L: [{ S: 'rock' }, { S: 'pop' }] }, label: { S: 'Island' } }]);
    const all = await run(`UPDATE music SET s = set_add(s, <<'z'>>) WHERE artist = 'U2' AND song = 'One' RETURNING ALL NEW *`);
    assert.deepEqual(all.Items?.[0].s, { SS: ['x', 'y', 'z'] });
    const cond = await failure(run(`UPDATE music SET plays = 0 WHERE artist = 'U2' AND song = 'Zoo' AND plays > 100`));
    assert.equal(cond.name, 'ConditionalCheckFailedException');
    const missing = await failure(run(`UPDATE music SET plays = 0 WHERE artist = 'U2' AND song = 'Nope'`));
    assert.equal(missing.name, 'ConditionalCheckFailedException');
    const partial = await failure(run(`UPDATE music SET plays = 0 WHERE artist = 'U2'`));
    assert.equal(partial.message, 'Where clause does not contain a mandatory equality on all key attributes');
  });

  it('deletes, with conditions and RETURNING ALL OLD *', async () => {
    const none = await run(`DELETE FROM music WHERE artist = 'Nobody' AND song = 'x' RETURNING ALL OLD *`);
    assert.deepEqual(none.Items, []);
    const cond = await failure(run(`DELETE FROM music WHERE artist = 'Blur' AND song = 'Song 2' AND plays = 1`));
    assert.equal(cond.name, 'ConditionalCheckFailedException');
    const old = await run(`DELETE FROM music WHERE artist = 'Blur' AND song = 'Song 2' RETURNING ALL OLD *`);
    assert.equal(old.Items?.[0].plays.N, '9');
  });

  it('works through the Document client', async () => {
    await d.doc.send(new DocExecuteStatementCommand({ Statement: `INSERT INTO users VALUE {'id': ?, 'age': ?, 'tags': ?}`, Parameters: ['ann', 30, ['a', 'b']] }));
    const r = await d.doc.send(new DocExecuteStatementCommand({ Statement: 'SELECT * FROM users WHERE id = ?', Parameters: ['ann'] }));
    assert.deepEqual(r.Items, [{ id: 'ann', age: 30, tags: ['a', 'b'] }]);
  });

  it('answers malformed statements and bad requests as DynamoDB', async () => {
    const cases: [() => Promise<unknown>, string, string][] = [
      [() => run('SELEC * FROM music'), 'ValidationException', "Statement wasn't well formed, can't be processed: Expected data manipulation"],
      [() => run(`SELECT * FROM music WHERE artist = 'U2' garbage`), 'ValidationException', "Statement wasn't well formed, can't be processed: Unexpected token after expression"],
      [() => run('SELECT * FROM music WHERE artist = ?'), 'ValidationException', "Number of parameters in request and statement don't match."],
      [() => run('SELECT * FROM music', []), 'ValidationException', "1 validation error detected: Value '[]' at 'parameters' failed to satisfy constraint: Member must have length greater than or equal to 1"],
      [() => run('SELECT * FROM nope'), 'ResourceNotFoundException', 'Requested resource not found'],
      [() => run(`SELECT * FROM music WHERE artist = 1`), 'ValidationException', "Key attribute's data type should match its data type in table's schema: Key artist"],
      [() => run(`UPDATE music SET x = 1 WHERE artist = 'a' AND song = 'b' AND artist = 'c'`), 'ValidationException', 'Multiple conditions on same key artist. Only single item Update/Insert/Delete are supported'],
      [() => run(`UPDATE music SET x = [?] WHERE artist = 'a' AND song = 'b'`, [{ S: 'v' }]), 'ValidationException', 'Unsupported data type: Parameter under key root[0] at 1:23:1'],
      [() => run(`DELETE FROM music WHERE artist = 'a' AND song = 'b' RETURNING ALL NEW *`), 'ValidationException', 'Invalid returning clause: RETURNING ALL NEW *. Only RETURNING ALL OLD * is allowed in DELETE statements.'],
    ];
    for (const [p, name, message] of cases) {
      const e = await failure(p());
      assert.equal(e.name, name, message);
      assert.equal(e.message, message);
    }
  });

  it('runs batches with per-statement errors and refuses mixing reads and writes', async () => {
    const w = await d.ddb.send(new BatchExecuteStatementCommand({ Statements: [
      { Statement: `INSERT INTO users VALUE {'id': 'b1'}` },
      { Statement: `INSERT INTO users VALUE {'id': 'ann'}` },
      { Statement: `UPDATE users SET age = 31 WHERE id = ?`, Parameters: [{ S: 'ann' }] },
      { Statement: `SELEC nothing` },
    ] }));
    assert.deepEqual(w.Responses?.map((r) => r.Error?.Code ?? 'ok'), ['ok', 'DuplicateItem', 'ok', 'ValidationError']);
    assert.equal(w.Responses?.[1].Error?.Message, 'Duplicate primary key exists in table');
    const r = await d.ddb.send(new BatchExecuteStatementCommand({ Statements: [
      { Statement: `SELECT age FROM users WHERE id = 'ann'` }, { Statement: `SELECT * FROM users WHERE id = 'zzz'` },
      { Statement: `SELECT * FROM users WHERE id = 'ann' AND age = 31` },
    ] }));
    assert.deepEqual(r.Responses?.[0], { TableName: 'users', Item: { age: { N: '31' } } });
    assert.deepEqual(r.Responses?.[1], { TableName: 'users' });
    assert.equal(r.Responses?.[2].Error?.Message, 'Select statements within BatchExecuteStatement must specify the primary key in the where clause.');
    const mixed = await failure(d.ddb.send(new BatchExecuteStatementCommand({ Statements: [
      { Statement: `SELECT * FROM users WHERE id = 'ann'` }, { Statement: `DELETE FROM users WHERE id = 'ann'` }] })));
    assert.equal(mixed.message, 'Read and write requests together in the same batch is not supported.');
  });

  it('runs transactions all or nothing', async () => {
    await d.ddb.send(new ExecuteTransactionCommand({ TransactStatements: [
      { Statement: `INSERT INTO users VALUE {'id': 't1', 'n': 1}` },
      { Statement: `UPDATE users SET n = 5 WHERE id = 'b1'` },
      { Statement: `EXISTS(SELECT * FROM users WHERE id = 'ann' AND age = 31)` },
    ], ClientRequestToken: 'tok-1' }));
    const fail = await failure(d.ddb.send(new ExecuteTransactionCommand({ TransactStatements: [
      { Statement: `UPDATE users SET n = 6 WHERE id = 't1'` },
      { Statement: `INSERT INTO users VALUE {'id': 'b1'}` },
      { Statement: `DELETE FROM users WHERE id = 'ann' AND age = 1` },
    ] })));
    assert.equal(fail.name, 'TransactionCanceledException');
    assert.deepEqual((fail as { CancellationReasons?: { Code: string }[] }).CancellationReasons?.map((r) => r.Code), ['None', 'DuplicateItem', 'ConditionalCheckFailed']);
    const read = await d.ddb.send(new ExecuteTransactionCommand({ TransactStatements: [
      { Statement: `SELECT n FROM users WHERE id = 't1'` }, { Statement: `SELECT * FROM users WHERE id = ?`, Parameters: [{ S: 'b1' }] }] }));
    assert.deepEqual(read.Responses?.map((r) => r.Item), [{ n: { N: '1' } }, { id: { S: 'b1' }, n: { N: '5' } }]);
    const ret = await failure(d.ddb.send(new ExecuteTransactionCommand({ TransactStatements: [
      { Statement: `UPDATE users SET n = 6 WHERE id = 't1' RETURNING ALL NEW *` }] })));
    assert.equal(ret.message, 'Validation failed in TransactStatements[0]: RETURNING clause is not supported in ExecuteTransaction.');
    const keyless = await failure(d.ddb.send(new ExecuteTransactionCommand({ TransactStatements: [{ Statement: `SELECT * FROM users WHERE n = 1` }] })));
    assert.equal(keyless.message, 'Validation failed in TransactStatements[0]: Select statements within ExecuteTransaction must specify the primary key in the where clause.');
  });
});
