// The API Gateway proxy event, payload format 1.0: what a REST API sends, and what an HTTP
// API sends when its integration says payloadFormatVersion 1.0 (that one adds
// `version: "1.0"`). Field names, casing and null-vs-absent follow AWS's documented
// examples (aws-lambda-go events/testdata/apigw-request.json; API Gateway developer guide).
import { randomBytes, randomUUID } from 'node:crypto';
import { encodeBody, groupHeaders, parseQuery, requestTime, domainPrefix, type HttpRequestInput } from './request-parts';

/** A stable 6-character resource id per API and resource path, like `roq9wj`. */
function resourceId(apiId: string, resourcePath: string): string {
  let h = 2166136261;
  const s = apiId + ' ' + resourcePath;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return (h >>> 0).toString(36).padStart(6, '0').slice(-6);
}

/** An extended request id in API Gateway's shape: 16 characters ending in `=`. */
export function extendedRequestId(): string {
  return randomBytes(11).toString('base64').replace(/\//g, '-').replace(/\+/g, '_');
}

export function buildV1Event(input: HttpRequestInput): Record<string, unknown> {
  const { match } = input;
  const route = match.entry.route;
  const groups = groupHeaders(input.headers);

  let headers: Record<string, string> | null = null;
  let multiValueHeaders: Record<string, string[]> | null = null;
  if (groups.size > 0) {
    headers = {};
    multiValueHeaders = {};
    for (const g of groups.values()) {
      headers[g.name] = g.values[g.values.length - 1];
      multiValueHeaders[g.name] = g.values;
    }
  }

  let queryStringParameters: Record<string, string> | null = null;
  let multiValueQueryStringParameters: Record<string, string[]> | null = null;
  const query = parseQuery(input.rawQuery);
  if (query.length > 0) {
    queryStringParameters = {};
    multiValueQueryStringParameters = {};
    for (const [k, v] of query) {
      queryStringParameters[k] = v;
      (multiValueQueryStringParameters[k] ??= []).push(v);
    }
  }

  const contentType = groups.get('content-type')?.values[0];
  const { body, isBase64Encoded } = encodeBody(input.body, route.kind, contentType);
  const userAgent = groups.get('user-agent')?.values[0] ?? null;
  const resourcePath = match.resourcePath;

  const event: Record<string, unknown> = {};
  if (route.kind === 'http') event.version = '1.0';
  Object.assign(event, {
    resource: resourcePath,
    path: match.path,
    httpMethod: input.method,
    headers,
    multiValueHeaders,
    queryStringParameters,
    multiValueQueryStringParameters,
    pathParameters: match.pathParameters,
    stageVariables: null,
    requestContext: {
      accountId: input.accountId,
      apiId: input.apiId,
      resourceId: route.kind === 'http' ? match.routeKey : resourceId(input.apiId, resourcePath),
      resourcePath,
      httpMethod: input.method,
      path: match.stagePath,
      stage: route.stage,
      domainName: input.host,
      domainPrefix: domainPrefix(input.host),
      requestId: input.requestId ?? randomUUID(),
      extendedRequestId: extendedRequestId(),
      protocol: input.protocol,
      requestTime: requestTime(input.now),
      requestTimeEpoch: input.now,
      identity: {
        cognitoIdentityPoolId: null,
        accountId: null,
        cognitoIdentityId: null,
        caller: null,
        apiKey: null,
        apiKeyId: null,
        accessKey: null,
        sourceIp: input.sourceIp,
        cognitoAuthenticationType: null,
        cognitoAuthenticationProvider: null,
        userArn: null,
        userAgent,
        user: null,
        principalOrgId: null,
      },
      // No `authorizer`: Nimbus runs no authorizers yet, and AWS omits it without one.
    },
    body,
    isBase64Encoded,
  });
  return event;
}
