// ProjectionExpression (and AttributesToGet): which document paths to return, and the item
// cut down to them. Nested paths keep their map structure; list elements picked by index
// come back in index order, packed together.
import { checkPaths, getPath, parsePath } from './document-paths';
import type { AttributeValue, DocumentPath, ExpressionInput, Item, Parsed } from './model';
import { Semantics, checkText, validateExpressionInput } from './semantics';
import { TokenCursor } from './tokens';

export function parseProjection(text: string, input: ExpressionInput): Parsed<DocumentPath[]> {
  validateExpressionInput(input);
  checkText('ProjectionExpression', text);
  const c = new TokenCursor(text, 'ProjectionExpression', new Set());
  const raw = [parsePath(c)];
  while (c.acceptPunct(',')) raw.push(parsePath(c));
  c.expectEnd();
  const s = new Semantics('ProjectionExpression', input, ['reserved', 'name', 'overlap', 'conflict']);
  const paths = raw.map((p) => s.path(p));
  checkPaths(paths, (category, message) => s.report(category, message));
  s.finish();
  return { ast: paths, usedNames: s.usedNames, usedValues: s.usedValues };
}

export function legacyProjection(names: string[]): DocumentPath[] {
  return names.map((n) => [n]);
}

/** Sparse lists while building, packed at the end. */
type Draft = { M?: Record<string, Draft>; L?: Map<number, Draft>; value?: AttributeValue };

function place(draft: Draft, path: DocumentPath, value: AttributeValue): void {
  let node = draft;
  path.forEach((e, i) => {
    const last = i === path.length - 1;
    let child: Draft;
    if (typeof e === 'number') {
      node.L ??= new Map();
      child = node.L.get(e) ?? {};
      node.L.set(e, child);
    } else {
      node.M ??= {};
      child = node.M[e] ?? {};
      node.M[e] = child;
    }
    if (last) child.value = value;
    node = child;
  });
}

function finish(d: Draft): AttributeValue {
  if (d.value) return d.value;
  if (d.L) return { L: [...d.L.entries()].sort((a, b) => a[0] - b[0]).map(([, v]) => finish(v)) };
  return { M: Object.fromEntries(Object.entries(d.M ?? {}).map(([k, v]) => [k, finish(v)])) };
}

export function project(item: Item, paths: DocumentPath[]): Item {
  const root: Draft = {};
  for (const p of paths) {
    const v = getPath(item, p);
    if (v !== undefined) place(root, p, v);
  }
  return finish(root).M ?? {};
}
