// Typed reads of the resolved serverless.yml: each getter checks the value's type and
// throws a DeployError naming file, line, column and key path; unknown keys become an
// error when they look like a typo of a known key, else a warning.

import { DeployError, show, suggestKey } from '../deploy-error';
import { KeyPath, YamlSource, formatPath, positionOf } from './yaml-source';

export type Obj = Record<string, unknown>;

export class ConfigReader {
  constructor(readonly src: YamlSource, readonly warnings: string[]) {}

  error(path: KeyPath, detail: string): DeployError {
    return new DeployError(detail, { file: this.src.file, ...positionOf(this.src, path), key: formatPath(path) || undefined });
  }

  isObject(v: unknown): v is Obj {
    return v !== null && typeof v === 'object' && !Array.isArray(v);
  }

  /** A map (absent → {}), its keys checked against `known` when given. */
  object(path: KeyPath, v: unknown, known?: readonly string[]): Obj {
    if (v === undefined || v === null) return {};
    if (!this.isObject(v)) throw this.error(path, `expected a map of keys, got ${show(v)}`);
    if (known) this.checkKeys(path, v, known);
    return v;
  }

  checkKeys(path: KeyPath, obj: Obj, known: readonly string[]): void {
    for (const key of Object.keys(obj)) {
      if (known.includes(key)) continue;
      const guess = suggestKey(key, known);
      if (guess) throw this.error([...path, key], `unknown key "${key}"; did you mean "${guess}"?`);
      this.warnings.push(`${this.src.file}: unknown key ${formatPath([...path, key])} was ignored`);
    }
  }

  optString(path: KeyPath, v: unknown): string | undefined {
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    if (typeof v !== 'string') throw this.error(path, `expected a string, got ${show(v)}`);
    return v;
  }

  string(path: KeyPath, v: unknown, what = 'a string'): string {
    const s = this.optString(path, v);
    if (s === undefined || s === '') throw this.error(path, `is required: expected ${what}`);
    return s;
  }

  /** An integer in [min, max]; numeric strings (from `${env:...}`) are accepted. */
  optInt(path: KeyPath, v: unknown, min: number, max: number, what: string): number | undefined {
    if (v === undefined || v === null) return undefined;
    const n = typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : v;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) {
      throw this.error(path, `expected ${what} (${min}-${max}), got ${show(v)}`);
    }
    return n;
  }

  optBool(path: KeyPath, v: unknown): boolean | undefined {
    if (v === undefined || v === null) return undefined;
    if (v === 'true' || v === 'false') return v === 'true';
    if (typeof v !== 'boolean') throw this.error(path, `expected true or false, got ${show(v)}`);
    return v;
  }

  /** A string or a list of strings, as a list. */
  stringList(path: KeyPath, v: unknown): string[] | undefined {
    if (v === undefined || v === null) return undefined;
    const list = Array.isArray(v) ? v : [v];
    return list.map((item, i) => this.string(Array.isArray(v) ? [...path, i] : path, item));
  }

  /** `environment:` — a map of names to strings; numbers and booleans are stringified. */
  environment(path: KeyPath, v: unknown, intrinsic?: (value: unknown, path: KeyPath) => string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(this.object(path, v))) {
      if (this.isObject(value) && intrinsic) out[name] = intrinsic(value, [...path, name]);
      else if (this.isObject(value)) {
        const fn = Object.keys(value)[0] ?? 'object';
        this.warnings.push(`${formatPath([...path, name])} uses the CloudFormation intrinsic ${fn}, which is not yet supported; it was set to ""`);
        out[name] = '';
      } else out[name] = this.optString([...path, name], value) ?? '';
    }
    return out;
  }
}
