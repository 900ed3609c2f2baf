// Filter policy matching and validation with literal policies and messages.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkFilterPolicy } from './filter-policy-check';
import { inCidr, matchesFilterPolicy } from './filter-policy';
import type { MessageAttribute } from './model';

const attrs = (a: Record<string, [string, string]>): Record<string, MessageAttribute> =>
  Object.fromEntries(Object.entries(a).map(([k, [Type, Value]]) => [k, { Type, Value }]));
const onAttrs = (policy: object, a: Record<string, [string, string]>) =>
  matchesFilterPolicy(policy as never, 'MessageAttributes', { attributes: attrs(a), body: '' });
const onBody = (policy: object, body: unknown) =>
  matchesFilterPolicy(policy as never, 'MessageBody', { attributes: {}, body: typeof body === 'string' ? body : JSON.stringify(body) });

describe('filter policy matching: message attributes', () => {
  it('exact strings and numbers, by type', () => {
    assert.ok(onAttrs({ store: ['a', 'b'] }, { store: ['String', 'b'] }));
    assert.ok(!onAttrs({ store: ['a'] }, { store: ['String', 'A'] }));
    assert.ok(!onAttrs({ store: ['a'] }, {}));
    assert.ok(onAttrs({ n: [10] }, { n: ['Number', '10.0'] }));
    assert.ok(!onAttrs({ n: [10] }, { n: ['String', '10'] }));
    assert.ok(!onAttrs({ n: ['10'] }, { n: ['Number', '10'] }));
  });
  it('every key must match (AND), any value within a key (OR)', () => {
    const p = { a: ['x'], b: ['y', 'z'] };
    assert.ok(onAttrs(p, { a: ['String', 'x'], b: ['String', 'z'] }));
    assert.ok(!onAttrs(p, { a: ['String', 'x'] }));
  });
  it('prefix, suffix, equals-ignore-case', () => {
    assert.ok(onAttrs({ k: [{ prefix: 'ab' }] }, { k: ['String', 'abc'] }));
    assert.ok(!onAttrs({ k: [{ prefix: 'ab' }] }, { k: ['String', 'xab'] }));
    assert.ok(onAttrs({ k: [{ suffix: '.png' }] }, { k: ['String', 'a.png'] }));
    assert.ok(onAttrs({ k: [{ 'equals-ignore-case': 'ReD' }] }, { k: ['String', 'rEd'] }));
  });
  it('anything-but: values, numbers, prefix, suffix; the attribute must be there', () => {
    assert.ok(onAttrs({ k: [{ 'anything-but': ['a', 'b'] }] }, { k: ['String', 'c'] }));
    assert.ok(!onAttrs({ k: [{ 'anything-but': ['a', 'b'] }] }, { k: ['String', 'a'] }));
    assert.ok(!onAttrs({ k: [{ 'anything-but': 'a' }] }, {}));
    assert.ok(!onAttrs({ n: [{ 'anything-but': [100] }] }, { n: ['Number', '100'] }));
    assert.ok(onAttrs({ n: [{ 'anything-but': [100] }] }, { n: ['Number', '101'] }));
    assert.ok(!onAttrs({ k: [{ 'anything-but': { prefix: 'tst' } }] }, { k: ['String', 'tst-1'] }));
    assert.ok(onAttrs({ k: [{ 'anything-but': { suffix: '.tmp' } }] }, { k: ['String', 'a.txt'] }));
  });
  it('numeric comparisons and ranges', () => {
    const p = { price: [{ numeric: ['>', 0, '<=', 150] }] };
    assert.ok(onAttrs(p, { price: ['Number', '150'] }));
    assert.ok(!onAttrs(p, { price: ['Number', '0'] }));
    assert.ok(!onAttrs(p, { price: ['Number', '150.5'] }));
    assert.ok(onAttrs({ v: [{ numeric: ['=', 3.5] }] }, { v: ['Number', '3.50'] }));
    assert.ok(!onAttrs({ v: [{ numeric: ['>=', 1] }] }, { v: ['String', 'abc'] }));
  });
  it('exists', () => {
    assert.ok(onAttrs({ k: [{ exists: true }] }, { k: ['String', 'x'] }));
    assert.ok(!onAttrs({ k: [{ exists: true }] }, {}));
    assert.ok(onAttrs({ k: [{ exists: false }] }, { other: ['String', 'x'] }));
    assert.ok(!onAttrs({ k: [{ exists: false }] }, { k: ['String', 'x'] }));
  });
  it('cidr, IPv4 and IPv6', () => {
    assert.ok(onAttrs({ ip: [{ cidr: '10.0.0.0/24' }] }, { ip: ['String', '10.0.0.255'] }));
    assert.ok(!onAttrs({ ip: [{ cidr: '10.0.0.0/24' }] }, { ip: ['String', '10.0.1.0'] }));
    assert.ok(inCidr('2001:db8::/32', '2001:db8:ffff::1'));
    assert.ok(!inCidr('2001:db8::/32', '2001:db9::1'));
  });
  it('String.Array: any element matches; Binary never matches a value', () => {
    assert.ok(onAttrs({ tags: ['b'] }, { tags: ['String.Array', '["a","b"]'] }));
    assert.ok(onAttrs({ tags: [3] }, { tags: ['String.Array', '["a",3]'] }));
    assert.ok(!onAttrs({ tags: ['c'] }, { tags: ['String.Array', '["a","b"]'] }));
    assert.ok(!onAttrs({ b: ['YWI='] }, { b: ['Binary', 'YWI='] }));
    assert.ok(onAttrs({ b: [{ exists: true }] }, { b: ['Binary', 'YWI='] }));
  });
  it('$or', () => {
    const p = { source: ['aws.cloudwatch'], $or: [{ metricName: ['CPUUtilization'] }, { namespace: ['AWS/EC2'] }] };
    assert.ok(onAttrs(p, { source: ['String', 'aws.cloudwatch'], namespace: ['String', 'AWS/EC2'] }));
    assert.ok(onAttrs(p, { source: ['String', 'aws.cloudwatch'], metricName: ['String', 'CPUUtilization'] }));
    assert.ok(!onAttrs(p, { source: ['String', 'aws.cloudwatch'] }));
  });
});

