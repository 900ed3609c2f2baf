// Numbers (exact, canonical, DynamoDB's limits), value ordering, legacy parameters, item sizes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  applyUpdate, compareValues, evaluateCondition, itemSize, legacyCondition, legacyKeyCondition, legacyUpdate, numbers, type Item,
} from './index';

describe('numbers', () => {
  const canonical: [string, string][] = [
    ['1.50', '1.5'], ['-0', '0'], ['0.000', '0'], ['1E3', '1000'], ['1.23e-2', '0.0123'], ['+7', '7'], ['.5', '0.5'], ['5.', '5'],
    ['00012.3400', '12.34'], ['-1E-130', `-0.${'0'.repeat(129)}1`], ['9.9999999999999999999999999999999999999E125', `99999999999999999999999999999999999999${'0'.repeat(88)}`],
  ];
  for (const [n, c] of canonical) it(`${n} → ${c.length > 20 ? c.slice(0, 20) + '…' : c}`, () => assert.equal(numbers.normalize(n), c));
  const errors: [string, string][] = [
    ['abc', 'The parameter cannot be converted to a numeric value: abc'],
    ['1e', 'The parameter cannot be converted to a numeric value: 1e'],
    [' 1', 'The parameter cannot be converted to a numeric value:  1'],
    ['1E126', 'Number overflow. Attempting to store a number with magnitude larger than supported range'],
    ['1E-131', 'Number underflow. Attempting to store a number with magnitude smaller than supported range'],
    ['123456789012345678901234567890123456789', 'Attempting to store more than 38 significant digits in a Number'],
  ];
  for (const [n, m] of errors) it(`${n} → ${m.slice(0, 30)}`, () => assert.throws(() => numbers.normalize(n), { message: m }));
  it('adds, subtracts and compares exactly', () => {
    assert.equal(numbers.add('0.1', '0.2'), '0.3');
    assert.equal(numbers.add('12345678901234567890123456789012345678', '1'), '12345678901234567890123456789012345679');
    assert.equal(numbers.subtract('1', '1.000'), '0');
    assert.equal(numbers.subtract('-5', '2.5'), '-7.5');
    assert.equal(numbers.compare('10', '9.99999999999999999999'), 1);
    assert.equal(numbers.compare('-1E-5', '-0.00001'), 0);
    assert.equal(numbers.compare('-2', '1'), -1);
  });
});

describe('compareValues', () => {
  it('orders strings by UTF-8 bytes, binary unsigned, numbers numerically; undefined across types', () => {
    assert.equal(compareValues({ S: 'Z' }, { S: 'a' }), -1);
    assert.equal(compareValues({ S: '\u{1F600}' }, { S: '\uFFFF' }), 1); // UTF-16 order would say less
    assert.equal(compareValues({ B: '/w==' }, { B: 'AQ==' }), 1);
    assert.equal(compareValues({ N: '10' }, { N: '9' }), 1);
    assert.equal(compareValues({ N: '1' }, { S: '1' }), undefined);
    assert.equal(compareValues({ SS: ['a', 'b'] }, { SS: ['b', 'a'] }), 0);
    assert.equal(compareValues({ L: [{ N: '1' }] }, { L: [{ N: '1.0' }] }), 0);
    assert.equal(compareValues({ M: { a: { S: 'x' } } }, { M: { a: { S: 'y' } } }), undefined);
  });
});

