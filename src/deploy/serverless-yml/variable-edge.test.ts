// Serverless variables, edge cases: bare-source defaults, spacing, booleans, self inside
// included files, unknown sources, and the stage defined through itself.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HEAD, load, loadError } from './test-fixture';
import { findVariables, isVariableContent, splitTopLevel } from './variable-syntax';

test('defaults may be other sources (without ${}), and spacing inside ${ } is ignored', () => {
  const plan = load(`${HEAD}custom:
  fallback: from-self
functions:
  f:
    handler: h.f
    environment:
      A: \${opt:stage, self:custom.fallback}
      B: \${ env:NOPE , 'spaced' }
      C: \${env:NOPE, \${self:custom.fallback}}
      D: \${env:NOPE, 'a, b'}
`);
  assert.deepEqual(plan.functions[0].environment, { A: 'from-self', B: 'spaced', C: 'from-self', D: 'a, b' });
});

test('a boolean default keeps its type', () => {
  const plan = load(`${HEAD}custom:\n  flag: \${env:FLAG, true}\nfunctions:\n  f:\n    handler: h.f\n    environment:\n      FLAG: \${self:custom.flag}\n`);
  assert.equal(plan.functions[0].environment.FLAG, 'true');
});

test('${self:...} inside an included file refers to serverless.yml', () => {
  const plan = load(`${HEAD}custom:\n  name: main\n  inc: \${file(./inc.yml)}\nfunctions:\n  f:\n    handler: h.f\n    environment:\n      N: \${self:custom.inc.label}\n`, {}, {
    'inc.yml': 'label: from-${self:custom.name}\n',
  });
  assert.equal(plan.functions[0].environment.N, 'from-main');
});

test('an unknown variable source is an error unless a default is given', () => {
  assert.match(loadError(`${HEAD}custom:\n  x: \${foo:bar}\nfunctions: {}\n`).message,
    /serverless\.yml:6:3: custom\.x: cannot resolve variable \$\{foo:bar\}: variable source "foo" is not supported/);
  const plan = load(`${HEAD}custom:\n  x: \${ssm:/a/b, 'local'}\nfunctions:\n  f:\n    handler: h.f\n    environment:\n      X: \${self:custom.x}\n`);
  assert.equal(plan.functions[0].environment.X, 'local');
});

test('a stage defined through ${sls:stage} is a cycle, not a hang', () => {
  assert.match(loadError(`${HEAD}  stage: \${sls:stage}\nfunctions: {}\n`).message, /provider\.stage: variable cycle: provider\.stage → provider\.stage/);
});

test('file(...) cannot load JavaScript', () => {
  assert.match(loadError(`${HEAD}custom: \${file(./conf.js)}\nfunctions: {}\n`, {}, { 'conf.js': 'module.exports = {}' }).message,
    /custom: file\(\.\/conf\.js\): JavaScript files are not supported/);
});

test('variable syntax helpers', () => {
  assert.equal(isVariableContent('self:a'), true);
  assert.equal(isVariableContent('file(./x.yml):a'), true);
  assert.equal(isVariableContent('AWS::Region'), false);
  assert.equal(isVariableContent('MyQueue.Arn'), false);
  assert.deepEqual(findVariables('a-${self:x.${sls:stage}}-${AWS::Region}-${env:Y}').map((v) => v.inner), ['self:x.${sls:stage}', 'env:Y']);
  assert.deepEqual(splitTopLevel(`env:A, 'x, y', \${self:b, 'c'}`), ['env:A', "'x, y'", "${self:b, 'c'}"]);
});
