// Reads one YAML (or JSON) file into plain data plus a map from key path to the line
// and column where each value starts, so later errors can point into the file.
// CloudFormation short tags (`!Ref X`, `!GetAtt A.B`, `!Sub ...`) become their long
// form (`{Ref: X}`, `{'Fn::GetAtt': [A, B]}`, `{'Fn::Sub': ...}`).

import { readFileSync } from 'node:fs';
import { Document, isAlias, isMap, isScalar, isSeq } from 'yaml';
import type { Node } from 'yaml';
import type { SourcePos } from '../deploy-error';
import { formatPath, parseWithPositions, type KeyPath } from '../yaml-document';

export { formatPath, type KeyPath } from '../yaml-document';

export interface YamlSource {
  /** The file relative to the service directory, for messages. */
  file: string;
  value: unknown;
  /** formatPath(path) → where that value (or, failing that, its key) starts. */
  positions: Map<string, SourcePos>;
}

export function readYamlFile(absPath: string, file: string): YamlSource {
  return parseYaml(readFileSync(absPath, 'utf8'), file);
}

export function parseYaml(text: string, file: string): YamlSource {
  const { doc, at } = parseWithPositions(text, file);
  const positions = new Map<string, SourcePos>();
  const value = toPlain(doc, doc.contents as Node | null, [], positions, at);
  return { file, value, positions };
}

const CFN_TAGS: Record<string, string> = { '!Ref': 'Ref', '!Condition': 'Condition' };

function toPlain(
  doc: Document,
  node: Node | null,
  path: (string | number)[],
  positions: Map<string, SourcePos>,
  at: (o: number | undefined) => SourcePos | undefined,
): unknown {
  if (node === null || node === undefined) return null;
  // A value under a key is located at its key (set by the parent); items at themselves.
  const pos = at(node.range?.[0]);
  if (pos && !positions.has(formatPath(path))) positions.set(formatPath(path), pos);
  if (isAlias(node)) return toPlain(doc, node.resolve(doc) as Node, path, positions, at);
  let value: unknown;
  if (isMap(node)) {
    const obj: Record<string, unknown> = {};
    for (const pair of node.items) {
      const keyNode = pair.key as Node | null;
      const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
      const childPath = [...path, key];
      const keyPos = at(keyNode?.range?.[0]);
      if (keyPos) positions.set(formatPath(childPath), keyPos);
      const child = toPlain(doc, pair.value as Node | null, childPath, positions, at);
      if (key === '<<' && child && typeof child === 'object') {
        for (const src of Array.isArray(child) ? child : [child]) Object.assign(obj, src, obj);
      } else obj[key] = child;
    }
    value = obj;
  } else if (isSeq(node)) {
    value = node.items.map((item, i) => toPlain(doc, item as Node, [...path, i], positions, at));
  } else if (isScalar(node)) {
    value = node.value;
  } else value = null;
  const tag = node.tag;
  if (tag && tag.startsWith('!') && !tag.startsWith('!!')) {
    if (CFN_TAGS[tag]) return { [CFN_TAGS[tag]]: value };
    const fn = `Fn::${tag.slice(1)}`;
    if (fn === 'Fn::GetAtt' && typeof value === 'string') {
      const dot = value.indexOf('.');
      return { [fn]: dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)] };
    }
    return { [fn]: value };
  }
  return value;
}

/** Where path (or its nearest located ancestor) starts in src. */
export function positionOf(src: YamlSource, path: KeyPath): { line?: number; column?: number } {
  for (let n = path.length; n >= 0; n--) {
    const pos = src.positions.get(formatPath(path.slice(0, n)));
    if (pos) return pos;
  }
  return {};
}
