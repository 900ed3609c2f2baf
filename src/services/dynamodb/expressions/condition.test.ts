// Condition and filter expressions: parsing errors with DynamoDB's exact messages, and
// evaluation against literal items.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluateCondition, parseCondition, type AttributeValue, type ExpressionInput, type Item } from './index';

const values: Record<string, AttributeValue> = {
  ':s': { S: 'abc' }, ':n': { N: '5' }, ':one': { N: '1' }, ':ten': { N: '10' }, ':b': { B: 'AQI=' }, ':t': { S: 'SS' },
  ':bad': { S: 'XX' }, ':a': { S: 'a' }, ':ss': { SS: ['x'] }, ':l': { L: [{ N: '1' }] },
};
const names = { '#n': 'name', '#a': 'a' };
const input: ExpressionInput = { names, values };
const check = (text: string, inp: ExpressionInput = input) => parseCondition(text, 'ConditionExpression', inp);
const error = (text: string, inp: ExpressionInput = input): string => {
  try { check(text, inp); } catch (e) { return (e as Error).message; }
  return 'no error';
};
const I = 'Invalid ConditionExpression: ';

describe('condition parsing: DynamoDB messages', () => {
  const cases: [string, string][] = [
    ['', `${I}The expression can not be empty;`],
    ['foo', `${I}Syntax error; token: "<EOF>", near: "foo"`],
    ['a = ', `${I}Syntax error; token: "<EOF>", near: "= "`],
    ['a == :s', `${I}Syntax error; token: "=", near: "== :s"`],
    ['a = :s b', `${I}Syntax error; token: "b", near: ":s b"`],
    ['a = 1', `${I}Syntax error; token: "1", near: "= 1"`],
    ['a ! :s', `${I}Syntax error; token: "!", near: "a ! :s"`],
    ['status = :s', `${I}Attribute name is a reserved keyword; reserved keyword: status`],
    ['a.Size = :s', `${I}Attribute name is a reserved keyword; reserved keyword: Size`],
    ['#x = :s', `${I}An expression attribute name used in the document path is not defined; attribute name: #x`],
    ['a = :zz', `${I}An expression attribute value used in expression is not defined; attribute value: :zz`],
    ['foo(a)', `${I}Invalid function name; function: foo`],
    ['if_not_exists(a, :s)', `${I}The function is not allowed in a condition expression; function: if_not_exists`],
    ['attribute_exists(a, b)', `${I}Incorrect number of operands for operator or function; operator or function: attribute_exists, number of operands: 2`],
    ['attribute_exists(:s)', `${I}Operator or function requires a document path; operator or function: attribute_exists`],
    ['((a = :s))', `${I}The expression has redundant parentheses;`],
    ['((a)) = :s', `${I}The expression has redundant parentheses;`],
    ['a = a', `${I}The first operand must be distinct from the remaining operands for this operator or function; operator: =, first operand: [a]`],
    ['begins_with(a.b[1], a.b[1])', `${I}The first operand must be distinct from the remaining operands for this operator or function; operator: begins_with, first operand: [a, b, [1]]`],
    ['begins_with(a, :n)', `${I}Incorrect operand type for operator or function; operator or function: begins_with, operand type: N`],
    ['attribute_type(a, :n)', `${I}Incorrect operand type for operator or function; operator or function: attribute_type, operand type: N`],
    ['attribute_type(a, b)', `${I}Incorrect operand type for operator or function; operator or function: attribute_type, operand type: {NS,SS,L,BS,N,M,B,BOOL,NULL,S}`],
    ['attribute_type(a, :bad)', `${I}Invalid attribute type name found; type: XX, valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}`],
    ['size(:n) = :n', `${I}Incorrect operand type for operator or function; operator or function: size, operand type: N`],
    ['size(a)', `${I}The function is not allowed to be used this way in an expression; function: size`],
    ['attribute_exists(a) = :s', `${I}The function is not allowed to be used this way in an expression; function: attribute_exists`],
    ['a BETWEEN :ten AND :one', `${I}The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {N:10}, upper bound operand: AttributeValue: {N:1}`],
    ['a BETWEEN :s AND :n', `${I}The BETWEEN operator requires same data type for lower and upper bounds; lower bound operand: AttributeValue: {S:abc}, upper bound operand: AttributeValue: {N:5}`],
    [`a IN (${Array.from({ length: 101 }, () => ':n').join(', ')})`, `${I}The IN operator is provided with too many operands; number of operands: 101`],
    ['status = :zz', `${I}Attribute name is a reserved keyword; reserved keyword: status`], // reserved before undefined values
    ['foo(status)', `${I}Invalid function name; function: foo`], // function names before reserved words
  ];
  for (const [text, message] of cases) it(`${text.slice(0, 40) || '(empty)'} → ${message.slice(I.length, I.length + 50)}`, () => assert.equal(error(text), message));

  it('FilterExpression label and the 4 KB limit', () => {
    assert.throws(() => parseCondition('a = ', 'FilterExpression', input), { message: 'Invalid FilterExpression: Syntax error; token: "<EOF>", near: "= "' });
    const long = `a = :s${' '.repeat(4100)}`;
    assert.throws(() => parseCondition(long, 'FilterExpression', input), { message: 'Invalid FilterExpression: Expression size has exceeded the maximum allowed size; expression size: 4106' });
  });
  it('ExpressionAttributeValues themselves are checked first', () => {
    const bad = (v: AttributeValue) => error('a = :v', { values: { ':v': v } });
    assert.equal(bad({ SS: [] }), 'ExpressionAttributeValues contains invalid value: One or more parameter values were invalid: An string set  may not be empty for key :v');
    assert.equal(bad({ NS: ['1', '1.0'] }), 'ExpressionAttributeValues contains invalid value: Input collection contains duplicates for key :v');
    assert.equal(bad({ SS: ['a', 'a'] }), 'ExpressionAttributeValues contains invalid value: One or more parameter values were invalid: Input collection [a, a] contains duplicates. for key :v');
    assert.equal(bad({ N: 'x1' }), 'ExpressionAttributeValues contains invalid value: The parameter cannot be converted to a numeric value: x1 for key :v');
    assert.equal(bad({}), 'ExpressionAttributeValues contains invalid value: Supplied AttributeValue is empty, must contain exactly one of the supported datatypes for key :v');
    assert.equal(error('a = :v', { values: {} }), 'ExpressionAttributeValues must not be empty');
    assert.equal(error('a = :v', { names: { n: 'x' }, values: { ':v': { S: 'x' } } }), 'ExpressionAttributeNames contains invalid key: Syntax error; key: "n"');
  });
  it('records used names and values', () => {
    const p = check('#n = :s AND attribute_exists(#n)');
    assert.deepEqual([...p.usedNames], ['#n']);
    assert.deepEqual([...p.usedValues], [':s']);
  });
});

