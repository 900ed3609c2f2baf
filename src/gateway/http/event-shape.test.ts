// Nimbus's v1 and v2 events against AWS's documented example events, key by key: the same
// names, casing and JSON types (null only where AWS sends null for a missing value).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PlannedRoute } from '../../deploy/plan';
import { buildV1Event } from './event-v1';
import { buildV2Event } from './event-v2';
import type { HttpRequestInput } from './request-parts';

// Source: aws/aws-lambda-go events/testdata/apigw-request.json (REST API proxy event),
// trimmed to a few headers; `authorizer` left out (Nimbus has no authorizers yet).
const AWS_V1 = {
  resource: '/{proxy+}', path: '/hello/world', httpMethod: 'POST',
  headers: { Accept: '*/*', 'Content-Type': 'application/json', Host: 'gy415nuibc.execute-api.us-east-1.amazonaws.com', 'User-Agent': 'PostmanRuntime/2.4.5' },
  multiValueHeaders: { Accept: ['*/*'], 'Content-Type': ['application/json'], Host: ['gy415nuibc.execute-api.us-east-1.amazonaws.com'], 'User-Agent': ['PostmanRuntime/2.4.5'] },
  queryStringParameters: { name: 'me' },
  multiValueQueryStringParameters: { name: ['me'] },
  pathParameters: { proxy: 'hello/world' },
  stageVariables: { stageVariableName: 'stageVariableValue' },
  requestContext: {
    accountId: '12345678912', resourceId: 'roq9wj', stage: 'testStage',
    domainName: 'gy415nuibc.execute-api.us-east-2.amazonaws.com', domainPrefix: 'y0ne18dixk',
    requestId: 'deef4878-7910-11e6-8f14-25afc3e9ae33',
    identity: {
      cognitoIdentityPoolId: 'theCognitoIdentityPoolId', accountId: 'theAccountId', cognitoIdentityId: 'theCognitoIdentityId',
      caller: 'theCaller', apiKey: 'theApiKey', apiKeyId: 'theApiKeyId', accessKey: 'ANEXAMPLEOFACCESSKEY', sourceIp: '192.168.196.186',
      cognitoAuthenticationType: 'theCognitoAuthenticationType', cognitoAuthenticationProvider: 'theCognitoAuthenticationProvider',
      userArn: 'theUserArn', userAgent: 'PostmanRuntime/2.4.5', user: 'theUser',
    },
    resourcePath: '/{proxy+}', httpMethod: 'POST', requestTime: '15/May/2020:06:01:09 +0000', requestTimeEpoch: 1589522469693, apiId: 'gy415nuibc',
  },
  body: '{\r\n\t"a": 1\r\n}',
};
// Keys Nimbus sends beyond that example, all present in AWS's console test event
// (aws-lambda-go / aws_lambda_events example-apigw-console-test-request.json).
const V1_EXTRA = ['isBase64Encoded', 'requestContext.path', 'requestContext.extendedRequestId', 'requestContext.protocol', 'requestContext.identity.principalOrgId'];
// AWS sends null where there is no value (no stage variables, no Cognito or IAM caller).
const V1_NULLABLE = /^(stageVariables|requestContext\.identity\.(?!sourceIp$|userAgent$).*)$/;

// Source: aws/aws-lambda-go events/testdata/apigw-v2-request-no-authorizer.json
// (`authentication`, the mTLS client certificate, left out: Nimbus serves plain HTTP).
const AWS_V2 = {
  version: '2.0', routeKey: '$default', rawPath: '/', rawQueryString: '',
  headers: { accept: '*/*', 'content-length': '0', host: 'aaaaaaaaaa.execute-api.us-west-2.amazonaws.com', 'user-agent': 'curl/7.58.0', 'x-forwarded-for': '1.2.3.4' },
  requestContext: {
    accountId: '123456789012', apiId: 'aaaaaaaaaa', domainName: 'aaaaaaaaaa.execute-api.us-west-2.amazonaws.com', domainPrefix: 'aaaaaaaaaa',
    http: { method: 'GET', path: '/', protocol: 'HTTP/1.1', sourceIp: '1.2.3.4', userAgent: 'curl/7.58.0' },
    requestId: 'LV7fzho-PHcEJPw=', routeKey: '$default', stage: '$default', time: '21/Apr/2020:15:08:21 +0000', timeEpoch: 1587481701067,
  },
  isBase64Encoded: false,
};

