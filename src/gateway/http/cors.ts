// CORS for HTTP APIs, as API Gateway applies a CorsConfig: it answers preflight requests
// itself (204, even without an OPTIONS route), and on other responses it replaces any
// access-control-* headers the function returned with its own. Pure: headers in, headers out.
import type { CorsConfig } from '../../deploy/plan';

export type HeaderPairs = [string, string][];

/** A CORS preflight: OPTIONS carrying Origin and Access-Control-Request-Method. */
export function isPreflight(method: string, origin: string | undefined, requestMethod: string | undefined): boolean {
  return method.toUpperCase() === 'OPTIONS' && !!origin && !!requestMethod;
}

/** Whether `origin` is allowed: `*`, an exact origin (case-insensitive), or a `*` wildcard such as `https://*.example.com`. */
export function originAllowed(cors: CorsConfig, origin: string): boolean {
  const o = origin.toLowerCase();
  for (const allowed of cors.allowOrigins) {
    const a = allowed.toLowerCase();
    if (a === '*' || a === o) return true;
    const star = a.indexOf('*');
    if (star >= 0) {
      const head = a.slice(0, star);
      const tail = a.slice(star + 1);
      if (o.length > head.length + tail.length && o.startsWith(head) && o.endsWith(tail)) return true;
    }
  }
  return false;
}

function allowOriginValue(cors: CorsConfig, origin: string): string {
  return cors.allowOrigins.includes('*') && !cors.allowCredentials ? '*' : origin;
}

/**
 * The answer to a preflight: status 204 and its headers. An origin or method that is not
 * allowed gets 204 with no CORS headers, so the browser blocks the request.
 */
export function preflightResponse(cors: CorsConfig, origin: string, requestMethod: string, requestHeaders?: string): { statusCode: 204; headers: HeaderPairs } {
  const headers: HeaderPairs = [];
  const method = requestMethod.toUpperCase();
  const methods = cors.allowMethods.map((m) => m.toUpperCase());
  const methodOk = methods.includes('*') || methods.includes('ANY') || methods.includes(method);
  if (!originAllowed(cors, origin) || !methodOk) return { statusCode: 204, headers };
  const allowOrigin = allowOriginValue(cors, origin);
  headers.push(['access-control-allow-origin', allowOrigin]);
  if (allowOrigin !== '*') headers.push(['vary', 'Origin']);
  if (cors.allowCredentials) headers.push(['access-control-allow-credentials', 'true']);
  const wildMethods = methods.includes('*') || methods.includes('ANY');
  headers.push(['access-control-allow-methods', wildMethods ? (cors.allowCredentials ? method : '*') : methods.join(',')]);
  if (cors.allowHeaders.length > 0) {
    const wild = cors.allowHeaders.includes('*');
    const value = wild && cors.allowCredentials ? requestHeaders ?? '' : cors.allowHeaders.join(',');
    if (value !== '') headers.push(['access-control-allow-headers', value]);
  }
  if (cors.maxAge !== undefined) headers.push(['access-control-max-age', String(cors.maxAge)]);
  return { statusCode: 204, headers };
}

/** CORS headers for an ordinary (non-preflight) response; none without an allowed Origin. */
export function corsResponseHeaders(cors: CorsConfig, origin: string | undefined): HeaderPairs {
  if (!origin || !originAllowed(cors, origin)) return [];
  const allowOrigin = allowOriginValue(cors, origin);
  const headers: HeaderPairs = [['access-control-allow-origin', allowOrigin]];
  if (allowOrigin !== '*') headers.push(['vary', 'Origin']);
  if (cors.allowCredentials) headers.push(['access-control-allow-credentials', 'true']);
  if (cors.exposeHeaders && cors.exposeHeaders.length > 0) headers.push(['access-control-expose-headers', cors.exposeHeaders.join(',')]);
  return headers;
}

/** The function's headers with its access-control-* headers replaced by the API's CORS headers. */
export function withCors(headers: HeaderPairs, cors: CorsConfig, origin: string | undefined): HeaderPairs {
  const out = headers.filter(([name]) => !name.toLowerCase().startsWith('access-control-'));
  for (const h of corsResponseHeaders(cors, origin)) out.push(h);
  return out;
}
