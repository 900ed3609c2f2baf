// Route matching for user HTTP APIs, as API Gateway does it. Routes are compiled into a
// segment trie (one per REST stage prefix, one for all HTTP APIs), so a request walks its
// own path once instead of testing every route. At each segment a literal child beats a
// `{param}` child, which beats a greedy `{proxy+}`; a dead end backtracks to the next
// less specific choice. A method route beats `ANY` on the same node; HTTP APIs fall back
// to `$default`. REST APIs live under `/<stage>/...` and answer a miss with 403
// `Missing Authentication Token`; HTTP APIs answer 404 `Not Found`.
import type { PlannedRoute } from '../../deploy/plan';

export interface RouteEntry {
  route: PlannedRoute;
  /** The deployed function that serves the route. */
  functionName: string;
}

export interface RouteMatch {
  entry: RouteEntry;
  /** Decoded values by name (greedy names without `+`); null when the route has none. */
  pathParameters: Record<string, string> | null;
  /** The route template: `/users/{id}`, `/{proxy+}`, or `$default`. */
  resourcePath: string;
  /** `GET /users/{id}`, `ANY /{proxy+}` or `$default` (HTTP API routeKey). */
  routeKey: string;
  /** The request path without the REST stage prefix (`/users/7`); equals rawPath for HTTP APIs. */
  path: string;
  /** The request path as received, stage included (`/dev/users/7`): REST requestContext.path. */
  stagePath: string;
}

export type RouteMiss = { error: 'not-found' | 'missing-auth-token' };

interface Target { entry: RouteEntry; paramNames: string[] }
interface TrieNode {
  literal: Map<string, TrieNode>;
  param?: TrieNode;
  greedy?: Map<string, Target>; // method (or ANY) → target; greedy is always last
  methods: Map<string, Target>;
}

const newNode = (): TrieNode => ({ literal: new Map(), methods: new Map() });
const describe = (e: RouteEntry) => `${e.route.apiId} ${e.route.method} ${e.route.path} (${e.functionName})`;

function splitPath(path: string): string[] {
  const out: string[] = [];
  for (const s of path.split('/')) if (s !== '') out.push(s);
  return out;
}

function decode(segment: string): string {
  if (segment.indexOf('%') < 0) return segment;
  try { return decodeURIComponent(segment); } catch { return segment; }
}

function put(methods: Map<string, Target>, method: string, target: Target): void {
  const prev = methods.get(method);
  if (prev) throw new Error(`Route collision: ${describe(prev.entry)} and ${describe(target.entry)} match the same requests`);
  methods.set(method, target);
}

export class RouteTable {
  private readonly http = newNode();
  private httpDefault?: Target;
  private readonly stages = new Map<string, TrieNode>();

  constructor(entries: readonly RouteEntry[]) {
    for (const entry of entries) this.add(entry);
  }

  private add(entry: RouteEntry): void {
    const { route } = entry;
    const method = route.method.toUpperCase();
    if (route.path === '$default') {
      if (route.kind !== 'http') throw new Error(`Route ${describe(entry)}: $default exists only on HTTP APIs`);
      if (this.httpDefault) throw new Error(`Route collision: ${describe(this.httpDefault.entry)} and ${describe(entry)} are both $default`);
      this.httpDefault = { entry, paramNames: [] };
      return;
    }
    let node = this.http;
    if (route.kind === 'rest') {
      node = this.stages.get(route.stage) ?? newNode();
      this.stages.set(route.stage, node);
    }
    const segments = splitPath(route.path);
    const paramNames: string[] = [];
    for (let i = 0; i < segments.length; i++) {
      const s = segments[i];
      if (s.startsWith('{') && s.endsWith('+}')) {
        if (i !== segments.length - 1) throw new Error(`Route ${describe(entry)}: a greedy {${s.slice(1, -2)}+} must be the last segment`);
        paramNames.push(s.slice(1, -2));
        node.greedy ??= new Map();
        put(node.greedy, method, { entry, paramNames });
        return;
      }
      if (s.startsWith('{') && s.endsWith('}')) {
        paramNames.push(s.slice(1, -1));
        node = node.param ??= newNode();
      } else {
        let next = node.literal.get(s);
        if (!next) node.literal.set(s, (next = newNode()));
        node = next;
      }
    }
    put(node.methods, method, { entry, paramNames });
  }

  match(method: string, rawPath: string): RouteMatch | RouteMiss {
    const m = method.toUpperCase();
    const segments = splitPath(rawPath).map(decode);
    if (segments.length > 0 && this.stages.size > 0) {
      const stageRoot = this.stages.get(segments[0]);
      if (stageRoot) {
        const rest = segments.slice(1);
        const values: string[] = [];
        const target = walk(stageRoot, rest, 0, m, values);
        if (target) {
          const cut = rawPath.indexOf('/', 1);
          return result(target, values, cut < 0 ? '/' : rawPath.slice(cut), rawPath);
        }
        return { error: 'missing-auth-token' };
      }
    }
    const values: string[] = [];
    const target = walk(this.http, segments, 0, m, values) ?? this.httpDefault;
    if (target) return result(target, target === this.httpDefault ? [] : values, rawPath, rawPath);
    return { error: this.hasHttp() ? 'not-found' : 'missing-auth-token' };
  }

  private hasHttp(): boolean {
    return this.httpDefault !== undefined || this.http.literal.size > 0 || this.http.param !== undefined ||
      this.http.greedy !== undefined || this.http.methods.size > 0;
  }
}

function pick(methods: Map<string, Target> | undefined, method: string): Target | undefined {
  return methods && (methods.get(method) ?? methods.get('ANY'));
}

/** Depth-first: literal, then param, then greedy, backtracking; `values` collects param values. */
function walk(node: TrieNode, segs: string[], i: number, method: string, values: string[]): Target | undefined {
  if (i === segs.length) return pick(node.methods, method);
  const lit = node.literal.get(segs[i]);
  if (lit) {
    const t = walk(lit, segs, i + 1, method, values);
    if (t) return t;
  }
  if (node.param) {
    values.push(segs[i]);
    const t = walk(node.param, segs, i + 1, method, values);
    if (t) return t;
    values.pop();
  }
  const g = pick(node.greedy, method);
  if (g) values.push(segs.slice(i).join('/'));
  return g;
}

function result(target: Target, values: string[], path: string, stagePath: string): RouteMatch {
  const { route } = target.entry;
  let pathParameters: Record<string, string> | null = null;
  if (target.paramNames.length > 0) {
    pathParameters = {};
    for (let k = 0; k < target.paramNames.length; k++) pathParameters[target.paramNames[k]] = values[k];
  }
  const routeKey = route.path === '$default' ? '$default' : `${route.method.toUpperCase()} ${route.path}`;
  return { entry: target.entry, pathParameters, resourcePath: route.path, routeKey, path, stagePath };
}
