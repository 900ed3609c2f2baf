// The HTTP API proxy event, payload format 2.0. Header names are lower-case and repeated
// headers and query parameters are joined with commas; cookies move out of the headers
// into `cookies[]`; optional fields are absent (not null) when empty. Shape from AWS's
// documented examples (aws-lambda-go events/testdata/apigw-v2-request-*.json; API Gateway
// developer guide, "Create AWS Lambda proxy integrations for HTTP APIs").
import { randomUUID } from 'node:crypto';
import { encodeBody, groupHeaders, parseQuery, requestTime, domainPrefix, type HttpRequestInput } from './request-parts';

export function buildV2Event(input: HttpRequestInput): Record<string, unknown> {
  const { match } = input;
  const groups = groupHeaders(input.headers);

  const headers: Record<string, string> = {};
  let cookies: string[] | undefined;
  for (const [lower, g] of groups) {
    if (lower === 'cookie') {
      cookies = [];
      for (const v of g.values) {
        for (const c of v.split(';')) {
          const t = c.trim();
          if (t !== '') cookies.push(t);
        }
      }
      continue;
    }
    headers[lower] = g.values.length === 1 ? g.values[0] : g.values.join(',');
  }

  let queryStringParameters: Record<string, string> | undefined;
  for (const [k, v] of parseQuery(input.rawQuery)) {
    queryStringParameters ??= {};
    const prev = queryStringParameters[k];
    queryStringParameters[k] = prev === undefined ? v : prev + ',' + v;
  }

  const { body, isBase64Encoded } = encodeBody(input.body, 'http', headers['content-type']);
  const requestId = input.requestId ?? randomUUID();

  const event: Record<string, unknown> = {
    version: '2.0',
    routeKey: match.routeKey,
    rawPath: input.rawPath,
    rawQueryString: input.rawQuery,
  };
  if (cookies && cookies.length > 0) event.cookies = cookies;
  event.headers = headers;
  if (queryStringParameters) event.queryStringParameters = queryStringParameters;
  if (match.pathParameters) event.pathParameters = match.pathParameters;
  event.requestContext = {
    accountId: input.accountId,
    apiId: input.apiId,
    domainName: input.host,
    domainPrefix: domainPrefix(input.host),
    http: {
      method: input.method,
      path: input.rawPath,
      protocol: input.protocol,
      sourceIp: input.sourceIp,
      userAgent: headers['user-agent'] ?? '',
    },
    requestId,
    routeKey: match.routeKey,
    stage: match.entry.route.stage || '$default',
    time: requestTime(input.now),
    timeEpoch: input.now,
  };
  if (body !== null) event.body = body;
  event.isBase64Encoded = isBase64Encoded;
  return event;
}
