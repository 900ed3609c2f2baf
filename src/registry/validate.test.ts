// Validation rules with literal inputs: the error class and Lambda's exact message.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { pickAliasVersion } from './alias-routing';
import { InvalidParameterValueException, PreconditionFailedException, ValidationException } from './errors';
import { locateFunction, parseFunctionRef } from './function-ref';
import { paginate } from './pagination';
import { lambdaDate } from './records';
import {
  aliasViolations, checkEnvironment, checkNewFunctionName, checkRevision, checkRoutingConfig, checkRuntime, validateConfig,
} from './validate';

const rejects = (fn: () => void, cls: Function, message: string) =>
  assert.throws(fn, (e: unknown) => e instanceof cls && (e as Error).message === message, message);

describe('validate', () => {
  it('accepts the Node.js, Python and custom runtimes, and explains the others', () => {
    for (const r of ['nodejs18.x', 'nodejs22.x', 'nodejs24.x', 'python3.9', 'python3.13', 'provided', 'provided.al2023']) checkRuntime(r);
    for (const r of ['java21', 'python3.14', 'ruby3.3']) {
      rejects(() => checkRuntime(r), InvalidParameterValueException, `Nimbus cannot run ${r} on this machine. It runs `
        + 'nodejs18.x, nodejs20.x, nodejs22.x, nodejs24.x, python3.9, python3.10, python3.11, python3.12, python3.13, provided, '
        + "provided.al2, provided.al2023: Node.js runtimes on the machine's Node.js (nodejs24.x without callback handlers), "
        + 'Python runtimes on its Python 3, and any other language as a custom runtime (provided.al2023 with a bootstrap executable).');
    }
    rejects(() => checkRuntime('nodejs16.x'), InvalidParameterValueException, 'The runtime parameter of nodejs16.x is no longer '
      + 'supported for creating or updating AWS Lambda functions. We recommend you use a supported runtime while creating or updating functions.');
    assert.throws(() => checkRuntime('cobol'), (e: Error) => e instanceof InvalidParameterValueException
      && e.message.startsWith("Value cobol at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: [nodejs18.x, ")
      && e.message.endsWith('provided.al2023] or be a valid ARN'));
  });

  it('checks memory, timeout, handler and description against the model and Lambda limits', () => {
    validateConfig({ memorySize: 128, timeout: 1, handler: 'index.handler', description: 'd'.repeat(256) });
    validateConfig({ memorySize: 10240, timeout: 900 });
    rejects(() => validateConfig({ memorySize: 64 }), ValidationException,
      "1 validation error detected: Value '64' at 'memorySize' failed to satisfy constraint: Member must have value greater than or equal to 128");
    rejects(() => validateConfig({ memorySize: 10241 }), InvalidParameterValueException,
      "'MemorySize' value failed to satisfy constraint: Member must have value less than or equal to 10240");
    rejects(() => validateConfig({ timeout: 901 }), ValidationException,
      "1 validation error detected: Value '901' at 'timeout' failed to satisfy constraint: Member must have value less than or equal to 900");
    rejects(() => validateConfig({ timeout: 0, handler: 'has space' }), ValidationException,
      "2 validation errors detected: Value 'has space' at 'handler' failed to satisfy constraint: Member must satisfy regular expression pattern: [^\\s]+; "
      + "Value '0' at 'timeout' failed to satisfy constraint: Member must have value greater than or equal to 1");
    rejects(() => validateConfig({ description: 'x'.repeat(257) }), ValidationException,
      `1 validation error detected: Value '${'x'.repeat(257)}' at 'description' failed to satisfy constraint: Member must have length less than or equal to 256`);
    rejects(() => validateConfig({ role: 'not-a-role' }), ValidationException,
      "1 validation error detected: Value 'not-a-role' at 'role' failed to satisfy constraint: Member must satisfy regular expression pattern: "
      + 'arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+');
  });

  it('checks environment keys, reserved keys and the 4 KB limit', () => {
    checkEnvironment({ AB: '1', key_2: 'x' });
    validateConfig({ environment: { AB: '1' } });
    rejects(() => validateConfig({ environment: { '1A': 'x' } }), ValidationException,
      "1 validation error detected: Value at 'environment.variables' failed to satisfy constraint: Map keys must satisfy constraint: "
      + '[Member must satisfy regular expression pattern: [a-zA-Z]([a-zA-Z0-9_])+]');
    rejects(() => validateConfig({ environment: { A: 'one char' } }), ValidationException,
      "1 validation error detected: Value at 'environment.variables' failed to satisfy constraint: Map keys must satisfy constraint: "
      + '[Member must satisfy regular expression pattern: [a-zA-Z]([a-zA-Z0-9_])+]');
    rejects(() => checkEnvironment({ AWS_REGION: 'x', AWS_ACCESS_KEY_ID: 'y', MINE: 'z' }), InvalidParameterValueException,
      'Lambda was unable to configure your environment variables because the environment variables you have provided contains '
      + 'reserved keys that are currently not supported for modification. Reserved keys used in this request: AWS_ACCESS_KEY_ID, AWS_REGION');
    const big = { BIG: 'v'.repeat(4090) }; // {"BIG":"vvv..."} is 4100 bytes
    rejects(() => checkEnvironment(big), InvalidParameterValueException,
      'Lambda was unable to configure your environment variables because the environment variables you have provided exceeded '
      + 'the 4KB limit. Measured size: 4100 bytes');
    checkEnvironment({ BIG: 'v'.repeat(4086) });
  });

  it('refuses a new function name over 64 characters', () => {
    checkNewFunctionName('a'.repeat(64));
    rejects(() => checkNewFunctionName('a'.repeat(65)), InvalidParameterValueException,
      `1 validation error detected: Value '${'a'.repeat(65)}' at 'functionName' failed to satisfy constraint: Member must have length less than or equal to 64`);
  });

  it('checks alias names, versions and routing', () => {
    assert.deepEqual(aliasViolations({ name: 'live', functionVersion: '$LATEST' }), []);
    assert.deepEqual(aliasViolations({ name: '123' }), [
      "Value '123' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+)"]);
    checkRoutingConfig('1', { 2: 0.5 });
    rejects(() => checkRoutingConfig('1', { 2: 0.1, 3: 0.1 }), InvalidParameterValueException,
      'Number of items in AdditionalVersionWeights cannot be greater than 1');
    rejects(() => checkRoutingConfig('1', { 1: 0.5 }), InvalidParameterValueException,
      'Invalid function version 1. Function version 1 is already included in routing configuration.');
    rejects(() => checkRoutingConfig('$LATEST', { 1: 0.5 }), InvalidParameterValueException,
      '$LATEST is not supported for an alias pointing to more than 1 version');
    assert.throws(() => checkRoutingConfig('1', { 2: 1.5 }), ValidationException);
  });

  it('checks RevisionId preconditions', () => {
    checkRevision('a', undefined);
    checkRevision('a', 'a');
    rejects(() => checkRevision('a', 'b'), PreconditionFailedException,
      'The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id');
  });
});

