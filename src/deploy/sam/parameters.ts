// Template `Parameters`: each parameter's value is the override (sam deploy
// --parameter-overrides) or its Default, checked against Type (String, Number,
// CommaDelimitedList, List<Number>, AWS-specific types as strings), AllowedValues,
// AllowedPattern, Min/MaxLength and Min/MaxValue. List types Ref to a list of strings.

import { suggestKey, show } from '../deploy-error';
import type { KeyPath } from './yaml-template';

export type Fail = (detail: string, path: KeyPath) => never;
export type ParameterValue = string | string[];

function isMap(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

export function resolveParameters(decl: unknown, overrides: Record<string, string>, fail: Fail): Map<string, ParameterValue> {
  const out = new Map<string, ParameterValue>();
  if (decl === undefined || decl === null) decl = {};
  if (!isMap(decl)) return fail(`expected a map of parameters, got ${show(decl)}`, ['Parameters']);
  for (const name of Object.keys(overrides)) {
    if (!(name in decl)) {
      const hint = suggestKey(name, Object.keys(decl));
      fail(`parameter override "${name}" is not declared in Parameters${hint ? ` (did you mean "${hint}"?)` : ''}`, ['Parameters']);
    }
  }
  for (const [name, spec] of Object.entries(decl)) {
    const at = ['Parameters', name];
    if (!isMap(spec)) return fail(`expected a parameter declaration (a map with Type), got ${show(spec)}`, at);
    const type = spec.Type;
    if (typeof type !== 'string') return fail(`parameter needs a Type (String, Number, CommaDelimitedList, ...)`, [...at, 'Type']);
    const given = name in overrides ? overrides[name] : spec.Default;
    const where: KeyPath = name in overrides ? at : [...at, 'Default'];
    if (given === undefined || given === null) {
      return fail(`parameter ${name} has no Default and no override was given`, at);
    }
    const text = Array.isArray(given) ? given.join(',') : String(given);
    checkConstraints(name, text, type, spec, where, fail);
    const isList = type === 'CommaDelimitedList' || type.startsWith('List<');
    out.set(name, isList ? (text === '' ? [] : text.split(',')) : text);
  }
  return out;
}

function checkConstraints(name: string, text: string, type: string, spec: Record<string, unknown>, at: KeyPath, fail: Fail): void {
  const items = type === 'CommaDelimitedList' || type.startsWith('List<') ? text.split(',') : [text];
  for (const item of items) {
    if (type === 'Number' || type === 'List<Number>') {
      if (item.trim() === '' || !Number.isFinite(Number(item))) fail(`parameter ${name} (${type}) expects a number, got ${show(item)}`, at);
      const n = Number(item);
      if (typeof spec.MinValue === 'number' && n < spec.MinValue) fail(`parameter ${name} must be at least ${spec.MinValue}, got ${item}`, at);
      if (typeof spec.MaxValue === 'number' && n > spec.MaxValue) fail(`parameter ${name} must be at most ${spec.MaxValue}, got ${item}`, at);
    }
    if (Array.isArray(spec.AllowedValues) && !spec.AllowedValues.map(String).includes(item)) {
      fail(`parameter ${name} must be one of AllowedValues [${spec.AllowedValues.map(String).join(', ')}], got ${show(item)}`, at);
    }
  }
  if (typeof spec.AllowedPattern === 'string' && !new RegExp(`^(?:${spec.AllowedPattern})$`).test(text)) {
    fail(`parameter ${name} must match AllowedPattern ${spec.AllowedPattern}, got ${show(text)}`, at);
  }
  if (typeof spec.MinLength === 'number' && text.length < spec.MinLength) fail(`parameter ${name} must be at least ${spec.MinLength} characters long`, at);
  if (typeof spec.MaxLength === 'number' && text.length > spec.MaxLength) fail(`parameter ${name} must be at most ${spec.MaxLength} characters long`, at);
}
