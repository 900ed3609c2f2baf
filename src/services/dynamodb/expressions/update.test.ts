// Update expressions: parse errors with DynamoDB's messages, and applying plans to literal items.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyUpdate, checkUnused, parseUpdate, type AttributeValue, type ExpressionInput, type Item } from './index';

const values: Record<string, AttributeValue> = {
  ':s': { S: 'x' }, ':n': { N: '2' }, ':ss': { SS: ['b', 'c'] }, ':ns': { NS: ['1'] }, ':l': { L: [{ S: 'z' }] }, ':m': { M: {} },
};
const input: ExpressionInput = { names: { '#a': 'a', '#a2': 'a2', '#s': 'status' }, values };
const U = 'Invalid UpdateExpression: ';
const error = (text: string): string => { try { parseUpdate(text, input); } catch (e) { return (e as Error).message; } return 'no error'; };

describe('update parsing: DynamoDB messages', () => {
  const cases: [string, string][] = [
    ['', `${U}The expression can not be empty;`],
    ['SET a = :s, REMOVE b', `${U}Syntax error; token: "REMOVE", near: ", REMOVE b"`],
    ['SET path = VALUE 1', `${U}Syntax error; token: "1", near: "VALUE 1"`],
    ['UPSERT a = :s', `${U}Syntax error; token: "UPSERT", near: "UPSERT a"`],
    ['SET a = :s SET b = :s', `${U}The "SET" section can only be used once in an update expression;`],
    ['remove a add b :n REMOVE c', `${U}The "REMOVE" section can only be used once in an update expression;`],
    ['SET status = :s', `${U}Attribute name is a reserved keyword; reserved keyword: status`],
    ['SET #x = :s', `${U}An expression attribute name used in the document path is not defined; attribute name: #x`],
    ['SET a = :zz', `${U}An expression attribute value used in expression is not defined; attribute value: :zz`],
    ['SET a = foo(b)', `${U}Invalid function name; function: foo`],
    ['SET a = size(b)', `${U}The function is not allowed in an update expression; function: size`],
    ['SET a = if_not_exists(:s, :s)', `${U}Operator or function requires a document path; operator or function: if_not_exists`],
    ['SET a = if_not_exists(a)', `${U}Incorrect number of operands for operator or function; operator or function: if_not_exists, number of operands: 1`],
    ['SET a = list_append(a, :s)', `${U}Incorrect operand type for operator or function; operator or function: list_append, operand type: S`],
    ['SET a = b + :s', `${U}Incorrect operand type for operator or function; operator or function: +, operand type: S`],
    ['ADD a :s', `${U}Incorrect operand type for operator or function; operator: ADD, operand type: STRING`],
    ['ADD a :l', `${U}Incorrect operand type for operator or function; operator: ADD, operand type: LIST`],
    ['DELETE a :n', `${U}Incorrect operand type for operator or function; operator: DELETE, operand type: NUMBER`],
    ['SET a = :s REMOVE a', `${U}Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a]`],
    ['SET a.b = :s, a = :s', `${U}Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a, b], path two: [a]`],
    ['SET a[1] = :s, a.b = :s', `${U}Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [a, [1]], path two: [a, b]`],
    ['SET #s = :zz, status = :s', `${U}Attribute name is a reserved keyword; reserved keyword: status`],
  ];
  for (const [text, message] of cases) it(`${text || '(empty)'}`, () => assert.equal(error(text), message));
  it('accepts every clause once, in any order and case, with parentheses', () => {
    const p = parseUpdate('delete ss :ss set a = (b + :n), c = if_not_exists(c, :n) - :n, #a2.x[0] = list_append(:l, l) REMOVE r[1] ADD n :n', input);
    assert.equal(p.ast.actions.length, 6);
    assert.deepEqual([...p.usedNames], ['#a2']);
  });
});

