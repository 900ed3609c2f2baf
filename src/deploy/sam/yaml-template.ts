// Reads a SAM template (YAML or JSON) into plain data plus a map from key path to the
// line and column where each value starts, so later errors can point into the file.
// CloudFormation short forms are declared as custom tags (so the parser accepts them)
// and turned into their long forms: `!Ref X` → {Ref: X}, `!GetAtt A.B` →
// {'Fn::GetAtt': [A, B]}, `!Sub s` → {'Fn::Sub': s}, `!Condition C` → {Condition: C}.

import { isAlias, isMap, isScalar, isSeq } from 'yaml';
import type { Document, Node, Tags } from 'yaml';
import type { SourcePos } from '../deploy-error';
import { formatPath, parseWithPositions } from '../yaml-document';

export { formatPath, type KeyPath } from '../yaml-document';

export interface TemplateSource {
  file: string;
  value: unknown;
  /** formatPath(path) → where that value (or its key) starts. */
  positions: Map<string, SourcePos>;
}

const SHORT_FORMS = ['Ref', 'GetAtt', 'Sub', 'Join', 'Select', 'Split', 'If', 'Equals', 'Not', 'And', 'Or',
  'FindInMap', 'Base64', 'ImportValue', 'GetAZs', 'Condition', 'Cidr', 'Transform', 'Length', 'ToJsonString'];

/** Each short form as a scalar, sequence and mapping tag that keeps its node as parsed. */
const CUSTOM_TAGS: Tags = SHORT_FORMS.flatMap((name) => [
  { tag: `!${name}`, resolve: (s: string) => s },
  { tag: `!${name}`, collection: 'seq' as const, resolve: (n: unknown) => n as never },
  { tag: `!${name}`, collection: 'map' as const, resolve: (n: unknown) => n as never },
]) as Tags;

export function parseTemplate(text: string, file: string): TemplateSource {
  const { doc, at } = parseWithPositions(text, file, CUSTOM_TAGS);
  const positions = new Map<string, SourcePos>();
  const walk = (node: Node | null, path: (string | number)[]): unknown => {
    if (node === null || node === undefined) return null;
    const pos = at(node.range?.[0]);
    if (pos && !positions.has(formatPath(path))) positions.set(formatPath(path), pos);
    if (isAlias(node)) return walk(node.resolve(doc as Document) as Node, path);
    let value: unknown = null;
    if (isMap(node)) {
      const obj: Record<string, unknown> = {};
      for (const pair of node.items) {
        const keyNode = pair.key as Node | null;
        const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
        const keyPos = at(keyNode?.range?.[0]);
        if (keyPos) positions.set(formatPath([...path, key]), keyPos);
        obj[key] = walk(pair.value as Node | null, [...path, key]);
      }
      value = obj;
    } else if (isSeq(node)) {
      value = node.items.map((item, i) => walk(item as Node, [...path, i]));
    } else if (isScalar(node)) value = node.value;
    return longForm(node.tag, value);
  };
  return { file, value: walk(doc.contents as Node | null, []), positions };
}

function longForm(tag: string | undefined, value: unknown): unknown {
  if (!tag || !tag.startsWith('!') || tag.startsWith('!!')) return value;
  const name = tag.slice(1);
  if (name === 'Ref' || name === 'Condition') return { [name]: value };
  if (name === 'GetAtt' && typeof value === 'string') {
    const dot = value.indexOf('.');
    return { 'Fn::GetAtt': dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)] };
  }
  return { [`Fn::${name}`]: value };
}
