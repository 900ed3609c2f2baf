// resources.Resources → unsupported PlannedResources; plugins → warnings; edit distance.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { editDistance, suggestKey } from '../deploy-error';
import { HEAD, load } from './test-fixture';

test('resources.Resources: queues are served (names given or generated, intrinsics evaluated), short tags in long form', () => {
  const plan = load(`${HEAD}functions: {}
resources:
  Resources:
    Jobs:
      Type: AWS::SQS::Queue
      Properties:
        QueueName: jobs-\${sls:stage}
        RedrivePolicy:
          deadLetterTargetArn: !GetAtt Dlq.Arn
    Dlq:
      Type: AWS::SQS::Queue
      DeletionPolicy: Retain
    Bucket:
      Type: AWS::S3::Bucket
      Properties: { BucketName: !Ref Jobs }
  Outputs:
    JobsUrl: { Value: !Ref Jobs }
`);
  assert.deepEqual(plan.resources[0].where, { file: 'serverless.yml', line: 8, column: 5, key: 'resources.Resources.Jobs' });
  assert.deepEqual(plan.resources.map(({ where: _where, ...r }) => r), [
    { logicalId: 'Jobs', type: 'AWS::SQS::Queue', supported: true,
      properties: { QueueName: 'jobs-dev', RedrivePolicy: { deadLetterTargetArn: 'arn:aws:sqs:us-east-1:123456789012:shop-dev-Dlq-WJEBYNLUFNMB' } } },
    { logicalId: 'Dlq', type: 'AWS::SQS::Queue', properties: { QueueName: 'shop-dev-Dlq-WJEBYNLUFNMB' }, supported: true, deletionPolicy: 'Retain' },
    // Resources Nimbus does not serve stay as written.
    { logicalId: 'Bucket', type: 'AWS::S3::Bucket', properties: { BucketName: { Ref: 'Jobs' } }, supported: false },
  ]);
});

test('resources may be a list of fragments (e.g. from files)', () => {
  const plan = load(`${HEAD}functions: {}\nresources:\n  - \${file(./a.yml)}\n  - Resources:\n      B: { Type: AWS::SNS::Topic }\n`, {}, {
    'a.yml': 'Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties: { BucketName: t }\n',
  });
  assert.deepEqual(plan.resources.map((r) => [r.logicalId, r.type, r.supported]), [['A', 'AWS::S3::Bucket', false], ['B', 'AWS::SNS::Topic', true]]);
});

test('each plugin is reported as skipped (list and {modules} forms)', () => {
  const list = load(`${HEAD}functions: {}\nplugins:\n  - serverless-offline\n  - serverless-esbuild\n`);
  assert.deepEqual(list.warnings, ['plugin serverless-offline is not supported and was skipped', 'plugin serverless-esbuild is not supported and was skipped']);
  const modules = load(`${HEAD}functions: {}\nplugins:\n  localPath: ./p\n  modules: [my-plugin]\n`);
  assert.deepEqual(modules.warnings, ['plugin my-plugin is not supported and was skipped']);
});

test('function keys Nimbus cannot plan yet are reported', () => {
  const plan = load(`${HEAD}functions:\n  f:\n    handler: h.f\n    url: true\n    maximumRetryAttempts: 1\n`);
  assert.deepEqual(plan.warnings, ['functions.f.url is not yet supported and was ignored']);
});

test('editDistance and suggestKey', () => {
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(editDistance('', 'abc'), 3);
  assert.equal(suggestKey('memory_size', ['memorySize', 'timeout']), 'memorySize');
  assert.equal(suggestKey('timeot', ['memorySize', 'timeout']), 'timeout');
  assert.equal(suggestKey('banana', ['memorySize', 'timeout']), undefined);
  assert.equal(suggestKey('ab', ['name', 'id']), undefined);
});
