// The lexer and token cursor every expression grammar uses. Syntax errors read as
// DynamoDB's: `Syntax error; token: "<tok>", near: "<previous token … next token>"`, with
// `<EOF>` for a premature end.
import { ExpressionSyntaxError, type ExpressionKind } from './errors';

export type TokenKind = 'name' | 'attrName' | 'attrValue' | 'number' | 'punct' | 'invalid' | 'eof';
export interface Token { kind: TokenKind; text: string; start: number; end: number }

const PUNCT2 = ['<>', '<=', '>='];
const PUNCT1 = '=<>()[],.+-';

export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const word = (from: number, re: RegExp) => { let j = from; while (j < src.length && re.test(src[j])) j++; return j; };
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) { i++; continue; }
    let kind: TokenKind, end: number;
    if (/[A-Za-z_]/.test(c)) { kind = 'name'; end = word(i + 1, /[A-Za-z0-9_]/); }
    else if (/[0-9]/.test(c)) { kind = 'number'; end = word(i + 1, /[0-9]/); }
    else if (c === '#' || c === ':') {
      end = word(i + 1, /[A-Za-z0-9_]/);
      kind = end > i + 1 ? (c === '#' ? 'attrName' : 'attrValue') : 'invalid';
    } else if (PUNCT2.includes(src.slice(i, i + 2))) { kind = 'punct'; end = i + 2; }
    else if (PUNCT1.includes(c)) { kind = 'punct'; end = i + 1; }
    else { kind = 'invalid'; end = i + (src.codePointAt(i)! > 0xffff ? 2 : 1); }
    out.push({ kind, text: src.slice(i, end), start: i, end });
    i = end;
  }
  out.push({ kind: 'eof', text: '<EOF>', start: src.length, end: src.length });
  return out;
}

const KEYWORDS = new Set(['AND', 'OR', 'NOT', 'BETWEEN', 'IN', 'SET', 'REMOVE', 'ADD', 'DELETE']);

export class TokenCursor {
  readonly tokens: Token[];
  pos = 0;
  constructor(readonly src: string, readonly kind: ExpressionKind, readonly keywords: ReadonlySet<string> = KEYWORDS) {
    this.tokens = tokenize(src);
  }
  peek(offset = 0): Token { return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)]; }
  next(): Token { const t = this.peek(); if (t.kind !== 'eof') this.pos++; return t; }
  isPunct(text: string, offset = 0): boolean { const t = this.peek(offset); return t.kind === 'punct' && t.text === text; }
  isKeyword(word: string, offset = 0): boolean { const t = this.peek(offset); return t.kind === 'name' && t.text.toUpperCase() === word; }
  /** A name that is not one of the grammar's keywords. */
  isIdentifier(offset = 0): boolean { const t = this.peek(offset); return t.kind === 'name' && !this.keywords.has(t.text.toUpperCase()); }
  acceptPunct(text: string): boolean { if (this.isPunct(text)) { this.pos++; return true; } return false; }
  acceptKeyword(word: string): boolean { if (this.isKeyword(word)) { this.pos++; return true; } return false; }
  expectPunct(text: string): void { if (!this.acceptPunct(text)) throw this.syntaxError(); }
  expectEnd(): void { if (this.peek().kind !== 'eof') throw this.syntaxError(); }

  /** DynamoDB's syntax error at the current token. */
  syntaxError(): ExpressionSyntaxError {
    const bad = this.peek();
    const i = this.tokens.indexOf(bad);
    const before = i > 0 ? this.tokens[i - 1] : undefined;
    const after = bad.kind === 'eof' ? undefined : this.tokens[i + 1];
    const from = before ? before.start : bad.start;
    const to = after && after.kind !== 'eof' ? after.end : bad.kind === 'eof' ? this.src.length : bad.end;
    return new ExpressionSyntaxError(`Invalid ${this.kind}: Syntax error; token: "${bad.text}", near: "${this.src.slice(from, to)}"`, i);
  }

  /** Runs alternatives from the same place; the first success wins, else the error that read furthest. */
  oneOf<T>(...alternatives: (() => T)[]): T {
    const start = this.pos;
    let best: ExpressionSyntaxError | undefined;
    for (const alt of alternatives) {
      this.pos = start;
      try { return alt(); } catch (e) {
        if (!(e instanceof ExpressionSyntaxError)) throw e;
        if (!best || e.at > best.at) best = e;
      }
    }
    throw best!;
  }
}
