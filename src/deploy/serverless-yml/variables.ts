// Resolves serverless variables over a parsed serverless.yml: `${self:a.b}`,
// `${sls:stage}`, `${opt:stage|region}`, `${env:X}`, `${file(./x.yml):a.b}`,
// `${aws:region|accountId}`, `${param:x}`, with defaults (`${env:X, 'dev'}`),
// nesting (`${self:custom.${sls:stage}.x}`) and interpolation inside strings. A value
// that is exactly one variable keeps the variable's type. Cycles are errors.

import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { DeployError, show } from '../deploy-error';
import { Found, lookupSource } from './variable-sources';
import { findVariables, splitTopLevel, unquote } from './variable-syntax';
import { KeyPath, YamlSource, formatPath, positionOf, readYamlFile } from './yaml-source';

export interface VariableOptions {
  dir: string;
  stage?: string;
  region?: string;
  env: Record<string, string | undefined>;
  accountId: string;
  params?: Record<string, string>;
}

export class VariableResolver {
  private readonly memo = new Map<string, unknown>();
  private readonly stack: { key: string; label: string }[] = [];
  private readonly files = new Map<string, YamlSource | null>();

  constructor(private readonly main: YamlSource, readonly opts: VariableOptions) {}

  get mainFile(): string {
    return this.main.file;
  }

  /** The whole configuration, every variable resolved. */
  resolveAll(): unknown {
    return this.resolveTree(this.main, this.main.value, []);
  }

  stage(): string {
    const v = this.opts.stage ?? this.self('provider.stage') ?? 'dev';
    return String(v);
  }

  region(): string {
    return String(this.opts.region ?? this.self('provider.region') ?? 'us-east-1');
  }

  private resolveTree(src: YamlSource, node: unknown, path: KeyPath): unknown {
    if (typeof node === 'string') return this.resolveString(src, node, path);
    if (Array.isArray(node)) return node.map((v, i) => this.resolveTree(src, v, [...path, i]));
    if (node && typeof node === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(node)) out[k] = this.resolveTree(src, v, [...path, k]);
      return out;
    }
    return node;
  }

  /** One string value of the tree; memoised per location, with cycle detection. */
  private resolveString(src: YamlSource, text: string, path: KeyPath): unknown {
    if (findVariables(text).length === 0) return text;
    const key = `${src.file}\0${formatPath(path)}`;
    if (this.memo.has(key)) return this.memo.get(key);
    const label = src === this.main ? formatPath(path) : `${src.file}:${formatPath(path)}`;
    if (this.stack.some((s) => s.key === key)) {
      const from = this.stack.findIndex((s) => s.key === key);
      const chain = [...this.stack.slice(from).map((s) => s.label), label].join(' → ');
      throw this.error(src, path, `variable cycle: ${chain}`);
    }
    this.stack.push({ key, label });
    try {
      const value = this.interpolate(src, text, path);
      this.memo.set(key, value);
      return value;
    } finally {
      this.stack.pop();
    }
  }

  /** Text with its variables replaced; exactly one variable keeps its value's type. */
  private interpolate(src: YamlSource, text: string, path: KeyPath): unknown {
    const refs = findVariables(text);
    if (refs.length === 1 && refs[0].start === 0 && refs[0].end === text.length) {
      return this.evaluate(src, refs[0].inner, path);
    }
    let out = '';
    let at = 0;
    for (const ref of refs) {
      const value = this.evaluate(src, ref.inner, path);
      if (value !== null && typeof value === 'object') {
        throw this.error(src, path, `variable \${${ref.inner}} is an object (${show(value)}) and cannot be part of a string`);
      }
      out += text.slice(at, ref.start) + String(value);
      at = ref.end;
    }
    return out + text.slice(at);
  }

  /** `source, default, ...` → the first value found. */
  private evaluate(src: YamlSource, inner: string, path: KeyPath): unknown {
    const [first, ...defaults] = splitTopLevel(inner);
    const address = String(this.interpolate(src, first, path));
    const found = lookupSource(address, this, src, path);
    if ('value' in found && found.value !== undefined && found.value !== null) return found.value;
    for (const d of defaults) {
      const value = this.evaluateDefault(src, d, path);
      if (value !== undefined && value !== null) return value;
    }
    const why = 'missing' in found ? found.missing : `${address} resolved to null`;
    throw this.error(src, path, `cannot resolve variable \${${inner}}: ${why}`);
  }

  private evaluateDefault(src: YamlSource, text: string, path: KeyPath): unknown {
    const quoted = unquote(text);
    if (quoted !== undefined) return this.interpolate(src, quoted, path);
    if (findVariables(text).length > 0) return this.interpolate(src, text, path);
    if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
    if (text === 'true' || text === 'false') return text === 'true';
    if (/^(self|sls|opt|env|aws|param|file)[:(]/.test(text)) {
      const found = lookupSource(text, this, src, path);
      return 'value' in found ? found.value : undefined;
    }
    return text;
  }

  /** `self:a.b` — resolves only what the path goes through, so siblings cannot form false cycles. */
  self(dotted: string): unknown {
    const segs = dotted === '' ? [] : dotted.split('.');
    let node: unknown = this.main.value;
    const path: (string | number)[] = [];
    let raw = true;
    for (const seg of segs) {
      if (raw && typeof node === 'string') {
        node = this.resolveString(this.main, node, path);
        raw = false;
      }
      if (node === null || typeof node !== 'object' || !(seg in node)) return undefined;
      path.push(Array.isArray(node) ? Number(seg) : seg);
      node = (node as Record<string, unknown>)[seg];
    }
    return raw ? this.resolveTree(this.main, node, path) : node;
  }

  param(name: string): unknown {
    const fromCli = this.opts.params?.[name];
    if (fromCli !== undefined) return fromCli;
    const stage = this.stage();
    for (const at of [`params.${stage}.${name}`, `stages.${stage}.params.${name}`, `params.default.${name}`, `stages.default.params.${name}`]) {
      const v = this.self(at);
      if (v !== undefined) return v;
    }
    return undefined;
  }

  fromFile(target: string, dotted: string, src: YamlSource, path: KeyPath): Found {
    const abs = resolve(this.opts.dir, target);
    if (/\.(js|cjs|mjs|ts)$/.test(abs)) throw this.error(src, path, `file(${target}): JavaScript files are not supported, use YAML or JSON`);
    let file = this.files.get(abs);
    if (file === undefined) {
      file = existsSync(abs) ? readYamlFile(abs, relative(this.opts.dir, abs) || target) : null;
      this.files.set(abs, file);
    }
    if (file === null) return { missing: `file ${target} does not exist` };
    let node = this.resolveTree(file, file.value, []);
    for (const seg of dotted === '' ? [] : dotted.split('.')) {
      if (node === null || typeof node !== 'object' || !(seg in node)) return { missing: `no value at ${dotted} in ${file.file}` };
      node = (node as Record<string, unknown>)[seg];
    }
    return { value: node };
  }

  error(src: YamlSource, path: KeyPath, detail: string): DeployError {
    return new DeployError(detail, { file: src.file, ...positionOf(src, path), key: formatPath(path) || undefined });
  }
}
