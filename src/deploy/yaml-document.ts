// What both project loaders need from the YAML parser: a parsed document, a way to
// turn an offset into line and column, key paths as text, and malformed YAML reported
// as a DeployError at the parser's position.
import { LineCounter, parseDocument, type Document, type Tags } from 'yaml';
import { DeployError, type SourcePos } from './deploy-error';

export type KeyPath = readonly (string | number)[];

/** `functions.hello.events[0].http`, `Resources.Fn.Properties.Events.Api` */
export function formatPath(path: KeyPath): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out ? `.${seg}` : seg;
  return out;
}

export interface ParsedYaml {
  doc: Document;
  /** Line and column (1-based) of an offset in the text. */
  at(offset: number | undefined): SourcePos | undefined;
}

export function parseWithPositions(text: string, file: string, customTags?: Tags): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, ...(customTags ? { customTags } : {}) });
  const at = (offset: number | undefined): SourcePos | undefined => {
    if (offset === undefined) return undefined;
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  if (doc.errors.length > 0) {
    const err = doc.errors[0];
    const detail = err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    throw new DeployError(`invalid YAML: ${detail}`, { file, ...at(err.pos[0]) });
  }
  return { doc, at };
}
