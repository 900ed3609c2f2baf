// KeyConditionExpression reduction and ProjectionExpression parsing/projection.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseKeyCondition, parseProjection, project, legacyProjection, type AttributeValue, type Item } from './index';

const values: Record<string, AttributeValue> = { ':h': { S: 'h' }, ':a': { N: '1' }, ':b': { N: '2' }, ':p': { S: 'pre' } };
const names = { '#h': 'pk', '#r': 'sk' };
const key = { hash: 'pk', range: 'sk' };
const kc = (text: string, k: { hash: string; range?: string } = key) => parseKeyCondition(text, { names, values }, k).ast;
const kerr = (text: string, k: { hash: string; range?: string } = key): string => { try { kc(text, k); } catch (e) { return (e as Error).message; } return 'no error'; };

describe('key conditions', () => {
  it('reduces to hash equality and one range condition', () => {
    assert.deepEqual(kc('pk = :h'), { hashValue: { S: 'h' } });
    assert.deepEqual(kc('#h = :h AND #r BETWEEN :a AND :b'), { hashValue: { S: 'h' }, range: { op: 'BETWEEN', values: [{ N: '1' }, { N: '2' }] } });
    assert.deepEqual(kc('begins_with(sk, :p) AND :h = pk'), { hashValue: { S: 'h' }, range: { op: 'begins_with', values: [{ S: 'pre' }] } });
    assert.deepEqual(kc(':a < sk AND pk = :h'), { hashValue: { S: 'h' }, range: { op: '>', values: [{ N: '1' }] } });
    assert.deepEqual(kc('(pk = :h) AND (sk <= :b)'), { hashValue: { S: 'h' }, range: { op: '<=', values: [{ N: '2' }] } });
  });
  const cases: [string, string, { hash: string; range?: string }?][] = [
    ['pk = :h OR sk = :a', 'Invalid operator used in KeyConditionExpression: OR'],
    ['pk = :h AND NOT sk = :a', 'Invalid operator used in KeyConditionExpression: NOT'],
    ['pk IN (:h)', 'Invalid operator used in KeyConditionExpression: IN'],
    ['pk <> :h', 'Invalid operator used in KeyConditionExpression: <>'],
    ['pk = :h AND attribute_exists(sk)', 'Invalid operator used in KeyConditionExpression: attribute_exists'],
    ['pk = :h AND size(sk) = :a', 'KeyConditionExpressions cannot contain nested operations'],
    ['pk = :h AND sk.x = :a', 'KeyConditionExpressions cannot have conditions on nested attributes'],
    ['pk = sk', 'Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition'],
    [':h = :a', 'Invalid condition in KeyConditionExpression: No key attribute specified'],
    ['pk = :h AND pk = :h', 'KeyConditionExpressions must only contain one condition per key'],
    ['sk = :a', 'Query condition missed key schema element: pk'],
    ['pk = :h AND xyz = :a', 'Query condition missed key schema element: sk'],
    ['pk < :h', 'Query key condition not supported'],
    ['pk = :h AND sk = :a', 'Query key condition not supported', { hash: 'pk' }],
    ['pk = :h AND sk = :a AND x = :b', 'Conditions can be of length 1 or 2 only'],
    ['pk = ', 'Invalid KeyConditionExpression: Syntax error; token: "<EOF>", near: "= "'],
    ['pk = :h AND begins_with(sk, :a)', 'Invalid KeyConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N'],
    ['pk = :h AND data = :a', 'Invalid KeyConditionExpression: Attribute name is a reserved keyword; reserved keyword: data'],
    ['', 'Invalid KeyConditionExpression: The expression can not be empty;'],
  ];
  for (const [text, message, k] of cases) it(`${text || '(empty)'} → ${message}`, () => assert.equal(kerr(text, k), message));
});

describe('projections', () => {
  const item: Item = {
    a: { S: 'x' }, b: { N: '1' }, m: { M: { p: { S: 'p' }, q: { S: 'q' }, n: { M: { z: { N: '9' } } } } },
    l: { L: [{ S: '0' }, { S: '1' }, { S: '2' }, { M: { k: { S: 'v' }, j: { S: 'w' } } }] },
  };
  const proj = (text: string, nm?: Record<string, string>) => project(item, parseProjection(text, { names: nm }).ast);
  it('top-level, nested maps merged, list elements packed in index order, absent skipped', () => {
    assert.deepEqual(proj('a, absent'), { a: { S: 'x' } });
    assert.deepEqual(proj('m.q, m.n.z, m.nope'), { m: { M: { q: { S: 'q' }, n: { M: { z: { N: '9' } } } } } });
    assert.deepEqual(proj('l[2], l[0], l[3].k'), { l: { L: [{ S: '0' }, { S: '2' }, { M: { k: { S: 'v' } } }] } });
    assert.deepEqual(proj('#x', { '#x': 'b' }), { b: { N: '1' } });
    assert.deepEqual(project(item, legacyProjection(['a', 'b', 'zz'])), { a: { S: 'x' }, b: { N: '1' } });
  });
  const perr = (text: string, nm?: Record<string, string>): string => { try { proj(text, nm); } catch (e) { return (e as Error).message; } return 'no error'; };
  const P = 'Invalid ProjectionExpression: ';
  const cases: [string, string][] = [
    ['a,', `${P}Syntax error; token: "<EOF>", near: ","`],
    ['a b', `${P}Syntax error; token: "b", near: "a b"`],
    ['name', `${P}Attribute name is a reserved keyword; reserved keyword: name`],
    ['#q', `${P}An expression attribute name used in the document path is not defined; attribute name: #q`],
    ['a, a', `${P}Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a]`],
    ['m.p, m', `${P}Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [m, p], path two: [m]`],
    ['l[0], l.x', `${P}Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [l, [0]], path two: [l, x]`],
  ];
  for (const [text, message] of cases) it(`${text} → ${message.slice(P.length)}`, () => assert.equal(perr(text), message));
});
