// The HTTP API gateway (default port 3000): serves the routes of deployed projects as
// API Gateway does — REST APIs (v1 events, stage prefix) and HTTP APIs (v2 or v1) —
// turning each request into an event, invoking the function and mapping its result.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DeployedRoute } from '../deploy/apply';
import type { RouteSink } from '../deploy/deployer';
import type { Invoker } from '../invoke/types';
import { NimbusError } from '../kernel/errors';
import { isPreflight, preflightResponse, withCors } from './http/cors';
import { buildV1Event } from './http/event-v1';
import { buildV2Event } from './http/event-v2';
import { errorResponses, mapV1Response, mapV2Response, type MappedResponse } from './http/response';
import { RouteTable, type RouteMatch } from './http/route-table';

/** API Gateway's payload limit. */
export const MAX_HTTP_BODY = 10 * 1024 * 1024;
const TIMEOUT_MS = { rest: 29_000, http: 30_000 };

export class HttpGateway implements RouteSink {
  private stacks = new Map<string, DeployedRoute[]>();
  private table = new RouteTable([]);

  constructor(private deps: { invoker: Invoker; accountId: string; log: (m: string) => void }) {}

  setRoutes(stackName: string, routes: DeployedRoute[]): void {
    const next = new Map(this.stacks).set(stackName, routes);
    try {
      this.table = new RouteTable([...next.values()].flat());
    } catch (err) { // a collision: nothing changes
      throw new NimbusError('CONFIG_INVALID', `${stackName}: ${(err as Error).message}`);
    }
    this.stacks = next;
  }

  handle = (req: IncomingMessage, res: ServerResponse): void => {
    this.serve(req, res).catch((err) => {
      this.deps.log(`HTTP gateway: ${req.method} ${req.url} failed: ${(err as Error)?.stack ?? err}`);
      if (!res.headersSent) send(res, errorResponses.httpInternalError);
      else res.destroy();
    });
  };

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const rawPath = q < 0 ? url : url.slice(0, q);
    const rawQuery = q < 0 ? '' : url.slice(q + 1);
    const method = req.method ?? 'GET';
    const origin = header(req, 'origin');
    const preflightMethod = header(req, 'access-control-request-method');
    if (isPreflight(method, origin, preflightMethod)) {
      const target = this.table.match(preflightMethod!, rawPath);
      const cors = 'entry' in target ? target.entry.route.cors : undefined;
      if (cors) {
        req.resume();
        const p = preflightResponse(cors, origin!, preflightMethod!, header(req, 'access-control-request-headers'));
        return send(res, { statusCode: p.statusCode, headers: p.headers, body: Buffer.alloc(0) });
      }
    }
    const match = this.table.match(method, rawPath);
    if ('error' in match) {
      req.resume();
      return send(res, match.error === 'not-found' ? errorResponses.httpNotFound : errorResponses.restMissingAuthToken);
    }
    const kind = match.entry.route.kind;
    const body = await readCapped(req, MAX_HTTP_BODY);
    if (!body) return send(res, kind === 'rest' ? errorResponses.restRequestTooLarge : errorResponses.httpRequestTooLarge, true);
    const mapped = await this.invoke(req, match, rawPath, rawQuery, body);
    const cors = match.entry.route.cors;
    send(res, cors && 'headers' in mapped ? { ...mapped, headers: withCors(mapped.headers, cors, origin) } : mapped);
  }

  private async invoke(req: IncomingMessage, match: RouteMatch, rawPath: string, rawQuery: string, body: Buffer)
    : Promise<MappedResponse | { statusCode: number; body: Buffer }> {
    const route = match.entry.route;
    const rest = route.kind === 'rest';
    const input = { method: req.method ?? 'GET', rawPath, rawQuery, headers: req.rawHeaders, body,
      sourceIp: req.socket.remoteAddress ?? '127.0.0.1', protocol: `HTTP/${req.httpVersion}`, host: header(req, 'host') ?? 'localhost',
      match, accountId: this.deps.accountId, apiId: apiIdOf(route.apiId), now: Date.now() };
    const event = route.payloadFormat === '2.0' ? buildV2Event(input) : buildV1Event(input);
    const failed = rest ? errorResponses.restBadGateway : errorResponses.httpInternalError;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((r) => { timer = setTimeout(() => r('timeout'), TIMEOUT_MS[route.kind]); });
    try {
      const out = await Promise.race([this.deps.invoker.invoke({ functionName: match.entry.functionName, invocationType: 'RequestResponse',
        logType: 'None', payload: Buffer.from(JSON.stringify(event)) }), timedOut]);
      if (out === 'timeout') return rest ? errorResponses.restTimeout : errorResponses.httpTimeout;
      if (out.functionError) return failed;
      const mapped = route.payloadFormat === '2.0' ? mapV2Response(out.payload) : mapV1Response(out.payload);
      return 'error' in mapped ? failed : mapped;
    } catch (err) {
      // The invoke itself was rejected (throttled, missing function...): API Gateway answers 500.
      this.deps.log(`HTTP gateway: invoke of ${match.entry.functionName} rejected: ${(err as Error).message}`);
      return { statusCode: 500, body: Buffer.from('{"message":"Internal server error"}') };
    } finally {
      clearTimeout(timer);
    }
  }
}

/** A stable 10-character API id from the API's logical name, as API Gateway ids look. */
function apiIdOf(name: string): string {
  let h = 2166136261;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619) >>> 0;
  return (h.toString(36) + 'abcdefghij').slice(0, 10);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function readCapped(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => { size += c.length; if (size <= limit) chunks.push(c); });
    req.on('end', () => resolve(size > limit ? undefined : Buffer.concat(chunks, size)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, r: { statusCode: number; headers?: [string, string][]; body: Buffer }, close = false): void {
  const headers: [string, string][] = r.headers ? [...r.headers] : [['content-type', 'application/json']];
  if (!headers.some(([k]) => k.toLowerCase() === 'content-length')) headers.push(['content-length', String(r.body.length)]);
  if (close) headers.push(['connection', 'close']);
  res.writeHead(r.statusCode, headers.flat() as unknown as string[]);
  res.end(r.body);
}