describe('function names, dates, pages and routing', () => {
  const account = { accountId: '000000000000', region: 'us-east-1' };

  it('parses every FunctionName form', () => {
    assert.deepEqual(parseFunctionRef('fn'), { name: 'fn' });
    assert.deepEqual(parseFunctionRef('fn:live'), { name: 'fn', qualifier: 'live' });
    assert.deepEqual(parseFunctionRef('123456789012:function:fn:3'), { name: 'fn', qualifier: '3', accountId: '123456789012' });
    assert.deepEqual(parseFunctionRef('arn:aws:lambda:eu-west-1:123456789012:function:fn:$LATEST'),
      { name: 'fn', qualifier: '$LATEST', accountId: '123456789012', region: 'eu-west-1' });
    assert.equal(parseFunctionRef('not a name'), undefined);
  });

  it('answers foreign regions and accounts and a qualifier given twice as Lambda does', () => {
    assert.deepEqual(locateFunction('arn:aws:lambda:us-east-1:000000000000:function:fn', '1', account), { name: 'fn', qualifier: '1' });
    rejects(() => locateFunction('arn:aws:lambda:eu-west-1:000000000000:function:fn', undefined, account), Error,
      "Functions from 'eu-west-1' are not reachable in this region ('us-east-1')");
    rejects(() => locateFunction('111111111111:function:fn', undefined, account), Error,
      'Function not found: arn:aws:lambda:us-east-1:111111111111:function:fn');
    rejects(() => locateFunction('fn:1', '2', account), InvalidParameterValueException,
      'The derived qualifier from the function name does not match the specified qualifier.');
  });

  it('formats LastModified as Lambda does', () => {
    assert.equal(lambdaDate(Date.UTC(2024, 4, 1, 12, 0, 0)), '2024-05-01T12:00:00.000+0000');
  });

  it('pages with opaque markers, 50 items at most', () => {
    const items = Array.from({ length: 120 }, (_, i) => `f${String(i).padStart(3, '0')}`);
    const first = paginate(items, (s) => s);
    assert.equal(first.items.length, 50);
    const second = paginate(items, (s) => s, first.nextMarker, 60);
    assert.equal(second.items[0], 'f050');
    const last = paginate(items, (s) => s, second.nextMarker);
    assert.deepEqual([last.items.length, last.nextMarker], [20, undefined]);
    assert.deepEqual(paginate(items, (s) => s, undefined, 3).items, ['f000', 'f001', 'f002']);
  });

  it('routes the weighted share of draws to the additional version', () => {
    const alias = { functionVersion: '1', weights: { 2: 0.25 } };
    assert.equal(pickAliasVersion(alias, 0), '2');
    assert.equal(pickAliasVersion(alias, 0.2499), '2');
    assert.equal(pickAliasVersion(alias, 0.25), '1');
    assert.equal(pickAliasVersion({ functionVersion: '1', weights: {} }, 0), '1');
  });
});
