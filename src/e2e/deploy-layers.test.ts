// Deploying layers: a serverless.yml `layers:` section used through `{Ref: XxxLambdaLayer}`
// and provider.layers, and a SAM template with AWS::Serverless::LayerVersion and
// AWS::Lambda::LayerVersion used through !Ref and Globals.Function.Layers. Layers are
// published before the functions using them; a redeploy of the same files publishes
// nothing new, a changed layer a new version the functions move to.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { GetFunctionConfigurationCommand, InvokeCommand, ListLayerVersionsCommand } from '@aws-sdk/client-lambda';
import { json, startTestNimbus, type TestNimbus } from './harness';

const HANDLER = "exports.handler = async () => ({ greet: require('greet')(), extra: (() => { try { return require('extra')(); } catch { return null; } })() });";
const greetModule = (text: string) => `module.exports = () => '${text}';`;

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'nimbus-deploy-layers-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe('deploying layers', () => {
  let t: TestNimbus;
  const dirs: string[] = [];
  before(async () => { t = await startTestNimbus(); });
  after(async () => {
    await t.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  const invoke = async (name: string) => json((await t.lambda.send(new InvokeCommand({ FunctionName: name }))).Payload);
  const versions = async (layer: string) =>
    (await t.lambda.send(new ListLayerVersionsCommand({ LayerName: layer }))).LayerVersions!.map((v) => v.Version);

  it('serverless.yml: layers: with {Ref: XxxLambdaLayer}, provider.layers, unchanged redeploys', async () => {
    const yml = `service: lay
provider:
  name: aws
  runtime: nodejs20.x
  layers:
    - { Ref: ExtraUnderscorestuffLambdaLayer }
layers:
  my-layer:
    path: my-layer
    compatibleRuntimes: [nodejs20.x]
    description: greetings
  extra_stuff:
    path: extra
functions:
  own:
    handler: app.handler
    layers:
      - { Ref: MyDashlayerLambdaLayer }
  inherited:
    handler: app.handler
`;
    const dir = project({ 'serverless.yml': yml, 'app.js': HANDLER,
      'my-layer/nodejs/node_modules/greet/index.js': greetModule('sls layer'), 'extra/nodejs/node_modules/extra/index.js': greetModule('extra'),
      'extra/nodejs/node_modules/greet/index.js': greetModule('extra greet') });
    dirs.push(dir);
    await t.server.deployer.deploy(dir);
    assert.deepEqual(await invoke('lay-dev-own'), { greet: 'sls layer', extra: null });
    assert.deepEqual(await invoke('lay-dev-inherited'), { greet: 'extra greet', extra: 'extra' });
    const cfg = await t.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'lay-dev-own' }));
    assert.match(cfg.Layers![0].Arn!, /:layer:my-layer:1$/);

    await t.server.deployer.deploy(dir);
    assert.deepEqual(await versions('my-layer'), [1], 'the same files publish nothing');
    writeFileSync(join(dir, 'my-layer/nodejs/node_modules/greet/index.js'), greetModule('sls layer v2'));
    await t.server.deployer.deploy(dir);
    assert.deepEqual(await versions('my-layer'), [2], 'a new version; the old one deleted (retain: false)');
    assert.deepEqual(await invoke('lay-dev-own'), { greet: 'sls layer v2', extra: null });
  });

  it('SAM: LayerVersion resources through !Ref and Globals.Function.Layers', async () => {
    const template = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: nodejs20.x
    Layers:
      - !Ref Base
Resources:
  Base:
    Type: AWS::Serverless::LayerVersion
    Properties:
      LayerName: sam-base
      ContentUri: base/
      CompatibleRuntimes: [nodejs20.x]
  Over:
    Type: AWS::Lambda::LayerVersion
    Properties:
      LayerName: sam-over
      Content: over
  Plain:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: sam-plain
      Handler: app.handler
  Layered:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: sam-layered
      Handler: app.handler
      Layers:
        - !Ref Over
`;
    const dir = project({ 'template.yaml': template, 'app.js': HANDLER,
      'base/nodejs/node_modules/greet/index.js': greetModule('sam base'), 'over/nodejs/node_modules/greet/index.js': greetModule('sam over') });
    dirs.push(dir);
    await t.server.deployer.deploy(dir);
    assert.deepEqual(await invoke('sam-plain'), { greet: 'sam base', extra: null });
    assert.deepEqual(await invoke('sam-layered'), { greet: 'sam over', extra: null }, 'Globals first, then the function\'s own');
    writeFileSync(join(dir, 'base/nodejs/node_modules/greet/index.js'), greetModule('sam base v2'));
    await t.server.deployer.deploy(dir);
    assert.deepEqual(await versions('sam-base'), [2, 1], 'SAM retains old layer versions');
    assert.deepEqual(await versions('sam-over'), [1]);
    assert.deepEqual(await invoke('sam-plain'), { greet: 'sam base v2', extra: null });
  });
});
