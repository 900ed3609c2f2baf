import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InvalidPatternError, matchesPattern, parsePattern, passesFilters } from './filter-criteria';

const m = (pattern: string, event: unknown) => matchesPattern(parsePattern(pattern), event);

test('exact values, nested keys and arrays in the event', () => {
  assert.equal(m('{"body":{"kind":["order"]}}', { body: { kind: 'order' } }), true);
  assert.equal(m('{"body":{"kind":["order"]}}', { body: { kind: 'refund' } }), false);
  assert.equal(m('{"body":{"n":[5]}}', { body: { n: 5 } }), true);
  assert.equal(m('{"body":{"tags":["a"]}}', { body: { tags: ['b', 'a'] } }), true);
  assert.equal(m('{"body":{"kind":["order"]}}', { body: 'plain text' }), false);
  assert.equal(m('{"body":{"x":[null]}}', { body: { x: null } }), true);
  assert.equal(m('{"body":["plain text"]}', { body: 'plain text' }), true);
});

test('operators: prefix, suffix, anything-but, numeric, exists, equals-ignore-case, wildcard', () => {
  assert.equal(m('{"body":{"id":[{"prefix":"ord-"}]}}', { body: { id: 'ord-1' } }), true);
  assert.equal(m('{"body":{"id":[{"suffix":".png"}]}}', { body: { id: 'a.jpg' } }), false);
  assert.equal(m('{"body":{"s":[{"anything-but":["x","y"]}]}}', { body: { s: 'z' } }), true);
  assert.equal(m('{"body":{"s":[{"anything-but":"x"}]}}', { body: { s: 'x' } }), false);
  assert.equal(m('{"body":{"s":[{"anything-but":{"prefix":"tmp"}}]}}', { body: { s: 'tmp1' } }), false);
  assert.equal(m('{"body":{"n":[{"numeric":[">",0,"<=",5]}]}}', { body: { n: 5 } }), true);
  assert.equal(m('{"body":{"n":[{"numeric":[">",0,"<=",5]}]}}', { body: { n: 6 } }), false);
  assert.equal(m('{"body":{"n":[{"exists":true}]}}', { body: {} }), false);
  assert.equal(m('{"body":{"n":[{"exists":false}]}}', { body: {} }), true);
  assert.equal(m('{"body":{"c":[{"equals-ignore-case":"EU"}]}}', { body: { c: 'eu' } }), true);
  assert.equal(m('{"body":{"f":[{"wildcard":"img/*.png"}]}}', { body: { f: 'img/a/b.png' } }), true);
});

test('$or and several keys (all must match)', () => {
  const p = '{"$or":[{"body":{"a":[1]}},{"body":{"b":[2]}}],"attributes":{"MessageGroupId":["g"]}}';
  assert.equal(m(p, { body: { b: 2 }, attributes: { MessageGroupId: 'g' } }), true);
  assert.equal(m(p, { body: { b: 2 }, attributes: { MessageGroupId: 'h' } }), false);
  assert.equal(m(p, { body: { c: 3 }, attributes: { MessageGroupId: 'g' } }), false);
});

test('invalid patterns are refused', () => {
  for (const bad of ['', 'nope', '[]', '{"a":"b"}', '{"a":[]}', '{"a":[{"bogus":1}]}', '{"a":[{"numeric":[">"]}]}']) {
    assert.throws(() => parsePattern(bad), InvalidPatternError, bad);
  }
});

test('no filters pass everything; otherwise any filter', () => {
  assert.equal(passesFilters([], { body: 1 }), true);
  assert.equal(passesFilters([parsePattern('{"body":[1]}'), parsePattern('{"body":[2]}')], { body: 2 }), true);
  assert.equal(passesFilters([parsePattern('{"body":[1]}')], { body: 2 }), false);
});
