// Projects that declare concurrency: serverless `reservedConcurrency` / `provisionedConcurrency`
// and SAM `ReservedConcurrentExecutions` / `AutoPublishAlias` + `ProvisionedConcurrencyConfig`
// take effect on deploy, and a redeploy without changes publishes no new version.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  GetAliasCommand, GetFunctionConcurrencyCommand, GetProvisionedConcurrencyConfigCommand, ListVersionsByFunctionCommand,
} from '@aws-sdk/client-lambda';
import { startTestNimbus, type TestNimbus } from './harness';

const HANDLER = 'exports.handler = async () => ({ ok: true });';

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'nimbus-pc-project-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('deploying concurrency settings', () => {
  let t: TestNimbus;
  const dirs: string[] = [];
  before(async () => { t = await startTestNimbus(); });
  after(async () => { await t.close(); dirs.forEach((d) => rmSync(d, { recursive: true, force: true })); });

  it('applies serverless reservedConcurrency and provisionedConcurrency (alias "provisioned")', async () => {
    const dir = project({ 'index.js': HANDLER, 'serverless.yml': `service: conc
provider:
  name: aws
  runtime: nodejs20.x
functions:
  api:
    handler: index.handler
    reservedConcurrency: 5
    provisionedConcurrency: 1
` });
    dirs.push(dir);
    await t.server.deployer.deploy(dir);
    const fn = 'conc-dev-api';
    assert.equal((await t.lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: fn }))).ReservedConcurrentExecutions, 5);
    const alias = await t.lambda.send(new GetAliasCommand({ FunctionName: fn, Name: 'provisioned' }));
    assert.equal(alias.FunctionVersion, '1');
    const pc = await t.lambda.send(new GetProvisionedConcurrencyConfigCommand({ FunctionName: fn, Qualifier: 'provisioned' }));
    assert.equal(pc.RequestedProvisionedConcurrentExecutions, 1);
    await t.server.deployer.deploy(dir);
    const versions = await t.lambda.send(new ListVersionsByFunctionCommand({ FunctionName: fn }));
    assert.deepEqual(versions.Versions?.map((v) => v.Version), ['$LATEST', '1']);
  });

  it('applies SAM ReservedConcurrentExecutions and ProvisionedConcurrencyConfig on the AutoPublishAlias', async () => {
    const dir = project({ 'app.js': HANDLER, 'template.yaml': `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Hello:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: sam-conc
      Handler: app.handler
      Runtime: nodejs20.x
      AutoPublishAlias: live
      ReservedConcurrentExecutions: 3
      ProvisionedConcurrencyConfig:
        ProvisionedConcurrentExecutions: 2
` });
    dirs.push(dir);
    await t.server.deployer.deploy(dir);
    assert.equal((await t.lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: 'sam-conc' }))).ReservedConcurrentExecutions, 3);
    const pc = await t.lambda.send(new GetProvisionedConcurrencyConfigCommand({ FunctionName: 'sam-conc', Qualifier: 'live' }));
    assert.equal(pc.RequestedProvisionedConcurrentExecutions, 2);
  });

  it('answers a throttled invoke behind the HTTP gateway as API Gateway does: 500', async () => {
    const dir = project({ 'index.js': HANDLER, 'serverless.yml': `service: throttled
provider:
  name: aws
  runtime: nodejs20.x
functions:
  api:
    handler: index.handler
    reservedConcurrency: 0
    events:
      - httpApi: 'GET /closed'
` });
    dirs.push(dir);
    await t.server.deployer.deploy(dir);
    const res = await fetch(`${t.server.httpUrl}/closed`);
    assert.equal(res.status, 500);
    assert.deepEqual(await res.json(), { message: 'Internal server error' });
  });
});
