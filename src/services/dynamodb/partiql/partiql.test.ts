// The pure PartiQL parts: tokenizer, parser, and compilation to the service's requests.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Table } from '../model';
import { compileSelect, selectKey } from './compile-select';
import { compileDelete, compileInsert, compileUpdate } from './compile-write';
import { parseStatement } from './parse';
import { tokenize } from './tokens';
import { bindParameters } from './values';

const table = { name: 't', hash: { name: 'pk', type: 'S' }, range: { name: 'sk', type: 'N' }, indexes: [] } as unknown as Table;
const bind = (src: string, params?: unknown[]) => bindParameters(src, params, parseStatement(src).params);
const message = (fn: () => unknown) => { try { fn(); } catch (e) { return (e as Error).message; } return 'no error'; };

describe('PartiQL tokens and grammar', () => {
  it('tokenizes strings with quotes, identifiers, comments, bags and parameters', () => {
    const toks = tokenize(`SELECT "a b" FROM t /* c */ WHERE x = 'it''s' -- end\n AND y IN <<1.5e3>> AND z = ?`);
    assert.deepEqual(toks.filter((t) => t.kind !== 'word').map((t) => `${t.kind}:${t.text}`),
      ['quoted:a b', 'punct:=', "string:it's", 'punct:<<', 'number:1.5e3', 'punct:>>', 'punct:=', 'param:?', 'eof:<EOF>']);
    assert.match(message(() => tokenize("SELECT 'open")), /Unterminated string literal/);
  });

  it('parses the four statements, case-insensitively', () => {
    const s = parseStatement(`select a, b.c, d[0] from "t"."ix" where pk = ? and not (x < 3 or y is not missing);`);
    assert.equal(s.kind, 'select');
    assert.equal(s.params, 1);
    if (s.kind !== 'select') return;
    assert.deepEqual(s.projection, [['a'], ['b', 'c'], ['d', 0]]);
    assert.equal(s.index, 'ix');
    const u = parseStatement(`UPDATE t SET a = a + 1, b = list_append(b, [1]) REMOVE c SET d = -2 WHERE pk = 'x' RETURNING MODIFIED OLD *`);
    assert.ok(u.kind === 'update' && u.actions.length === 4 && u.returning === 'UPDATED_OLD');
    assert.equal(parseStatement(`DELETE FROM t WHERE pk = 'x'`).kind, 'delete');
    assert.equal(parseStatement(`INSERT INTO t VALUE {'pk': 'x'}`).kind, 'insert');
    assert.equal(parseStatement(`EXISTS(SELECT * FROM t WHERE pk = 'x' AND a = 1)`).kind, 'exists');
  });

  it('answers malformed statements with DynamoDB messages', () => {
    const bad = "Statement wasn't well formed, can't be processed: ";
    assert.equal(message(() => parseStatement('DROP TABLE t')), `${bad}Expected data manipulation`);
    assert.equal(message(() => parseStatement('SELECT * FROM t WHERE')), `${bad}Unexpected end of statement`);
    assert.equal(message(() => parseStatement('SELECT * FROM t x')), `${bad}Unexpected token after expression`);
    assert.equal(message(() => parseStatement('SELECT l[-1] FROM t')), 'List index is not within the allowable range; index: [-1] at 1:11:1');
    assert.equal(message(() => bind('SELECT * FROM t WHERE pk = ? AND a = ?', [{ S: 'x' }])), "Number of parameters in request and statement don't match.");
  });
});

describe('PartiQL compilation', () => {
  it('makes a Query of a partition key equality, with the sort-key term in the key condition', () => {
    const src = `SELECT * FROM t WHERE pk = ? AND sk BETWEEN 1 AND 5 AND a <> 'z'`;
    const s = parseStatement(src);
    assert.equal(s.kind, 'select');
    if (s.kind !== 'select') return;
    const plan = compileSelect(s, table, bind(src, [{ S: 'p' }]), {});
    assert.equal(plan.scan, false);
    assert.equal(plan.reads[0].KeyConditionExpression, '#n0 = :v0 AND #n1 BETWEEN :v1 AND :v2');
    assert.deepEqual(plan.reads[0].ExpressionAttributeNames, { '#n0': 'pk', '#n1': 'sk' });
    assert.equal(plan.filter?.text, '#n0 <> :v0');
    const scan = `SELECT * FROM t WHERE pk = 'a' OR a = 1`;
    const p2 = compileSelect(parseStatement(scan) as never, table, bind(scan), {});
    assert.equal(p2.scan, true);
    assert.equal(p2.filter?.text, '(#n0 = :v0 OR #n1 = :v1)');
    const inList = `SELECT * FROM t WHERE pk IN ['a', 'b'] AND a IS MISSING`;
    const p3 = compileSelect(parseStatement(inList) as never, table, bind(inList), {});
    assert.equal(p3.reads.length, 2);
    assert.equal(p3.filter?.text, 'attribute_not_exists(#n0)');
  });

  it('compiles writes to PutItem, UpdateItem and DeleteItem requests', () => {
    const ins = `INSERT INTO t VALUE {'pk': ?, 'sk': 1, 's': <<'a','b'>>}`;
    const put = compileInsert(parseStatement(ins) as never, table, bind(ins, [{ S: 'x' }]));
    assert.deepEqual(put.request.Item, { pk: { S: 'x' }, sk: { N: '1' }, s: { SS: ['a', 'b'] } });
    assert.equal(put.request.ConditionExpression, 'attribute_not_exists(#n0)');
    const upd = `UPDATE t SET a = ?, n = n + 1 REMOVE b SET s = set_add(s, <<'c'>>) WHERE sk = 1 AND pk = 'x' AND a > 2 RETURNING ALL NEW *`;
    const u = compileUpdate(parseStatement(upd) as never, table, bind(upd, [{ S: 'v' }]));
    assert.equal(u.request.UpdateExpression, 'SET #n0 = :v0, #n1 = #n1 + :v1 REMOVE #n2 ADD #n3 :v2');
    assert.equal(u.request.ConditionExpression, 'attribute_exists(#n4) AND (#n0 > :v3)');
    assert.deepEqual(u.request.Key, { pk: { S: 'x' }, sk: { N: '1' } });
    assert.equal(u.request.ReturnValues, 'ALL_NEW');
    const del = `DELETE FROM t WHERE pk = 'x' AND sk = 1 AND a = 1`;
    assert.equal(compileDelete(parseStatement(del) as never, table, bind(del)).request.ConditionExpression, 'attribute_not_exists(#n1) OR (#n0 = :v0)');
    const partial = `DELETE FROM t WHERE pk = 'x'`;
    assert.equal(message(() => compileDelete(parseStatement(partial) as never, table, bind(partial))), 'Where clause does not contain a mandatory equality on all key attributes');
    const two = `SELECT * FROM t WHERE pk = 'x' AND sk = 1 AND a = 2`;
    assert.equal(message(() => selectKey(parseStatement(two) as never, table, bind(two), 'refused')), 'refused');
  });
});
