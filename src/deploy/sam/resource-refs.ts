// What `Ref` and `Fn::GetAtt` return for each resource type, per the CloudFormation
// resource reference: a function's Ref is its name and `.Arn` its ARN, a queue's Ref
// is its URL, a topic's its ARN, a table's and a bucket's their names. Physical names
// not given in the template are generated the way CloudFormation does
// (`<stack>-<LogicalId>-<SUFFIX>`), with a suffix hashed from stack and logical id so
// that a redeploy keeps the same name. Queue URLs use the placeholder base QUEUE_URL_BASE
// (the default local endpoint); apply.ts puts the server's real endpoint in its place.

import { createHash } from 'node:crypto';
import { LAYER_REF_TOKEN, STREAM_LABEL_TOKEN } from '../plan';

/** The base of queue URLs in a plan; the loaders are pure and do not know the server's port. */
export const QUEUE_URL_BASE = 'http://127.0.0.1:4566';

export interface ResourceEntry {
  logicalId: string;
  type: string;
  properties: Record<string, unknown>;
  /** Made by SAM, not written in the template (ServerlessRestApi, <Fn>Role, ...). */
  implicit?: boolean;
}

export interface RefEnv {
  stackName: string;
  region: string;
  accountId: string;
  partition: string;
  urlSuffix: string;
  /** The resolved value of `properties[key]` (undefined when absent). */
  prop(entry: ResourceEntry, key: string): unknown;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** `n` upper-case alphanumerics derived from `seed` (stable across runs). */
export function stableSuffix(seed: string, n = 12): string {
  const bytes = createHash('sha256').update(seed).digest();
  let out = '';
  for (let i = 0; i < n; i++) out += ALPHABET[bytes[i] % ALPHABET.length];
  return out;
}

/** `<stack>-<LogicalId>-<SUFFIX>`, shortened (stack and id cut) to fit `max` characters. */
export function generatedName(stackName: string, logicalId: string, max = 64): string {
  const suffix = stableSuffix(`${stackName}/${logicalId}`);
  let stack = stackName;
  let id = logicalId;
  while (stack.length + id.length + suffix.length + 2 > max) {
    if (stack.length >= id.length) stack = stack.slice(0, -1);
    else id = id.slice(0, -1);
  }
  return `${stack}-${id}-${suffix}`;
}

const NAME_KEY: Record<string, string> = {
  'AWS::Serverless::Function': 'FunctionName', 'AWS::Lambda::Function': 'FunctionName',
  'AWS::SQS::Queue': 'QueueName', 'AWS::SNS::Topic': 'TopicName', 'AWS::DynamoDB::Table': 'TableName',
  'AWS::Serverless::SimpleTable': 'TableName', 'AWS::S3::Bucket': 'BucketName', 'AWS::IAM::Role': 'RoleName',
};

const API_TYPES = new Set(['AWS::Serverless::Api', 'AWS::ApiGateway::RestApi', 'AWS::Serverless::HttpApi', 'AWS::ApiGatewayV2::Api']);

/** The resource's physical name or id. */
export function physicalName(e: ResourceEntry, env: RefEnv): string {
  const given = NAME_KEY[e.type] ? env.prop(e, NAME_KEY[e.type]) : undefined;
  if (typeof given === 'string' && given) return given;
  if (API_TYPES.has(e.type)) return stableSuffix(`${env.stackName}/${e.logicalId}`, 10).toLowerCase();
  if (e.type === 'AWS::S3::Bucket') return generatedName(env.stackName, e.logicalId, 63).toLowerCase();
  const fifo = e.type === 'AWS::SQS::Queue' && env.prop(e, 'FifoQueue') === true ? '.fifo' : '';
  return generatedName(env.stackName, e.logicalId, fifo ? 75 : 64) + fifo;
}

function arn(env: RefEnv, service: string, resource: string, regional = true): string {
  return `arn:${env.partition}:${service}:${regional ? env.region : ''}:${regional ? env.accountId : ''}:${resource}`;
}

/**
 * The resource's attributes: `''` is the Ref value. Types not listed get their
 * physical name as Ref and a plausible ARN; any other attribute of theirs is a
 * placeholder `<name>.<Attribute>`.
 */
export function attributes(e: ResourceEntry, env: RefEnv): { known: boolean; values: Record<string, string> } {
  const name = physicalName(e, env);
  switch (e.type) {
    case 'AWS::Serverless::Function':
    case 'AWS::Lambda::Function':
      return { known: true, values: { '': name, Arn: arn(env, 'lambda', `function:${name}`) } };
    case 'AWS::Serverless::LayerVersion':
    case 'AWS::Lambda::LayerVersion':
      // The version ARN exists once the layer is published: a token functions' Layers resolve at apply.
      return { known: true, values: { '': `${LAYER_REF_TOKEN}${e.logicalId}` } };
    case 'AWS::IAM::Role':
      return { known: true, values: { '': name, Arn: `arn:${env.partition}:iam::${env.accountId}:role/${name}`, RoleId: `AROA${stableSuffix(name, 17)}` } };
    case 'AWS::SQS::Queue': {
      const url = `${QUEUE_URL_BASE}/${env.accountId}/${name}`;
      return { known: true, values: { '': url, Arn: arn(env, 'sqs', name), QueueName: name, QueueUrl: url } };
    }
    case 'AWS::SNS::Topic': {
      const topicArn = arn(env, 'sns', name);
      return { known: true, values: { '': topicArn, TopicArn: topicArn, TopicName: name } };
    }
    case 'AWS::DynamoDB::Table':
    case 'AWS::Serverless::SimpleTable': {
      // The stream's label exists once the table is applied: apply.ts resolves STREAM_LABEL_TOKEN.
      const tableArn = arn(env, 'dynamodb', `table/${name}`);
      return { known: true, values: { '': name, Arn: tableArn, StreamArn: `${tableArn}/stream/${STREAM_LABEL_TOKEN}` } };
    }
    case 'AWS::S3::Bucket':
      return {
        known: true,
        values: {
          '': name, Arn: `arn:${env.partition}:s3:::${name}`, DomainName: `${name}.s3.${env.urlSuffix}`,
          RegionalDomainName: `${name}.s3.${env.region}.${env.urlSuffix}`,
          DualStackDomainName: `${name}.s3.dualstack.${env.region}.${env.urlSuffix}`,
          WebsiteURL: `http://${name}.s3-website-${env.region}.${env.urlSuffix}`,
        },
      };
    case 'AWS::Serverless::Api':
    case 'AWS::ApiGateway::RestApi':
      return { known: true, values: { '': name, RootResourceId: stableSuffix(`${name}/root`, 10).toLowerCase() } };
    case 'AWS::Serverless::HttpApi':
    case 'AWS::ApiGatewayV2::Api':
      return { known: true, values: { '': name, ApiId: name, ApiEndpoint: `https://${name}.execute-api.${env.region}.${env.urlSuffix}` } };
    default: {
      const service = (e.type.split('::')[1] ?? 'unknown').toLowerCase();
      return { known: false, values: { '': name, Arn: arn(env, service, name) } };
    }
  }
}

/** Types Nimbus creates by name: the planned properties always carry the name (given or generated), so a redeploy finds it. */
const NAMED_BY_DEPLOY = ['AWS::SQS::Queue', 'AWS::SNS::Topic', 'AWS::DynamoDB::Table', 'AWS::Serverless::SimpleTable'];

export function withPhysicalName(e: ResourceEntry, props: Record<string, unknown>, env: RefEnv): Record<string, unknown> {
  if (!NAMED_BY_DEPLOY.includes(e.type)) return props;
  return { ...props, [NAME_KEY[e.type]]: physicalName(e, env) };
}

/** The value of a pseudo-parameter (`AWS::Region`, `AWS::StackId`, ...), or undefined for any other name. */
export function pseudoParameter(name: string, env: Omit<RefEnv, 'prop'>, noValue: unknown): unknown {
  switch (name) {
    case 'AWS::Region': return env.region;
    case 'AWS::AccountId': return env.accountId;
    case 'AWS::StackName': return env.stackName;
    case 'AWS::Partition': return env.partition;
    case 'AWS::URLSuffix': return env.urlSuffix;
    case 'AWS::NotificationARNs': return [];
    case 'AWS::NoValue': return noValue;
    case 'AWS::StackId': {
      const h = stableSuffix(`stack/${env.stackName}`, 32).toLowerCase();
      return `arn:${env.partition}:cloudformation:${env.region}:${env.accountId}:stack/${env.stackName}/`
        + `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
    }
    default: return undefined;
  }
}
