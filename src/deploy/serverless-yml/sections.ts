// The smaller serverless.yml sections: provider.httpApi (payload version and CORS for
// the HTTP API), resources.Resources (kept as PlannedResources; those of a type Nimbus
// serves get their intrinsics evaluated) and plugins (each reported as skipped).

import type { CorsConfig, PlannedResource, PlannedRoute } from '../plan';
import { isSupported } from '../resources/types';
import { withPhysicalName } from '../sam/resource-refs';
import type { ServerlessStack } from './cfn-scope';
import { ConfigReader } from './config-reader';
import { DEFAULT_CORS_HEADERS } from './events';
import { HTTP_API_CORS_KEYS, HTTP_API_KEYS } from './known-keys';
import { formatPath, positionOf } from './yaml-source';

export interface ProviderHttpApi {
  payload: '1.0' | '2.0';
  /** Sets the HTTP API's CORS on every `kind: 'http'` route. */
  applyCors(routes: PlannedRoute[]): void;
}

export function providerHttpApi(r: ConfigReader, v: unknown): ProviderHttpApi {
  const at = ['provider', 'httpApi'];
  const obj = r.object(at, v, HTTP_API_KEYS);
  // YAML reads an unquoted `payload: 1.0` as the number 1; accept it.
  const raw = obj.payload === undefined ? '2.0' : typeof obj.payload === 'number' ? obj.payload.toFixed(1) : obj.payload;
  if (raw !== '1.0' && raw !== '2.0') throw r.error([...at, 'payload'], `expected '1.0' or '2.0', got ${JSON.stringify(obj.payload)}`);
  const corsAt = [...at, 'cors'];
  const cors = obj.cors;
  if (cors !== undefined && cors !== null && typeof cors !== 'boolean') r.object(corsAt, cors, HTTP_API_CORS_KEYS);
  if (obj.authorizers !== undefined) r.warnings.push('provider.httpApi.authorizers are not yet supported and are not enforced');
  return {
    payload: raw,
    applyCors(routes) {
      if (!cors) return;
      const httpRoutes = routes.filter((route) => route.kind === 'http');
      const methods = [...new Set(httpRoutes.map((route) => (route.method === 'ANY' ? '*' : route.method)))];
      let config: CorsConfig;
      if (cors === true) {
        config = { allowOrigins: ['*'], allowHeaders: [...DEFAULT_CORS_HEADERS], allowMethods: methods.includes('*') ? ['*'] : methods };
      } else {
        const c = cors as Record<string, unknown>;
        config = {
          allowOrigins: r.stringList([...corsAt, 'allowedOrigins'], c.allowedOrigins) ?? ['*'],
          allowHeaders: r.stringList([...corsAt, 'allowedHeaders'], c.allowedHeaders) ?? [...DEFAULT_CORS_HEADERS],
          allowMethods: r.stringList([...corsAt, 'allowedMethods'], c.allowedMethods) ?? (methods.includes('*') ? ['*'] : methods),
        };
        const expose = r.stringList([...corsAt, 'exposedHeaders'], c.exposedHeaders);
        if (expose) config.exposeHeaders = expose;
        const credentials = r.optBool([...corsAt, 'allowCredentials'], c.allowCredentials);
        if (credentials !== undefined) config.allowCredentials = credentials;
        const maxAge = r.optInt([...corsAt, 'maxAge'], c.maxAge, 0, 86400, 'a number of seconds');
        if (maxAge !== undefined) config.maxAge = maxAge;
      }
      for (const route of httpRoutes) route.cors = { ...config, allowOrigins: [...config.allowOrigins] };
    },
  };
}

/** A resource of `resources.Resources`, as written, with its key path. */
export type ResourceDraft = PlannedResource & { at: (string | number)[] };

/** `resources.Resources` (a map, or a list of `{Resources}` fragments) → resources with their properties as written. */
export function collectResources(r: ConfigReader, v: unknown): ResourceDraft[] {
  if (v === undefined || v === null) return [];
  const fragments = Array.isArray(v) ? v : [v];
  const out: ResourceDraft[] = [];
  fragments.forEach((fragment, i) => {
    const at = Array.isArray(v) ? ['resources', i] : ['resources'];
    const obj = r.object(at, fragment);
    for (const [logicalId, res] of Object.entries(r.object([...at, 'Resources'], obj.Resources))) {
      const resAt = [...at, 'Resources', logicalId];
      const body = r.object(resAt, res);
      const type = r.string([...resAt, 'Type'], body.Type, 'a CloudFormation type (e.g. AWS::SQS::Queue)');
      const properties = r.object([...resAt, 'Properties'], body.Properties);
      const key = formatPath(resAt);
      const draft: ResourceDraft = { logicalId, type, properties, supported: isSupported(type, 'serverless'), at: resAt,
        where: { file: r.src.file, ...positionOf(r.src, resAt), key } };
      if (typeof body.DeletionPolicy === 'string') draft.deletionPolicy = body.DeletionPolicy;
      out.push(draft);
    }
  });
  return out;
}

/** The drafts as planned resources: those of a type Nimbus serves get their intrinsics evaluated and their physical name. */
export function plannedResources(stack: ServerlessStack, drafts: ResourceDraft[]): PlannedResource[] {
  return drafts.map(({ at, ...res }) => (res.supported
    ? { ...res, properties: withPhysicalName(res, stack.resolve(res.properties, [...at, 'Properties']) as Record<string, unknown>, stack) } : res));
}

/** `plugins: [a, b]` or `plugins: {modules: [a, b], localPath}` → one warning each. */
export function pluginWarnings(r: ConfigReader, v: unknown): string[] {
  if (v === undefined || v === null) return [];
  const list = r.isObject(v) ? v.modules ?? [] : v;
  const at = r.isObject(v) ? ['plugins', 'modules'] : ['plugins'];
  if (!Array.isArray(list)) throw r.error(at, `expected a list of plugin names, got ${JSON.stringify(list)}`);
  return list.map((name, i) => `plugin ${r.string([...at, i], name, 'a plugin name')} is not supported and was skipped`);
}
