// Events: http → REST routes, httpApi → HTTP API routes, CORS, and unsupported events.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HEAD, load, loadError } from './test-fixture';

test('http events: string and object forms → rest routes with payload 1.0 and the stage', () => {
  const plan = load(`${HEAD}functions:
  hello:
    handler: h.hello
    events:
      - http: GET hello
      - http:
          path: users/{id}/
          method: post
      - http: ANY /
      - http:
          path: /files/{proxy+}
          method: '*'
`, { stage: 'prod' });
  assert.deepEqual(plan.routes.map((r) => [r.apiId, r.kind, r.payloadFormat, r.method, r.path, r.stage, r.functionLogicalId]), [
    ['ServerlessRestApi', 'rest', '1.0', 'GET', '/hello', 'prod', 'hello'],
    ['ServerlessRestApi', 'rest', '1.0', 'POST', '/users/{id}', 'prod', 'hello'],
    ['ServerlessRestApi', 'rest', '1.0', 'ANY', '/', 'prod', 'hello'],
    ['ServerlessRestApi', 'rest', '1.0', 'ANY', '/files/{proxy+}', 'prod', 'hello'],
  ]);
});

test('http cors: true and an object', () => {
  const plan = load(`${HEAD}functions:
  f:
    handler: h.f
    events:
      - http: { path: a, method: get, cors: true }
      - http:
          path: b
          method: put
          cors:
            origin: https://x.example
            headers: [Content-Type]
            allowCredentials: true
      - http: { path: c, method: get }
`);
  assert.deepEqual(plan.routes[0].cors, {
    allowOrigins: ['*'], allowMethods: ['OPTIONS', 'GET'], allowCredentials: false,
    allowHeaders: ['Content-Type', 'X-Amz-Date', 'Authorization', 'X-Api-Key', 'X-Amz-Security-Token', 'X-Amz-User-Agent'],
  });
  assert.deepEqual(plan.routes[1].cors, { allowOrigins: ['https://x.example'], allowMethods: ['OPTIONS', 'PUT'], allowHeaders: ['Content-Type'], allowCredentials: true });
  assert.equal(plan.routes[2].cors, undefined);
});

test('httpApi events: "METHOD /path", "*" → $default, {method, path}; payload 2.0 by default', () => {
  const plan = load(`${HEAD}functions:
  api:
    handler: h.api
    events:
      - httpApi: 'GET /users/{id}'
      - httpApi: '*'
      - httpApi: { method: post, path: /orders }
      - httpApi: { method: '*', path: /any }
`);
  assert.deepEqual(plan.routes.map((r) => [r.apiId, r.kind, r.payloadFormat, r.method, r.path, r.stage]), [
    ['ServerlessHttpApi', 'http', '2.0', 'GET', '/users/{id}', '$default'],
    ['ServerlessHttpApi', 'http', '2.0', 'ANY', '$default', '$default'],
    ['ServerlessHttpApi', 'http', '2.0', 'POST', '/orders', '$default'],
    ['ServerlessHttpApi', 'http', '2.0', 'ANY', '/any', '$default'],
  ]);
  assert.equal(plan.routes[0].cors, undefined);
});

test("provider.httpApi.payload '1.0' (quoted or not) switches the payload format", () => {
  for (const payload of ["'1.0'", '1.0']) {
    const plan = load(`${HEAD}  httpApi:\n    payload: ${payload}\nfunctions:\n  f:\n    handler: h.f\n    events:\n      - httpApi: 'GET /x'\n`);
    assert.equal(plan.routes[0].payloadFormat, '1.0');
  }
});

test('provider.httpApi.cors: true and an object apply to every httpApi route', () => {
  const events = `functions:\n  f:\n    handler: h.f\n    events:\n      - httpApi: 'GET /a'\n      - httpApi: 'POST /b'\n      - http: GET c\n`;
  const on = load(`${HEAD}  httpApi:\n    cors: true\n${events}`);
  assert.deepEqual(on.routes[0].cors?.allowOrigins, ['*']);
  assert.deepEqual(on.routes[1].cors?.allowMethods, ['GET', 'POST']);
  assert.equal(on.routes[2].cors, undefined);
  const custom = load(`${HEAD}  httpApi:
    cors:
      allowedOrigins: [https://app.example]
      allowedHeaders: [X-Token]
      allowedMethods: [GET]
      allowCredentials: true
      exposedHeaders: [X-Id]
      maxAge: 600
${events}`);
  assert.deepEqual(custom.routes[0].cors, {
    allowOrigins: ['https://app.example'], allowHeaders: ['X-Token'], allowMethods: ['GET'],
    exposeHeaders: ['X-Id'], allowCredentials: true, maxAge: 600,
  });
});

test('other events are never dropped silently: one warning each', () => {
  const plan = load(`${HEAD}functions:
  worker:
    handler: h.worker
    events:
      - sqs: arn:aws:sqs:us-east-1:123456789012:jobs
      - sns: alerts
      - s3: uploads
      - schedule: rate(5 minutes)
      - stream: { type: dynamodb, arn: 'arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/2024-01-01T00:00:00.000' }
`);
  assert.deepEqual(plan.routes, []);
  assert.deepEqual(plan.warnings, ['s3', 'schedule'].map((t) => `event ${t} of function worker is not yet supported`));
  assert.deepEqual(plan.resources.map((r) => [r.logicalId, r.type]), [['SNSTopicAlerts', 'AWS::SNS::Topic'],
    ['WorkerEventSourceMappingSQSJobs', 'AWS::Lambda::EventSourceMapping'], ['WorkerEventSourceMappingDynamodbOrders', 'AWS::Lambda::EventSourceMapping'],
    ['WorkerSnsSubscriptionAlerts', 'AWS::SNS::Subscription']]);
});

test('a misspelt event type is an error with a suggestion; bad route strings are errors', () => {
  assert.match(loadError(`${HEAD}functions:\n  f:\n    handler: h.f\n    events:\n      - httpapi: 'GET /x'\n`).message,
    /serverless\.yml:9:9: functions\.f\.events\[0\]\.httpapi: unknown key "httpapi"; did you mean "httpApi"\?/);
  assert.match(loadError(`${HEAD}functions:\n  f:\n    handler: h.f\n    events:\n      - httpApi: 'GET users'\n`).message,
    /functions\.f\.events\[0\]\.httpApi: expected "METHOD \/path"/);
  assert.match(loadError(`${HEAD}functions:\n  f:\n    handler: h.f\n    events:\n      - http: FETCH x\n`).message,
    /expected an HTTP method .* got "FETCH"/);
});
