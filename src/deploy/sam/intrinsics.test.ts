// Parameters, overrides, Mappings, Conditions (+ Fn::If and AWS::NoValue) and every
// intrinsic function, seen through the environment variables of a planned function.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HEADER, plan } from './test-helpers';

const TEMPLATE = `${HEADER}Parameters:
  Stage: {Type: String, Default: dev, AllowedValues: [dev, prod]}
  Memory: {Type: Number, Default: 512}
  Zones: {Type: CommaDelimitedList, Default: "a,b,c"}
Mappings:
  Sizes:
    dev: {Timeout: 5}
    prod: {Timeout: 20}
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
  NotProd: !Not [!Condition IsProd]
  Both: !And [!Condition IsProd, !Equals [a, a]]
  Either: !Or [!Condition IsProd, !Equals [!Ref "AWS::Region", eu-west-1]]
Resources:
  Api:
    Type: AWS::Serverless::Function
    Properties:
      Handler: a.b
      Runtime: nodejs20.x
      MemorySize: !Ref Memory
      Timeout: !FindInMap [Sizes, !Ref Stage, Timeout]
      ReservedConcurrentExecutions: !If [IsProd, 50, !Ref "AWS::NoValue"]
      Environment:
        Variables:
          STAGE: !Ref Stage
          SUB: !Sub "\${AWS::StackName}-\${Stage}-\${AWS::AccountId}-\${AWS::Partition}-\${AWS::URLSuffix}-\${!Literal}"
          SUBMAP: !Sub ["\${Who} in \${AWS::Region}", {Who: !Ref Stage}]
          JOIN: !Join ["/", [x, !Ref Stage, !Select [1, !Ref Zones]]]
          SPLIT: !Select [2, !Split [",", "p,q,r"]]
          B64: !Base64 hi
          AZ: !Select [0, !GetAZs ""]
          WORKER: !Ref Worker
          WORKER_ARN: !GetAtt Worker.Arn
          SUB_ARN: !Sub "\${Worker.Arn}"
          QUEUE: !Ref Jobs
          QUEUE_ARN: !GetAtt Jobs.Arn
          TOPIC: !Ref Topic
          TABLE: !Ref Table
          STREAM: !GetAtt Table.StreamArn
          BUCKET_ARN: !GetAtt Bucket.Arn
          ONLY_PROD: !If [IsProd, yes, !Ref "AWS::NoValue"]
          NOT_PROD: !If [NotProd, "true", "false"]
          BOTH: !If [Both, "1", "0"]
          EITHER: !If [Either, "1", "0"]
          LONG: {"Fn::Join": ["", ["long-", {"Ref": "Stage"}]]}
          IMPORTED: !ImportValue shared-vpc
  Worker:
    Type: AWS::Serverless::Function
    Properties: {Handler: w.h, Runtime: python3.12, FunctionName: !Sub "worker-\${Stage}"}
  Jobs:
    Type: AWS::SQS::Queue
    Properties: {QueueName: !Sub "jobs-\${Stage}", VisibilityTimeout: 60}
  Topic:
    Type: AWS::SNS::Topic
  Table:
    Type: AWS::Serverless::SimpleTable
  Bucket:
    Type: AWS::S3::Bucket
    Properties: {BucketName: my-bucket}
  ProdOnly:
    Type: AWS::SQS::Queue
    Condition: IsProd
`;

test('parameter defaults, mappings, conditions and intrinsics', () => {
  const p = plan(TEMPLATE, { region: 'eu-west-1' });
  const f = p.functions[0];
  assert.equal(f.memorySize, 512);
  assert.equal(f.timeout, 5);
  assert.equal(f.reservedConcurrency, undefined);
  const e = f.environment;
  const fnArn = 'arn:aws:lambda:eu-west-1:123456789012:function:worker-dev';
  assert.equal(e.STAGE, 'dev');
  assert.equal(e.SUB, 'app-dev-123456789012-aws-amazonaws.com-${Literal}');
  assert.equal(e.SUBMAP, 'dev in eu-west-1');
  assert.equal(e.JOIN, 'x/dev/b');
  assert.equal(e.SPLIT, 'r');
  assert.equal(e.B64, 'aGk=');
  assert.equal(e.AZ, 'eu-west-1a');
  assert.equal(e.WORKER, 'worker-dev');
  assert.equal(e.WORKER_ARN, fnArn);
  assert.equal(e.SUB_ARN, fnArn);
  assert.equal(e.QUEUE, 'http://127.0.0.1:4566/123456789012/jobs-dev');
  assert.equal(e.QUEUE_ARN, 'arn:aws:sqs:eu-west-1:123456789012:jobs-dev');
  assert.match(e.TOPIC, /^arn:aws:sns:eu-west-1:123456789012:app-Topic-[A-Z0-9]{12}$/);
  assert.match(e.TABLE, /^app-Table-[A-Z0-9]{12}$/);
  assert.equal(e.STREAM, `arn:aws:dynamodb:eu-west-1:123456789012:table/${e.TABLE}/stream/nimbus-stream-label`);
  assert.equal(e.BUCKET_ARN, 'arn:aws:s3:::my-bucket');
  assert.equal('ONLY_PROD' in e, false);
  assert.equal(e.NOT_PROD, 'true');
  assert.equal(e.BOTH, '0');
  assert.equal(e.EITHER, '1');
  assert.equal(e.LONG, 'long-dev');
  assert.equal(e.IMPORTED, 'import:shared-vpc');
  assert.ok(p.warnings.some((w) => w.includes('ImportValue')));
  assert.deepEqual(p.resources.map((r) => r.logicalId), ['Jobs', 'Topic', 'Table', 'Bucket']);
  assert.deepEqual(p.resources[0].properties, { QueueName: 'jobs-dev', VisibilityTimeout: 60 });
  assert.equal(p.resources[0].supported, true);
  assert.equal(p.resources[1].properties.TopicName, e.TOPIC.split(':')[5]);
});

test('parameter overrides switch conditions, mappings and resources', () => {
  const p = plan(TEMPLATE, { parameterOverrides: { Stage: 'prod', Memory: '1024' } });
  const f = p.functions[0];
  assert.equal(f.memorySize, 1024);
  assert.equal(f.timeout, 20);
  assert.equal(f.reservedConcurrency, 50);
  assert.equal(f.environment.ONLY_PROD, 'yes');
  assert.equal(f.environment.EITHER, '1');
  assert.equal(f.environment.BOTH, '1');
  assert.ok(p.resources.some((r) => r.logicalId === 'ProdOnly'));
});

test('AutoPublishAlias, ProvisionedConcurrencyConfig and Ref Fn.Alias', () => {
  const p = plan(`${HEADER}Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: a.b
      Runtime: nodejs20.x
      FunctionName: fn
      AutoPublishAlias: live
      ProvisionedConcurrencyConfig: {ProvisionedConcurrentExecutions: 2}
      Environment: {Variables: {SELF: !Ref Fn.Alias}}
`);
  const f = p.functions[0];
  assert.equal(f.autoPublishAlias, 'live');
  assert.equal(f.provisionedConcurrency, 2);
  assert.equal(f.environment.SELF, 'arn:aws:lambda:us-east-1:123456789012:function:fn:live');
});
