// The request as the event builders see it, and the small pure helpers both payload
// formats share: header grouping, query parsing, API Gateway's time format, and the
// decision whether a body travels as base64.
import { isUtf8 } from 'node:buffer';
import type { RouteMatch } from './route-table';

/**
 * One HTTP request for `buildV1Event` / `buildV2Event`.
 * - `headers`: Node's `req.rawHeaders` (flat `[name, value, name, value, ...]`), so client
 *   casing and repeated headers survive; v1 keeps the casing, v2 lower-cases.
 * - `rawPath`: the path as received (percent-encoded, REST stage included), no query.
 * - `rawQuery`: the text after `?` ('' when none).
 * - `host`: the Host header value (→ domainName; its first label → domainPrefix).
 * - `apiId`: the API's id as clients see it (10 lower-case characters on AWS).
 * - `requestId`: optional; a fresh one is made per call when absent.
 * - `now`: epoch ms of arrival (requestTimeEpoch / timeEpoch).
 */
export interface HttpRequestInput {
  method: string;
  rawPath: string;
  rawQuery: string;
  headers: readonly string[];
  body: Buffer;
  sourceIp: string;
  protocol: string;
  host: string;
  match: RouteMatch;
  accountId: string;
  apiId: string;
  now: number;
  requestId?: string;
}

/** Headers grouped case-insensitively: the first casing seen, and every value in order. */
export interface HeaderGroup { name: string; values: string[] }

export function groupHeaders(raw: readonly string[]): Map<string, HeaderGroup> {
  const out = new Map<string, HeaderGroup>();
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const lower = raw[i].toLowerCase();
    const g = out.get(lower);
    if (g) g.values.push(raw[i + 1]);
    else out.set(lower, { name: raw[i], values: [raw[i + 1]] });
  }
  return out;
}

function decodeQueryPart(s: string): string {
  if (s.indexOf('%') < 0) return s;
  try { return decodeURIComponent(s); } catch { return s; }
}

/** `a=1&a=2&b` → [['a','1'],['a','2'],['b','']], percent-decoded; '+' is kept as is. */
export function parseQuery(rawQuery: string): [string, string][] {
  const out: [string, string][] = [];
  if (rawQuery === '') return out;
  for (const part of rawQuery.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = decodeQueryPart(eq < 0 ? part : part.slice(0, eq));
    out.push([key, eq < 0 ? '' : decodeQueryPart(part.slice(eq + 1))]);
  }
  return out;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number) => (n < 10 ? '0' : '') + n;

/** API Gateway's request time: `21/Apr/2020:15:08:21 +0000` (UTC). */
export function requestTime(epochMs: number): string {
  const d = new Date(epochMs);
  return `${p2(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:` +
    `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} +0000`;
}

/** Content types HTTP APIs pass as text; everything else (and form posts) arrives base64. */
export function isTextContentType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const t = contentType.split(';', 1)[0].trim().toLowerCase();
  return t.startsWith('text/') || t === 'application/json' || t === 'application/javascript' ||
    t === 'application/xml' || t.endsWith('+json') || t.endsWith('+xml');
}

/**
 * The event's body and isBase64Encoded. HTTP APIs (both payload formats) base64 every
 * non-text content type. REST APIs without binaryMediaTypes pass text, except that bytes
 * which are not valid UTF-8 go as base64 rather than being mangled.
 */
export function encodeBody(body: Buffer, kind: 'rest' | 'http', contentType: string | undefined): { body: string | null; isBase64Encoded: boolean } {
  if (body.length === 0) return { body: null, isBase64Encoded: false };
  const text = kind === 'http' ? isTextContentType(contentType) && isUtf8(body) : isUtf8(body);
  return text ? { body: body.toString('utf8'), isBase64Encoded: false } : { body: body.toString('base64'), isBase64Encoded: true };
}

/** `abc.execute-api.localhost:3000` → `abc`. */
export function domainPrefix(host: string): string {
  const h = host.replace(/:\d+$/, '');
  const dot = h.indexOf('.');
  return dot < 0 ? h : h.slice(0, dot);
}
