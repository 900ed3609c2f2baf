// The PartiQL lexer: bare and "double-quoted" identifiers, 'single-quoted' strings ('' is a
// quote), numbers, `?` parameters, punctuation (<< >> bags among it), `--` line and `/* */`
// block comments. Errors are DynamoDB's ValidationException text; positions are kept so
// messages can say `line:column`. Pure.
import { ValidationException } from '../errors';

export type TokenKind = 'word' | 'quoted' | 'string' | 'number' | 'punct' | 'param' | 'eof';
export interface Token { kind: TokenKind; text: string; pos: number }

const PUNCT2 = ['<>', '!=', '<=', '>=', '<<', '>>', '||'];
const PUNCT1 = '=<>()[]{},.:*+-;';

export const malformed = (detail: string) => new ValidationException(`Statement wasn't well formed, can't be processed: ${detail}`);

/** `line:column` (1-based) of an offset in the statement. */
export function lineColumn(src: string, pos: number): string {
  const before = src.slice(0, pos).split('\n');
  return `${before.length}:${before[before.length - 1].length + 1}`;
}

function quoted(src: string, i: number, q: string): { text: string; end: number } {
  let text = '';
  let j = i + 1;
  for (;;) {
    if (j >= src.length) throw malformed(q === "'" ? 'Unterminated string literal' : 'Unterminated quoted identifier');
    if (src[j] === q) {
      if (src[j + 1] === q) { text += q; j += 2; continue; }
      return { text, end: j + 1 };
    }
    text += src[j++];
  }
}

export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) { i++; continue; }
    if (src.startsWith('--', i)) { const nl = src.indexOf('\n', i); i = nl < 0 ? src.length : nl + 1; continue; }
    if (src.startsWith('/*', i)) {
      const close = src.indexOf('*/', i + 2);
      if (close < 0) throw malformed('Unterminated comment');
      i = close + 2;
      continue;
    }
    if (c === "'" || c === '"') {
      const q = quoted(src, i, c);
      out.push({ kind: c === "'" ? 'string' : 'quoted', text: q.text, pos: i });
      i = q.end;
      continue;
    }
    const num = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/.exec(src.slice(i, i + 64));
    if (num && /[\d.]/.test(c)) { out.push({ kind: 'number', text: num[0], pos: i }); i += num[0].length; continue; }
    const word = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(src.slice(i, i + 1024));
    if (word) { out.push({ kind: 'word', text: word[0], pos: i }); i += word[0].length; continue; }
    if (c === '?') { out.push({ kind: 'param', text: '?', pos: i }); i++; continue; }
    const two = src.slice(i, i + 2);
    if (PUNCT2.includes(two)) { out.push({ kind: 'punct', text: two, pos: i }); i += 2; continue; }
    if (PUNCT1.includes(c)) { out.push({ kind: 'punct', text: c, pos: i }); i++; continue; }
    throw malformed(`Unexpected character '${c}' at ${lineColumn(src, i)}`);
  }
  out.push({ kind: 'eof', text: '<EOF>', pos: src.length });
  return out;
}

/** A cursor over the tokens; keywords match bare words case-insensitively. */
export class Cursor {
  private i = 0;
  params = 0;
  constructor(readonly src: string, private readonly toks: Token[]) {}

  peek(ahead = 0): Token { return this.toks[Math.min(this.i + ahead, this.toks.length - 1)]; }
  next(): Token { const t = this.peek(); if (t.kind !== 'eof') this.i++; return t; }
  isWord(w: string, ahead = 0): boolean { const t = this.peek(ahead); return t.kind === 'word' && t.text.toUpperCase() === w; }
  isPunct(p: string, ahead = 0): boolean { const t = this.peek(ahead); return t.kind === 'punct' && t.text === p; }
  acceptWord(w: string): boolean { if (!this.isWord(w)) return false; this.i++; return true; }
  acceptPunct(p: string): boolean { if (!this.isPunct(p)) return false; this.i++; return true; }
  expectWord(w: string): void { if (!this.acceptWord(w)) throw this.unexpected(); }
  expectPunct(p: string): void { if (!this.acceptPunct(p)) throw this.unexpected(); }
  unexpected(t: Token = this.peek()): InstanceType<typeof ValidationException> {
    if (t.kind === 'eof') return malformed('Unexpected end of statement');
    const shown = t.kind === 'string' ? `'${t.text}'` : t.kind === 'quoted' ? `"${t.text}"` : t.text;
    return malformed(`Unexpected token ${shown} at ${lineColumn(this.src, t.pos)}`);
  }
  /** The end: an optional `;`, then nothing. */
  expectEnd(): void {
    this.acceptPunct(';');
    if (this.peek().kind !== 'eof') throw malformed('Unexpected token after expression');
  }
}