describe('applying updates', () => {
  const item: Item = {
    id: { S: 'k' }, n: { N: '10' }, s: { S: 'str' }, ss: { SS: ['a', 'b'] }, ns: { NS: ['1', '2'] },
    l: { L: [{ N: '0' }, { N: '1' }, { N: '2' }, { N: '3' }] }, m: { M: { x: { N: '1' }, deeper: { M: {} } } },
  };
  const apply = (text: string, extra: Record<string, AttributeValue> = {}) => {
    const inp = { names: { '#a': 'a' }, values: { ...values, ...extra } };
    return applyUpdate(parseUpdate(text, inp).ast, item, inp);
  };
  const fails = (text: string, message: string, extra: Record<string, AttributeValue> = {}) => assert.throws(() => apply(text, extra), { message });

  it('SET values, arithmetic exactly, if_not_exists, list_append; operands read the old item', () => {
    const r = apply('SET a = :s, n = n + :x, k = if_not_exists(k, :n), n2 = if_not_exists(n, :n), l = list_append(l, :l), l0 = list_append(:l, l), prev = n', { ':x': { N: '0.1' } });
    assert.deepEqual(r.a, { S: 'x' });
    assert.deepEqual(r.n, { N: '10.1' });
    assert.deepEqual(r.k, { N: '2' });
    assert.deepEqual(r.n2, { N: '10' });
    assert.equal(r.l.L!.length, 5);
    assert.deepEqual(r.l0.L![0], { S: 'z' });
    assert.deepEqual(r.prev, { N: '10' });
    assert.deepEqual(item.n, { N: '10' }, 'input not mutated');
    assert.deepEqual(apply('SET n = n - :x', { ':x': { N: '10.5' } }).n, { N: '-0.5' });
    assert.deepEqual(apply('SET z = :x', { ':x': { N: '1.50E2' } }).z, { N: '150' });
  });
  it('SET nested paths and list indexes (past the end appends)', () => {
    assert.deepEqual(apply('SET m.deeper.y = :s').m.M!.deeper, { M: { y: { S: 'x' } } });
    assert.deepEqual(apply('SET l[1] = :s').l.L![1], { S: 'x' });
    assert.deepEqual(apply('SET l[10] = :s').l.L![4], { S: 'x' });
    assert.deepEqual(item.m.M!.deeper, { M: {} }, 'nested input not mutated');
  });
  it('REMOVE attributes and list elements (indexes of the original list), absent is no-op', () => {
    const r = apply('REMOVE s, l[0], l[2], nothere, m.x, l[9]');
    assert.equal(r.s, undefined);
    assert.deepEqual(r.l, { L: [{ N: '1' }, { N: '3' }] });
    assert.deepEqual(r.m, { M: { deeper: { M: {} } } });
  });
  it('ADD numbers and sets, creating absent attributes', () => {
    const r = apply('ADD n :n, ss :ss, ns :x, fresh :n, fs :ss', { ':x': { NS: ['2.0', '3'] } });
    assert.deepEqual(r.n, { N: '12' });
    assert.deepEqual(r.ss, { SS: ['a', 'b', 'c'] });
    assert.deepEqual(r.ns, { NS: ['1', '2', '3'] });
    assert.deepEqual(r.fresh, { N: '2' });
    assert.deepEqual(r.fs, { SS: ['b', 'c'] });
  });
  it('DELETE from sets; an emptied set is removed; absent is no-op', () => {
    const r = apply('DELETE ss :x, ns :y, nope :ss', { ':x': { SS: ['a'] }, ':y': { NS: ['1', '2.00'] } });
    assert.deepEqual(r.ss, { SS: ['b'] });
    assert.equal('ns' in r, false);
    assert.equal('nope' in r, false);
  });
  it('runtime errors are DynamoDB messages', () => {
    fails('SET a.b = :s', 'The document path provided in the update expression is invalid for update');
    fails('SET s[0] = :s', 'The document path provided in the update expression is invalid for update');
    fails('REMOVE q.r', 'The document path provided in the update expression is invalid for update');
    fails('SET a = b', 'The provided expression refers to an attribute that does not exist in the item');
    fails('SET a = s + :n', 'An operand in the update expression has an incorrect data type');
    fails('SET a = list_append(s, :l)', 'An operand in the update expression has an incorrect data type');
    fails('ADD s :n', 'An operand in the update expression has an incorrect data type');
    fails('ADD ss :ns', 'An operand in the update expression has an incorrect data type');
    fails('DELETE ns :ss', 'An operand in the update expression has an incorrect data type');
    fails('SET z = :x + :x', 'Number overflow. Attempting to store a number with magnitude larger than supported range', { ':x': { N: '9E125' } });
  });
  it('checkUnused across a request', () => {
    const inp = { names: { '#a': 'a', '#b': 'b' }, values: { ':s': { S: 'x' }, ':t': { S: 'y' } } };
    const p = parseUpdate('SET #a = :s', inp);
    assert.throws(() => checkUnused(inp, { names: p.usedNames, values: p.usedValues }), { message: 'Value provided in ExpressionAttributeNames unused in expressions: keys: {#b}' });
    assert.throws(() => checkUnused({ values: inp.values }, { names: p.usedNames, values: p.usedValues }), { message: 'Value provided in ExpressionAttributeValues unused in expressions: keys: {:t}' });
    checkUnused({ names: { '#a': 'a' }, values: { ':s': { S: 'x' } } }, { names: p.usedNames, values: p.usedValues });
  });
});
