// Matches a request to an operation by HTTP method and the model's requestUri; path
// labels ({FunctionName}, {Name}) are one URL-decoded segment each. A trailing slash is
// ignored (ListFunctions is often called as /2015-03-31/functions/). A requestUri with a
// fixed query (`?List=ALL`) needs that pair in the request's query.
import type { Operation } from './operation';

export interface RouteMatch { op: Operation; params: Record<string, string> }

/** `required`: query pairs the model's requestUri fixes (`?List=ALL`). */
interface Route { op: Operation; segments: string[]; required: [string, string][] }

export class Router {
  private routes: Route[];

  constructor(ops: readonly Operation[]) {
    // Routes that fix a query pair are tried first, so `...?List=ALL` wins over the bare path.
    this.routes = ops.map((op) => {
      const [path, query = ''] = op.path.split('?');
      return { op, segments: split(path), required: [...new URLSearchParams(query)] };
    }).sort((a, b) => b.required.length - a.required.length);
  }

  match(method: string, pathname: string, query: URLSearchParams = new URLSearchParams()): RouteMatch | undefined {
    const parts = split(pathname);
    for (const { op, segments, required } of this.routes) {
      if (op.method !== method || segments.length !== parts.length) continue;
      if (!required.every(([k, v]) => query.get(k) === v)) continue;
      const params: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < segments.length && ok; i++) {
        const s = segments[i];
        if (s.startsWith('{') && s.endsWith('}')) {
          const value = decode(parts[i]);
          if (value === undefined || value === '') ok = false;
          else params[s.slice(1, -1)] = value;
        } else ok = s === parts[i];
      }
      if (ok) return { op, params };
    }
    return undefined;
  }
}

const split = (path: string): string[] => path.split('/').filter((s) => s !== '');

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
