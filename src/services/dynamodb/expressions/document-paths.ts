// Document paths (`a.b[2].#c`): the shared grammar rule, DynamoDB's printed form
// (`[a, b, [2], c]`), the overlap/conflict rule for paths of one expression, and reading
// a path out of an item.
import type { AttributeValue, DocumentPath, Item } from './model';
import type { TokenCursor } from './tokens';

/** A path as written: bare names, `#placeholders`, list indexes. */
export type RawElement = { name: string; placeholder?: boolean } | number;
export type RawPath = RawElement[];

function element(c: TokenCursor): RawElement {
  const t = c.peek();
  if (t.kind === 'attrName') { c.next(); return { name: t.text, placeholder: true }; }
  if (c.isIdentifier()) { c.next(); return { name: t.text }; }
  throw c.syntaxError();
}

export function parsePath(c: TokenCursor): RawPath {
  const path: RawPath = [element(c)];
  for (;;) {
    if (c.acceptPunct('.')) path.push(element(c));
    else if (c.isPunct('[')) {
      c.next();
      const t = c.peek();
      if (t.kind !== 'number') throw c.syntaxError();
      c.next();
      c.expectPunct(']');
      path.push(Number(t.text));
    } else return path;
  }
}

export function pathString(path: DocumentPath): string {
  return `[${path.map((e) => (typeof e === 'number' ? `[${e}]` : e)).join(', ')}]`;
}

/** DynamoDB's message when two paths of one expression overlap or conflict, else undefined. */
export function pathClash(one: DocumentPath, two: DocumentPath): { category: 'overlap' | 'conflict'; message: string } | undefined {
  const n = Math.min(one.length, two.length);
  for (let i = 0; i < n; i++) {
    if (typeof one[i] !== typeof two[i]) {
      return { category: 'conflict', message: `Two document paths conflict with each other; must remove or rewrite one of these paths; path one: ${pathString(one)}, path two: ${pathString(two)}` };
    }
    if (one[i] !== two[i]) return undefined;
  }
  return { category: 'overlap', message: `Two document paths overlap with each other; must remove or rewrite one of these paths; path one: ${pathString(one)}, path two: ${pathString(two)}` };
}

/** Reports the first overlap and the first conflict among paths, in DynamoDB's pairing order. */
export function checkPaths(paths: DocumentPath[], report: (category: string, message: string) => void): void {
  for (let j = 1; j < paths.length; j++) {
    for (let i = 0; i < j; i++) {
      const clash = pathClash(paths[i], paths[j]);
      if (clash) report(clash.category, clash.message);
    }
  }
}

/** The value at a path, or undefined when any step is missing or of the wrong type. */
export function getPath(item: Item | undefined, path: DocumentPath): AttributeValue | undefined {
  if (!item || typeof path[0] !== 'string') return undefined;
  let v: AttributeValue | undefined = Object.prototype.hasOwnProperty.call(item, path[0]) ? item[path[0]] : undefined;
  for (let i = 1; i < path.length && v; i++) {
    const e = path[i];
    if (typeof e === 'number') v = v.L ? v.L[e] : undefined;
    else v = v.M && Object.prototype.hasOwnProperty.call(v.M, e) ? v.M[e] : undefined;
  }
  return v;
}