describe('condition evaluation', () => {
  const item: Item = {
    name: { S: 'abc' }, n: { N: '5' }, f: { N: '-1.5' }, b: { B: 'AQID' }, ss: { SS: ['x', 'y'] }, ns: { NS: ['1', '2'] },
    l: { L: [{ S: 'a' }, { N: '1' }] }, m: { M: { k: { S: 'v' }, deep: { L: [{ M: { z: { N: '3' } } }] } } },
    e: { S: 'é' }, nul: { NULL: true }, t: { BOOL: true },
  };
  const v = (extra: Record<string, AttributeValue> = {}) => ({ names, values: { ...values, ...extra } });
  const ev = (text: string, extra: Record<string, AttributeValue> = {}, target: Item | null = item) =>
    evaluateCondition(parseCondition(text, 'ConditionExpression', v(extra)).ast, target ?? undefined, v(extra));
  const truths: [string, boolean, Record<string, AttributeValue>?][] = [
    ['#n = :s', true], ['#n <> :s', false], ['absent <> :s', true], ['absent = :s', false],
    ['n = :x', true, { ':x': { N: '5.00' } }], ['n < :ten', true], ['n > :ten', false], ['n >= :n', true], ['n <= :one', false],
    ['f < :x', true, { ':x': { N: '-1.49' } }], ['n < :s', false], ['n <> :s', true],
    ['#n < :x', true, { ':x': { S: 'abd' } }], ['e > :x', true, { ':x': { S: 'z' } }], // UTF-8 byte order: é > z
    ['b > :x', true, { ':x': { B: 'AQI=' } }], ['b < :x', true, { ':x': { B: '/w==' } }], // unsigned bytes
    ['n BETWEEN :one AND :ten', true], ['n BETWEEN :x AND :ten', false, { ':x': { N: '6' } }], ['absent BETWEEN :one AND :ten', false],
    ['n IN (:one, :n)', true], ['n IN (:one, :ten)', false], ['absent IN (:one)', false],
    ['attribute_exists(m.deep[0].z)', true], ['attribute_exists(m.deep[1])', false], ['attribute_not_exists(m.nope)', true],
    ['attribute_exists(l[0].x)', false], ['attribute_exists(m[0])', false],
    ['attribute_type(ns, :x)', true, { ':x': { S: 'NS' } }], ['attribute_type(nul, :x)', true, { ':x': { S: 'NULL' } }], ['attribute_type(t, :x)', false, { ':x': { S: 'S' } }],
    ['begins_with(#n, :x)', true, { ':x': { S: 'ab' } }], ['begins_with(#n, :x)', false, { ':x': { S: 'b' } }], ['begins_with(b, :x)', true, { ':x': { B: 'AQ==' } }],
    ['begins_with(n, :x)', false, { ':x': { S: '5' } }],
    ['contains(#n, :x)', true, { ':x': { S: 'bc' } }], ['contains(ss, :x)', true, { ':x': { S: 'y' } }], ['contains(ss, :x)', false, { ':x': { S: 'z' } }],
    ['contains(ns, :x)', true, { ':x': { N: '2.0' } }], ['contains(l, :a)', true], ['contains(l, :x)', false, { ':x': { N: '2' } }],
    ['size(#n) = :x', true, { ':x': { N: '3' } }], ['size(e) = :one', true], ['size(b) = :x', true, { ':x': { N: '3' } }],
    ['size(ss) = :x', true, { ':x': { N: '2' } }], ['size(m) = :x', true, { ':x': { N: '2' } }], ['size(l) > :one', true],
    ['size(absent) >= :one', false], ['size(n) = :one', false],
    ['a = :one OR #n = :s AND n = :one', false, { }], ['(a = :one OR #n = :s) AND n = :n', true],
    ['NOT #n = :s', false], ['NOT (#n = :s OR n = :n)', false], ['NOT attribute_exists(zz)', true],
    ['#n = :s AND NOT n = :one', true], ['(#n) = (:s)', true],
    ['m.k = :x', true, { ':x': { S: 'v' } }], ['l[1] = :one', true], ['m.deep[0].z = :x', true, { ':x': { N: '3' } }],
  ];
  for (const [text, expected, extra] of truths) it(`${text} is ${expected}`, () => assert.equal(ev(text, extra), expected));
  it('without an item every attribute is absent', () => {
    assert.equal(ev('attribute_not_exists(#n)', {}, null), true);
    assert.equal(ev('#n = :s', {}, null), false);
  });
  it('AND binds tighter than OR', () => {
    assert.equal(ev('#n = :s OR n = :one AND n = :ten'), true);
  });
});
