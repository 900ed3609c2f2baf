// A function's `Events` → routes: `Api` (REST API, payload 1.0, the implicit
// ServerlessRestApi with stage `Prod` or the RestApiId's API) and `HttpApi` (payload
// 2.0 by default, `$default` when Path and Method are absent, ServerlessHttpApi or the
// ApiId's API). `SQS` events are event source mappings (sqs-events.ts); other SAM event
// types are reported as not yet supported.

import { suggestKey, show } from '../deploy-error';
import { EVENT_TYPES, isPlainMap } from './globals';
import type { PlannedRoute } from '../plan';
import type { ApiInfo } from './apis';
import type { Stack } from './stack-scope';
import type { KeyPath } from './yaml-template';

/** The events a function's Properties.Events declares (raw, not yet resolved). */
export function implicitApisUsed(events: unknown): { rest: boolean; http: boolean } {
  const used = { rest: false, http: false };
  if (!isPlainMap(events)) return used;
  for (const ev of Object.values(events)) {
    if (!isPlainMap(ev)) continue;
    const props = isPlainMap(ev.Properties) ? ev.Properties : {};
    if (ev.Type === 'Api' && props.RestApiId === undefined) used.rest = true;
    if (ev.Type === 'HttpApi' && props.ApiId === undefined) used.http = true;
  }
  return used;
}

function method(v: unknown, path: KeyPath, stack: Stack): string {
  if (typeof v !== 'string' || !v) return stack.fail(`expected an HTTP method such as get, got ${show(v)}`, path);
  const m = v.toUpperCase();
  return m === 'X-AMAZON-APIGATEWAY-ANY-METHOD' ? 'ANY' : m;
}

/** The logical id an event's RestApiId / ApiId points at (`!Ref MyApi` or `MyApi`). */
function apiRef(raw: unknown, kind: 'rest' | 'http', apis: Map<string, ApiInfo>, path: KeyPath, stack: Stack): string {
  const id = isPlainMap(raw) && typeof raw.Ref === 'string' ? raw.Ref : raw;
  const want = kind === 'rest' ? 'AWS::Serverless::Api' : 'AWS::Serverless::HttpApi';
  if (typeof id !== 'string' || !apis.has(id) || apis.get(id)!.kind !== kind) {
    const hint = typeof id === 'string' ? suggestKey(id, [...apis.keys()]) : undefined;
    return stack.fail(`expected !Ref to an ${want} of this template, got ${show(raw)}${hint ? ` (did you mean "${hint}"?)` : ''}`, path);
  }
  return id;
}

export function functionRoutes(stack: Stack, logicalId: string, events: unknown, apis: Map<string, ApiInfo>): PlannedRoute[] {
  const base: KeyPath = ['Resources', logicalId, 'Properties', 'Events'];
  if (events === undefined || events === null) return [];
  if (!isPlainMap(events)) return stack.fail(`expected a map of events, got ${show(events)}`, base);
  const routes: PlannedRoute[] = [];
  for (const [name, ev] of Object.entries(events)) {
    const at = [...base, name];
    if (!isPlainMap(ev)) return stack.fail(`expected an event with Type and Properties, got ${show(ev)}`, at);
    const type = ev.Type;
    if (typeof type !== 'string') return stack.fail(`event needs a Type (Api, HttpApi, SQS, ...)`, at);
    if (!EVENT_TYPES.includes(type)) {
      const hint = suggestKey(type, EVENT_TYPES);
      if (hint) return stack.fail(`unknown event type "${type}" (did you mean "${hint}"?)`, [...at, 'Type']);
    }
    const rawProps = ev.Properties ?? {};
    if (!isPlainMap(rawProps)) return stack.fail(`expected a map, got ${show(rawProps)}`, [...at, 'Properties']);
    const pAt = [...at, 'Properties'];
    if (type === 'Api') {
      const p = stack.resolve({ ...rawProps, RestApiId: undefined }, pAt) as Record<string, unknown>;
      if (typeof p.Path !== 'string' || !p.Path.startsWith('/')) stack.fail(`Api event needs a Path starting with "/", got ${show(p.Path)}`, [...pAt, 'Path']);
      const apiId = rawProps.RestApiId === undefined ? 'ServerlessRestApi' : apiRef(rawProps.RestApiId, 'rest', apis, [...pAt, 'RestApiId'], stack);
      const api = apis.get(apiId)!;
      routes.push(route(apiId, 'rest', '1.0', method(p.Method, [...pAt, 'Method'], stack), p.Path as string, logicalId, api));
    } else if (type === 'HttpApi') {
      const p = stack.resolve({ ...rawProps, ApiId: undefined }, pAt) as Record<string, unknown>;
      const apiId = rawProps.ApiId === undefined ? 'ServerlessHttpApi' : apiRef(rawProps.ApiId, 'http', apis, [...pAt, 'ApiId'], stack);
      const payload = p.PayloadFormatVersion === undefined ? '2.0' : String(p.PayloadFormatVersion);
      if (payload !== '1.0' && payload !== '2.0') stack.fail(`PayloadFormatVersion must be "1.0" or "2.0", got ${show(p.PayloadFormatVersion)}`, [...pAt, 'PayloadFormatVersion']);
      let path = '$default';
      let verb = 'ANY';
      if (p.Path !== undefined || p.Method !== undefined) {
        if (typeof p.Path !== 'string' || !p.Path.startsWith('/')) stack.fail(`HttpApi event Path must start with "/", got ${show(p.Path)}`, [...pAt, 'Path']);
        path = p.Path as string;
        verb = p.Method === undefined ? 'ANY' : method(p.Method, [...pAt, 'Method'], stack);
      }
      routes.push(route(apiId, 'http', payload as '1.0' | '2.0', verb, path, logicalId, apis.get(apiId)!));
    } else if (type !== 'SQS' && type !== 'SNS' && type !== 'DynamoDB') { // mappings (sqs-events.ts, stream-events.ts), subscriptions (sns-events.ts)
      stack.warn(`event ${name} (${type}) of ${logicalId} is not yet supported`);
    }
  }
  return routes;
}

function route(apiId: string, kind: 'rest' | 'http', payloadFormat: '1.0' | '2.0', method: string, path: string,
  functionLogicalId: string, api: ApiInfo): PlannedRoute {
  const r: PlannedRoute = { apiId, kind, payloadFormat, method, path, functionLogicalId, stage: api.stage };
  if (api.cors) r.cors = api.cors;
  return r;
}
