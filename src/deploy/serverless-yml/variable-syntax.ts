// The text side of serverless variables: finding `${...}` references in a string
// (nested ones included), splitting `source, default, ...` at top-level commas, and
// telling a serverless variable from a CloudFormation `${AWS::Region}` / `${Res}`.

export interface VariableRef {
  /** Offsets of `${` and one past the closing `}` in the text. */
  start: number;
  end: number;
  /** The text between `${` and `}` (may contain nested `${...}`). */
  inner: string;
}

/** `self:`, `env:`, `file(`, ... but not `AWS::Region` nor a plain `${Resource}`. */
export function isVariableContent(inner: string): boolean {
  return /^\s*[a-zA-Z][a-zA-Z0-9]*(\(|:(?!:))/.test(inner);
}

/** The outermost serverless variables in text, in order. */
export function findVariables(text: string): VariableRef[] {
  const out: VariableRef[] = [];
  let i = 0;
  while (i < text.length) {
    const start = text.indexOf('${', i);
    if (start < 0) break;
    const end = matchingBrace(text, start + 2);
    if (end < 0) break;
    const inner = text.slice(start + 2, end);
    if (isVariableContent(inner)) {
      out.push({ start, end: end + 1, inner });
      i = end + 1;
    } else i = start + 2;
  }
  return out;
}

/** Offset of the `}` closing a `${` whose content starts at `from`, or -1. */
function matchingBrace(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  return -1;
}

/** Splits `env:X, 'a, b', ${self:y}` at commas outside quotes, parentheses and `${}`. */
export function splitTopLevel(inner: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let current = '';
  for (const c of inner) {
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '{' || c === '(') depth++;
    else if (c === '}' || c === ')') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(current.trim());
      current = '';
      continue;
    }
    current += c;
  }
  parts.push(current.trim());
  return parts;
}

/** A quoted literal's text, or undefined when `text` is not one quoted string. */
export function unquote(text: string): string | undefined {
  const m = /^(['"])([\s\S]*)\1$/.exec(text);
  return m ? m[2] : undefined;
}

/** Splits `file(./x.yml):a.b` into its parts; `type` is `file`, `self`, `env`, .... */
export function parseAddress(address: string): { type: string; arg?: string; rest: string } {
  const m = /^\s*([a-zA-Z][a-zA-Z0-9]*)(?:\(([^)]*)\))?:?([\s\S]*)$/.exec(address);
  if (!m) return { type: '', rest: address };
  return { type: m[1], arg: m[2]?.trim(), rest: m[3].trim() };
}
