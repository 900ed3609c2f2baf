// Turning a function's result into the HTTP response API Gateway would send. Format 1.0
// (REST APIs, HTTP API 1.0) needs the full `{statusCode, headers, multiValueHeaders, body,
// isBase64Encoded}` object; format 2.0 also accepts it (plus `cookies`) and otherwise
// infers 200 + application/json around any valid JSON. Anything else is malformed, and
// the gateway answers with one of `errorResponses`.

export interface MappedResponse { statusCode: number; headers: [string, string][]; body: Buffer }
export type MappedError = { error: 'malformed' };

const json = (message: string, space = false) => Buffer.from(space ? `{"message": "${message}"}` : `{"message":"${message}"}`);

/** The bodies API Gateway itself sends (content-type application/json). */
export const errorResponses = {
  /** REST API: function error or malformed proxy response. */
  restBadGateway: { statusCode: 502, body: json('Internal server error', true) },
  /** HTTP API: function error, malformed response, or Lambda unreachable. */
  httpInternalError: { statusCode: 500, body: json('Internal Server Error') },
  /** REST API: no resource/method matches (or no such stage). */
  restMissingAuthToken: { statusCode: 403, body: json('Missing Authentication Token') },
  /** HTTP API: no route matches. */
  httpNotFound: { statusCode: 404, body: json('Not Found') },
  /** REST API: payload over 10 MB (gateway response REQUEST_TOO_LARGE). */
  restRequestTooLarge: { statusCode: 413, body: json('Request Too Long') },
  /** HTTP API: payload over 10 MB. */
  httpRequestTooLarge: { statusCode: 413, body: json('Request Entity Too Large') },
  /** REST API: integration timeout (29 s; gateway response INTEGRATION_TIMEOUT). */
  restTimeout: { statusCode: 504, body: json('Endpoint request timed out', true) },
  /** HTTP API: integration timeout (30 s). */
  httpTimeout: { statusCode: 503, body: json('Service Unavailable') },
} as const;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
const MALFORMED: MappedError = { error: 'malformed' };

function parse(payload: Buffer): { ok: true; value: Json } | { ok: false } {
  try { return { ok: true, value: JSON.parse(payload.toString('utf8')) as Json }; } catch { return { ok: false }; }
}

const isObject = (v: Json | undefined): v is { [k: string]: Json } => typeof v === 'object' && v !== null && !Array.isArray(v);
const isScalar = (v: Json) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
const validStatus = (v: Json | undefined): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 100 && v <= 599;

function bodyOf(obj: { [k: string]: Json }): Buffer | undefined {
  const { body, isBase64Encoded } = obj;
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (typeof body !== 'string') return undefined;
  return isBase64Encoded === true ? Buffer.from(body, 'base64') : Buffer.from(body, 'utf8');
}

/** Header pairs from `headers` (scalar values); false when the shape is wrong. */
function addHeaders(out: [string, string][], headers: Json | undefined, skip?: (name: string, value: string) => boolean): boolean {
  if (headers === undefined || headers === null) return true;
  if (!isObject(headers)) return false;
  for (const name of Object.keys(headers)) {
    const v = headers[name];
    if (v === null) continue;
    if (!isScalar(v)) return false;
    if (!skip?.(name, String(v))) out.push([name, String(v)]);
  }
  return true;
}

/** Format 1.0: headers and multiValueHeaders merge; a pair present in both is sent once. */
export function mapV1Response(payload: Buffer): MappedResponse | MappedError {
  const r = parse(payload);
  if (!r.ok || !isObject(r.value) || !validStatus(r.value.statusCode)) return MALFORMED;
  const obj = r.value;
  const headers: [string, string][] = [];
  const seen = new Set<string>();
  const multi = obj.multiValueHeaders;
  if (multi !== undefined && multi !== null) {
    if (!isObject(multi)) return MALFORMED;
    for (const name of Object.keys(multi)) {
      const values = multi[name];
      if (values === null) continue;
      if (!Array.isArray(values) || !values.every(isScalar)) return MALFORMED;
      for (const v of values) {
        headers.push([name, String(v)]);
        seen.add(name.toLowerCase() + '\n' + String(v));
      }
    }
  }
  if (!addHeaders(headers, obj.headers, (n, v) => seen.has(n.toLowerCase() + '\n' + v))) return MALFORMED;
  const body = bodyOf(obj);
  if (!body) return MALFORMED;
  return { statusCode: obj.statusCode as number, headers, body };
}

/** Format 2.0: the full object when `statusCode` is present, else inferred from any JSON. */
export function mapV2Response(payload: Buffer): MappedResponse | MappedError {
  const r = parse(payload);
  if (!r.ok) return MALFORMED;
  const value = r.value;
  if (!isObject(value) || !('statusCode' in value)) {
    // A JSON string's content is the body (AWS's "Hello from Lambda!" example); any other value is sent as returned.
    const body = typeof value === 'string' ? Buffer.from(value, 'utf8') : payload;
    return { statusCode: 200, headers: [['content-type', 'application/json']], body };
  }
  if (!validStatus(value.statusCode)) return MALFORMED;
  const headers: [string, string][] = [];
  if (!addHeaders(headers, value.headers)) return MALFORMED;
  const cookies = value.cookies;
  if (cookies !== undefined && cookies !== null) {
    if (!Array.isArray(cookies) || !cookies.every((c) => typeof c === 'string')) return MALFORMED;
    for (const c of cookies) headers.push(['set-cookie', c as string]);
  }
  const body = bodyOf(value);
  if (!body) return MALFORMED;
  return { statusCode: value.statusCode, headers, body };
}
