// The APIs routes belong to: the implicit ServerlessRestApi (stage `Prod`) and
// ServerlessHttpApi (stage `$default`), and each AWS::Serverless::Api / HttpApi of the
// template (its StageName), with CORS from `Cors` (REST: quoted header values such
// as "'*'") or `CorsConfiguration` (HTTP API: lists, or `true` for allow-all),
// Globals.Api / Globals.HttpApi merged in.

import { show } from '../deploy-error';
import { isPlainMap, mergeGlobal } from './globals';
import type { CorsConfig } from '../plan';
import type { Stack } from './stack-scope';
import type { KeyPath } from './yaml-template';

export interface ApiInfo {
  kind: 'rest' | 'http';
  stage: string;
  cors?: CorsConfig;
}

/** `'GET,POST'` → ['GET', 'POST'] (SAM's Api Cors values are quoted header values). */
function headerList(v: unknown, path: KeyPath, stack: Stack): string[] {
  if (typeof v !== 'string') return stack.fail(`expected a quoted string such as "'*'", got ${show(v)}`, path);
  const t = v.trim().replace(/^'(.*)'$/s, '$1');
  return t.split(',').map((x) => x.trim()).filter(Boolean);
}

function restCors(cors: unknown, path: KeyPath, stack: Stack): CorsConfig | undefined {
  if (cors === undefined) return undefined;
  if (typeof cors === 'string') return { allowOrigins: headerList(cors, path, stack), allowMethods: ['*'], allowHeaders: [] };
  if (!isPlainMap(cors)) return stack.fail(`Cors must be a quoted origin or a map, got ${show(cors)}`, path);
  if (cors.AllowOrigin === undefined) return stack.fail('Cors needs AllowOrigin', path);
  const out: CorsConfig = {
    allowOrigins: headerList(cors.AllowOrigin, [...path, 'AllowOrigin'], stack),
    allowMethods: cors.AllowMethods === undefined ? ['*'] : headerList(cors.AllowMethods, [...path, 'AllowMethods'], stack),
    allowHeaders: cors.AllowHeaders === undefined ? [] : headerList(cors.AllowHeaders, [...path, 'AllowHeaders'], stack),
  };
  if (cors.AllowCredentials !== undefined) out.allowCredentials = cors.AllowCredentials === true || cors.AllowCredentials === 'true';
  if (cors.MaxAge !== undefined) out.maxAge = Number(headerList(cors.MaxAge, [...path, 'MaxAge'], stack)[0] ?? cors.MaxAge);
  return out;
}

function strings(v: unknown, path: KeyPath, stack: Stack): string[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) return stack.fail(`expected a list of strings, got ${show(v)}`, path);
  return v.map(String);
}

function httpCors(cors: unknown, path: KeyPath, stack: Stack): CorsConfig | undefined {
  if (cors === undefined || cors === false) return undefined;
  if (cors === true) return { allowOrigins: ['*'], allowMethods: ['*'], allowHeaders: ['*'] };
  if (!isPlainMap(cors)) return stack.fail(`CorsConfiguration must be true or a map, got ${show(cors)}`, path);
  const out: CorsConfig = {
    allowOrigins: strings(cors.AllowOrigins, [...path, 'AllowOrigins'], stack),
    allowMethods: strings(cors.AllowMethods, [...path, 'AllowMethods'], stack),
    allowHeaders: strings(cors.AllowHeaders, [...path, 'AllowHeaders'], stack),
  };
  if (cors.ExposeHeaders !== undefined) out.exposeHeaders = strings(cors.ExposeHeaders, [...path, 'ExposeHeaders'], stack);
  if (cors.AllowCredentials !== undefined) out.allowCredentials = cors.AllowCredentials === true;
  if (cors.MaxAge !== undefined) out.maxAge = Number(cors.MaxAge);
  return out;
}

/** API logical id → stage and CORS; includes the two implicit APIs. */
export function collectApis(stack: Stack, globals: Record<string, unknown>): Map<string, ApiInfo> {
  const gRest = stack.resolve(globals.Api ?? {}, ['Globals', 'Api']) as Record<string, unknown>;
  const gHttp = stack.resolve(globals.HttpApi ?? {}, ['Globals', 'HttpApi']) as Record<string, unknown>;
  const apis = new Map<string, ApiInfo>();
  apis.set('ServerlessRestApi', { kind: 'rest', stage: 'Prod', cors: restCors(gRest.Cors, ['Globals', 'Api', 'Cors'], stack) });
  apis.set('ServerlessHttpApi', {
    kind: 'http', stage: '$default', cors: httpCors(gHttp.CorsConfiguration, ['Globals', 'HttpApi', 'CorsConfiguration'], stack),
  });
  for (const e of stack.resources.values()) {
    if (e.implicit || (e.type !== 'AWS::Serverless::Api' && e.type !== 'AWS::Serverless::HttpApi')) continue;
    const base: KeyPath = ['Resources', e.logicalId, 'Properties'];
    const own = stack.resolve(e.properties, base) as Record<string, unknown>;
    if (e.type === 'AWS::Serverless::Api') {
      const p = mergeGlobal(gRest, own) as Record<string, unknown>;
      if (typeof p.StageName !== 'string' || !p.StageName) stack.fail('AWS::Serverless::Api needs a StageName', base);
      apis.set(e.logicalId, { kind: 'rest', stage: p.StageName as string, cors: restCors(p.Cors, [...base, 'Cors'], stack) });
    } else {
      const p = mergeGlobal(gHttp, own) as Record<string, unknown>;
      const stage = typeof p.StageName === 'string' && p.StageName ? p.StageName : '$default';
      apis.set(e.logicalId, { kind: 'http', stage, cors: httpCors(p.CorsConfiguration, [...base, 'CorsConfiguration'], stack) });
    }
  }
  return apis;
}