const kind = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** Differences in keys and JSON types between AWS's example and ours. */
function shapeDiff(aws: unknown, ours: unknown, extra: string[], nullable: RegExp, path = ''): string[] {
  const out: string[] = [];
  if (kind(aws) !== kind(ours)) {
    if (!(kind(ours) === 'null' && nullable.test(path))) out.push(`${path}: AWS ${kind(aws)}, Nimbus ${kind(ours)}`);
    return out;
  }
  if (kind(aws) !== 'object') return out;
  const a = aws as Record<string, unknown>;
  const o = ours as Record<string, unknown>;
  for (const k of Object.keys(a)) {
    const p = path ? `${path}.${k}` : k;
    if (!(k in o)) out.push(`${p}: missing in Nimbus`);
    else out.push(...shapeDiff(a[k], o[k], extra, nullable, p));
  }
  for (const k of Object.keys(o)) {
    const p = path ? `${path}.${k}` : k;
    if (!(k in a) && !extra.includes(p)) out.push(`${p}: not in AWS's example`);
  }
  return out;
}

const route = (kindOf: 'rest' | 'http', method: string, path: string, stage: string): PlannedRoute =>
  ({ apiId: 'Api', kind: kindOf, payloadFormat: kindOf === 'rest' ? '1.0' : '2.0', method, path, functionLogicalId: 'f', stage });

test('v1 event has the keys, casing and types of AWS apigw-request.json', () => {
  const input: HttpRequestInput = {
    method: 'POST', rawPath: '/testStage/hello/world', rawQuery: 'name=me',
    headers: ['Accept', '*/*', 'Content-Type', 'application/json', 'Host', 'gy415nuibc.execute-api.us-east-1.amazonaws.com', 'User-Agent', 'PostmanRuntime/2.4.5'],
    body: Buffer.from('{\r\n\t"a": 1\r\n}'), sourceIp: '192.168.196.186', protocol: 'HTTP/1.1', host: 'gy415nuibc.execute-api.us-east-1.amazonaws.com',
    match: {
      entry: { route: route('rest', 'ANY', '/{proxy+}', 'testStage'), functionName: 'f' }, pathParameters: { proxy: 'hello/world' },
      resourcePath: '/{proxy+}', routeKey: 'ANY /{proxy+}', path: '/hello/world', stagePath: '/testStage/hello/world',
    },
    accountId: '123456789012', apiId: 'gy415nuibc', now: 1589522469693,
  };
  const event = buildV1Event(input);
  assert.deepEqual(shapeDiff(AWS_V1, event, V1_EXTRA, V1_NULLABLE), []);
  // The values AWS's example shows for the same request.
  for (const k of ['resource', 'path', 'httpMethod', 'headers', 'multiValueHeaders', 'queryStringParameters', 'multiValueQueryStringParameters', 'pathParameters', 'body'] as const) {
    assert.deepEqual(event[k], AWS_V1[k], k);
  }
  const rc = event.requestContext as Record<string, unknown>;
  assert.equal(rc.requestTime, AWS_V1.requestContext.requestTime);
  assert.equal(rc.requestTimeEpoch, AWS_V1.requestContext.requestTimeEpoch);
  assert.equal(rc.path, '/testStage/hello/world');
  assert.equal(rc.stage, 'testStage');
  assert.equal(rc.domainPrefix, 'gy415nuibc');
  assert.match(rc.resourceId as string, /^[0-9a-z]{6}$/);
  assert.match(rc.extendedRequestId as string, /^[A-Za-z0-9_-]{15}=$/);
  assert.equal(event.isBase64Encoded, false);
  assert.equal('version' in event, false, 'REST events carry no version');
});

test('v2 event has the keys, casing and types of AWS apigw-v2-request-no-authorizer.json', () => {
  const input: HttpRequestInput = {
    method: 'GET', rawPath: '/', rawQuery: '',
    headers: ['Accept', '*/*', 'Content-Length', '0', 'Host', 'aaaaaaaaaa.execute-api.us-west-2.amazonaws.com', 'User-Agent', 'curl/7.58.0', 'X-Forwarded-For', '1.2.3.4'],
    body: Buffer.alloc(0), sourceIp: '1.2.3.4', protocol: 'HTTP/1.1', host: 'aaaaaaaaaa.execute-api.us-west-2.amazonaws.com',
    match: {
      entry: { route: route('http', 'ANY', '$default', '$default'), functionName: 'f' }, pathParameters: null,
      resourcePath: '$default', routeKey: '$default', path: '/', stagePath: '/',
    },
    accountId: '123456789012', apiId: 'aaaaaaaaaa', now: 1587481701067,
  };
  const event = buildV2Event(input);
  assert.deepEqual(shapeDiff(AWS_V2, event, [], /^$/), []);
  const expected = structuredClone(AWS_V2) as Record<string, unknown>;
  (expected.requestContext as Record<string, unknown>).requestId = (event.requestContext as Record<string, unknown>).requestId;
  assert.deepEqual(event, expected, 'the same request gives the same event, value for value');
});