describe('legacy parameters', () => {
  const item: Item = { a: { S: 'abc' }, n: { N: '5' }, ss: { SS: ['x'] } };
  const ev = (c: Parameters<typeof legacyCondition>[0], op?: 'AND' | 'OR', p: 'Expected' | 'ScanFilter' = 'ScanFilter') => evaluateCondition(legacyCondition(c, op, p), item);
  it('filters with ComparisonOperator and ConditionalOperator', () => {
    assert.equal(ev({ n: { ComparisonOperator: 'GT', AttributeValueList: [{ N: '4' }] }, a: { ComparisonOperator: 'BEGINS_WITH', AttributeValueList: [{ S: 'ab' }] } }), true);
    assert.equal(ev({ n: { ComparisonOperator: 'LT', AttributeValueList: [{ N: '4' }] }, a: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'abc' }] } }, 'OR'), true);
    assert.equal(ev({ n: { ComparisonOperator: 'LT', AttributeValueList: [{ N: '4' }] }, a: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'abc' }] } }), false);
    assert.equal(ev({ zz: { ComparisonOperator: 'NULL' }, ss: { ComparisonOperator: 'CONTAINS', AttributeValueList: [{ S: 'x' }] } }), true);
    assert.equal(ev({ zz: { ComparisonOperator: 'NOT_CONTAINS', AttributeValueList: [{ S: 'x' }] } }), true);
    assert.equal(ev({ n: { ComparisonOperator: 'IN', AttributeValueList: [{ N: '1' }, { N: '5' }] } }), true);
    assert.equal(ev({ n: { ComparisonOperator: 'BETWEEN', AttributeValueList: [{ N: '1' }, { N: '5' }] } }), true);
    assert.equal(ev({}), true);
  });
  it('Expected with Exists and Value', () => {
    assert.equal(ev({ a: { Value: { S: 'abc' } } }, undefined, 'Expected'), true);
    assert.equal(ev({ a: { Exists: false } }, undefined, 'Expected'), false);
    assert.equal(ev({ q: { Exists: false } }, undefined, 'Expected'), true);
  });
  const fails = (f: () => unknown, message: string) => assert.throws(f, { message });
  it('DynamoDB messages for malformed legacy conditions', () => {
    const X = 'One or more parameter values were invalid: ';
    fails(() => legacyCondition({ a: { ComparisonOperator: 'EQ' } }, 'AND', 'ScanFilter'), `${X}Invalid number of argument(s) for the EQ ComparisonOperator`);
    fails(() => legacyCondition({ a: { ComparisonOperator: 'LT', AttributeValueList: [{ SS: ['x'] }] } }, 'AND', 'ScanFilter'), `${X}ComparisonOperator LT is not valid for SS AttributeValue type`);
    fails(() => legacyCondition({ a: { ComparisonOperator: 'IN', AttributeValueList: [{ S: 'x' }, { N: '1' }] } }, 'AND', 'ScanFilter'), `${X}AttributeValues inside AttributeValueList must be of same type`);
    fails(() => legacyCondition({ a: { ComparisonOperator: 'BETWEEN', AttributeValueList: [{ N: '2' }, { N: '1' }] } }, 'AND', 'ScanFilter'), 'The BETWEEN condition was provided a range where the lower bound is greater than the upper bound');
    fails(() => legacyCondition({ a: { Exists: true } }), `${X}Value must be provided when Exists is true for Attribute: a`);
    fails(() => legacyCondition({ a: {} }), `${X}Value must be provided when Exists is null for Attribute: a`);
    fails(() => legacyCondition({ a: { Exists: false, Value: { S: 'x' } } }), `${X}Value cannot be used when Exists is false for Attribute: a`);
    fails(() => legacyCondition({ a: { Exists: true, ComparisonOperator: 'NULL' } }), `${X}Exists and ComparisonOperator cannot be used together for Attribute: a`);
  });
  it('KeyConditions', () => {
    const key = { hash: 'pk', range: 'sk' };
    assert.deepEqual(legacyKeyCondition({ pk: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'h' }] }, sk: { ComparisonOperator: 'BEGINS_WITH', AttributeValueList: [{ S: 'p' }] } }, key),
      { hashValue: { S: 'h' }, range: { op: 'begins_with', values: [{ S: 'p' }] } });
    fails(() => legacyKeyCondition({ sk: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'h' }] } }, key), 'Query condition missed key schema element: pk');
    fails(() => legacyKeyCondition({ pk: { ComparisonOperator: 'NOT_NULL' } }, key), 'Attempted conditional constraint is not an indexable operation');
    fails(() => legacyKeyCondition({ pk: { ComparisonOperator: 'GT', AttributeValueList: [{ S: 'h' }] } }, key), 'Query key condition not supported');
    fails(() => legacyKeyCondition({}, key), 'Conditions can be of length 1 or 2 only');
  });
  it('AttributeUpdates', () => {
    const r = applyUpdate(legacyUpdate({ a: { Value: { S: 'new' } }, n: { Action: 'ADD', Value: { N: '-5' } }, ss: { Action: 'DELETE' }, q: { Action: 'ADD', Value: { NS: ['1'] } } }), item);
    assert.deepEqual(r, { a: { S: 'new' }, n: { N: '0' }, q: { NS: ['1'] } });
    fails(() => legacyUpdate({ a: { Action: 'PUT' } }), 'One or more parameter values were invalid: Only DELETE action is allowed when no attribute value is specified');
    fails(() => legacyUpdate({ a: { Action: 'ADD', Value: { S: 'x' } } }), 'One or more parameter values were invalid: ADD action is not supported for the type S');
    fails(() => legacyUpdate({ a: { Action: 'DELETE', Value: { S: 'x' } } }), 'One or more parameter values were invalid: DELETE action with value is not supported for the type S');
  });
});

describe('item size', () => {
  it('counts names and values by DynamoDB rules', () => {
    assert.equal(itemSize({ ab: { S: 'héllo' } }), 2 + 6);
    assert.equal(itemSize({ b: { B: 'AQID' } }), 1 + 3);
    assert.equal(itemSize({ t: { BOOL: true }, u: { NULL: true } }), 4);
    assert.equal(itemSize({ n: { N: '0' } }), 2);
    assert.equal(itemSize({ n: { N: '12345' } }), 1 + 1 + 3);
    assert.equal(itemSize({ l: { L: [{ S: 'ab' }, { N: '1' }] } }), 1 + 3 + (1 + 2) + (1 + 2));
    assert.equal(itemSize({ m: { M: { k: { S: 'v' } } } }), 1 + 3 + 1 + 1 + 1);
    assert.equal(itemSize({ s: { SS: ['a', 'bc'] } }), 1 + 3);
    assert.equal(itemSize({ big: { S: 'x'.repeat(400 * 1024) } }) > 400 * 1024, true);
  });
});