describe('filter policy matching: message body', () => {
  it('nested keys, arrays as "any element", types as JSON has them', () => {
    const p = { order: { state: ['paid'], items: { sku: [{ prefix: 'A-' }] }, total: [{ numeric: ['>', 10] }] } };
    assert.ok(onBody(p, { order: { state: 'paid', total: 11, items: [{ sku: 'B' }, { sku: 'A-1' }] } }));
    assert.ok(!onBody(p, { order: { state: 'paid', total: 9, items: [{ sku: 'A-1' }] } }));
    assert.ok(!onBody(p, { order: { state: 'paid', total: 11 } }));
    assert.ok(onBody({ flag: [true], none: [null] }, { flag: true, none: null }));
    assert.ok(onBody({ tags: ['x'] }, { tags: ['y', 'x'] }));
    assert.ok(onBody({ a: { b: [{ exists: false }] } }, { a: { c: 1 } }));
  });
  it('a body that is not a JSON object matches nothing', () => {
    assert.ok(!onBody({ a: ['b'] }, 'plain text'));
    assert.ok(!onBody({ a: ['b'] }, '["b"]'));
  });
});

describe('filter policy validation (SNS messages)', () => {
  const problem = (policy: unknown, scope: 'MessageAttributes' | 'MessageBody' = 'MessageAttributes') => {
    const r = checkFilterPolicy(typeof policy === 'string' ? policy : JSON.stringify(policy), scope);
    return 'problem' in r ? r.problem : undefined;
  };
  it('accepts good policies', () => {
    assert.equal(problem({ a: ['x', 1, true, null, { prefix: 'p' }, { numeric: ['>=', 0, '<', 5] }, { exists: false }, { cidr: '10.0.0.0/8' }] }), undefined);
    assert.equal(problem({ a: { b: ['x'] } }, 'MessageBody'), undefined);
  });
  it('rejects bad ones with SNS texts', () => {
    assert.equal(problem('{'), 'FilterPolicy: failed to parse JSON.');
    assert.equal(problem({ a: 'x' }), 'FilterPolicy: "a" must be an object or an array');
    assert.equal(problem({ a: [] }), 'FilterPolicy: Empty arrays are not allowed');
    assert.equal(problem({ a: { b: ['x'] } }), 'Filter policy scope MessageAttributes does not support nested filter policy');
    assert.equal(problem({ a: [{ prefix: 1 }] }), 'FilterPolicy: prefix match pattern must be a string');
    assert.equal(problem({ a: [{ exists: 'yes' }] }), 'FilterPolicy: exists match pattern must be either true or false.');
    assert.equal(problem({ a: [{ wildcard2: 'x' }] }), 'FilterPolicy: Unrecognized match type wildcard2');
    assert.equal(problem({ a: [{ prefix: 'a', suffix: 'b' }] }), 'FilterPolicy: Only one key allowed in match expression');
    assert.equal(problem({ a: [{ numeric: ['>', 'x'] }] }), 'FilterPolicy: Value of > must be numeric');
    assert.equal(problem({ a: [{ numeric: ['!', 1] }] }), 'FilterPolicy: Unrecognized numeric range operator: !');
    assert.equal(problem({ a: [{ numeric: ['>', 5, '<', 1] }] }), 'FilterPolicy: Bottom must be less than top');
    assert.equal(problem({ a: [{ numeric: ['<', 5, '>', 1] }] }), 'FilterPolicy: Too many elements in numeric expression');
    assert.equal(problem({ a: [{ cidr: '10.0.0.0' }] }), "FilterPolicy: Malformed CIDR, one '/' required");
    assert.equal(problem({ a: [{ cidr: '10.0.0.300/8' }] }), 'FilterPolicy: Nonstandard IP address: 10.0.0.300');
    assert.equal(problem({ a: [{ 'anything-but': { foo: 'x' } }] }), 'FilterPolicy: Unsupported anything-but pattern: foo');
    assert.equal(problem({ a: [[1]] }), 'FilterPolicy: Match value must be String, number, true, false, or null');
    assert.equal(problem({ a: ['1'], b: ['1'], c: ['1'], d: ['1'], e: ['1'], f: ['1'] }), 'FilterPolicy: Filter policy can not have more than 5 keys');
    const many = (n: number) => Array.from({ length: n }, (_, k) => `v${k}`);
    assert.equal(problem({ a: many(13), b: many(12) }), 'FilterPolicy: Filter policy is too complex');
  });
});
