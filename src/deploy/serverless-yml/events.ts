// A function's `events:` → API routes. `http` is an API Gateway REST API route (v1
// payload, stage-prefixed); `httpApi` an HTTP API route (payload 2.0 unless
// provider.httpApi.payload says '1.0'). `sqs` events become event source mappings
// (sqs-events.ts), `sns` events subscriptions (sns-events.ts). Every other event type is kept as a warning,
// never dropped silently, until Nimbus serves it.

import type { CorsConfig, PlannedRoute } from '../plan';
import { ConfigReader } from './config-reader';
import { EVENT_TYPES, HTTP_API_EVENT_KEYS, HTTP_EVENT_KEYS, REST_CORS_KEYS } from './known-keys';
import { KeyPath } from './yaml-source';

export const REST_API_ID = 'ServerlessRestApi';
export const HTTP_API_ID = 'ServerlessHttpApi';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ANY'];

/** The headers Serverless allows by default when `cors: true`. */
export const DEFAULT_CORS_HEADERS = [
  'Content-Type', 'X-Amz-Date', 'Authorization', 'X-Api-Key', 'X-Amz-Security-Token', 'X-Amz-User-Agent',
];

export interface EventContext {
  functionKey: string;
  stage: string;
  httpApiPayload: '1.0' | '2.0';
}

export function eventRoutes(r: ConfigReader, path: KeyPath, events: unknown, ctx: EventContext): PlannedRoute[] {
  if (events === undefined || events === null) return [];
  if (!Array.isArray(events)) throw r.error(path, `expected a list of events, got a ${typeof events}`);
  const routes: PlannedRoute[] = [];
  events.forEach((event, i) => {
    const at = [...path, i];
    const obj = r.object(at, event);
    const types = Object.keys(obj);
    if (types.length !== 1) throw r.error(at, `expected one event type per list item, got ${types.length} (${types.join(', ')})`);
    const type = types[0];
    if (type === 'http') routes.push(restRoute(r, [...at, type], obj[type], ctx));
    else if (type === 'httpApi') routes.push(httpApiRoute(r, [...at, type], obj[type], ctx));
    else if (type === 'sqs' || type === 'sns' || type === 'stream') return; // mappings (sqs-events.ts, stream-events.ts) or a subscription (sns-events.ts)
    else {
      if (!(EVENT_TYPES as readonly string[]).includes(type)) r.checkKeys(at, obj, EVENT_TYPES);
      r.warnings.push(`event ${type} of function ${ctx.functionKey} is not yet supported`);
    }
  });
  return routes;
}

function method(r: ConfigReader, path: KeyPath, v: unknown): string {
  const m = r.string(path, v, 'an HTTP method').toUpperCase();
  const upper = m === '*' ? 'ANY' : m;
  if (!METHODS.includes(upper)) throw r.error(path, `expected an HTTP method (${METHODS.join(', ')} or *), got "${m}"`);
  return upper;
}

/** `users/{id}/` → `/users/{id}`; `/` stays `/`. */
function restPath(p: string): string {
  const trimmed = p.trim().replace(/^\/+/, '').replace(/\/+$/, '');
  return `/${trimmed}`;
}

function restRoute(r: ConfigReader, path: KeyPath, v: unknown, ctx: EventContext): PlannedRoute {
  let m: string;
  let p: string;
  let cors: CorsConfig | undefined;
  if (typeof v === 'string') {
    const parts = v.trim().split(/\s+/);
    if (parts.length !== 2) throw r.error(path, `expected "METHOD path" (e.g. "GET users/{id}"), got "${v}"`);
    m = method(r, path, parts[0]);
    p = parts[1];
  } else {
    const obj = r.object(path, v, HTTP_EVENT_KEYS);
    m = method(r, [...path, 'method'], obj.method);
    p = r.string([...path, 'path'], obj.path, 'a path');
    cors = restCors(r, [...path, 'cors'], obj.cors, m);
    if (obj.integration !== undefined && !['lambda-proxy', 'aws_proxy', 'AWS_PROXY'].includes(String(obj.integration))) {
      r.warnings.push(`http event integration ${String(obj.integration)} of function ${ctx.functionKey} is not yet supported; lambda-proxy is used`);
    }
    if (obj.authorizer !== undefined) r.warnings.push(`http event authorizer of function ${ctx.functionKey} is not yet supported and is not enforced`);
  }
  const route: PlannedRoute = { apiId: REST_API_ID, kind: 'rest', payloadFormat: '1.0', method: m, path: restPath(p), functionLogicalId: ctx.functionKey, stage: ctx.stage };
  if (cors) route.cors = cors;
  return route;
}

function restCors(r: ConfigReader, path: KeyPath, v: unknown, m: string): CorsConfig | undefined {
  if (v === undefined || v === null || v === false) return undefined;
  const methods = ['OPTIONS', m];
  if (v === true) return { allowOrigins: ['*'], allowMethods: methods, allowHeaders: [...DEFAULT_CORS_HEADERS], allowCredentials: false };
  const obj = r.object(path, v, REST_CORS_KEYS);
  const cors: CorsConfig = {
    allowOrigins: r.stringList([...path, 'origins'], obj.origins) ?? r.stringList([...path, 'origin'], obj.origin) ?? ['*'],
    allowMethods: r.stringList([...path, 'methods'], obj.methods) ?? methods,
    allowHeaders: r.stringList([...path, 'headers'], obj.headers) ?? [...DEFAULT_CORS_HEADERS],
    allowCredentials: r.optBool([...path, 'allowCredentials'], obj.allowCredentials) ?? false,
  };
  const maxAge = r.optInt([...path, 'maxAge'], obj.maxAge, 0, 86400, 'a number of seconds');
  if (maxAge !== undefined) cors.maxAge = maxAge;
  return cors;
}

function httpApiRoute(r: ConfigReader, path: KeyPath, v: unknown, ctx: EventContext): PlannedRoute {
  let m: string;
  let p: string;
  if (typeof v === 'string') {
    const text = v.trim();
    const parts = text.split(/\s+/);
    if (text === '*') [m, p] = ['ANY', '$default'];
    else if (parts.length === 2 && parts[1].startsWith('/')) [m, p] = [method(r, path, parts[0]), parts[1]];
    else throw r.error(path, `expected "METHOD /path" (e.g. "GET /users/{id}") or "*", got "${v}"`);
  } else {
    const obj = r.object(path, v, HTTP_API_EVENT_KEYS);
    m = method(r, [...path, 'method'], obj.method);
    p = r.string([...path, 'path'], obj.path, 'a path starting with /');
    if (p === '*') p = '$default';
    else if (!p.startsWith('/')) throw r.error([...path, 'path'], `expected a path starting with /, got "${p}"`);
    if (obj.authorizer !== undefined) r.warnings.push(`httpApi event authorizer of function ${ctx.functionKey} is not yet supported and is not enforced`);
  }
  return { apiId: HTTP_API_ID, kind: 'http', payloadFormat: ctx.httpApiPayload, method: m, path: p, functionLogicalId: ctx.functionKey, stage: '$default' };
}
