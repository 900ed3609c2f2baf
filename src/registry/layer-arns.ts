// Layer names and ARNs, pure: `arn:aws:lambda:<region>:<account>:layer:<name>` for a
// layer, `...:<n>` for one of its versions; the LayerName label (a name or a layer ARN)
// and a function's Layers list, checked as Lambda checks them (the model's pattern per
// item, at most 5 layers, one version per layer).
import type { Account } from '../kernel/arn';
import { InvalidParameterValueException } from './errors';
import { matches, stringViolations, throwViolations, violation } from './validate';

export const LAYER_NAME_PATTERN = String.raw`(arn:[a-zA-Z0-9-]+:lambda:[a-zA-Z0-9-]+:\d{12}:layer:[a-zA-Z0-9-_]+)|[a-zA-Z0-9-_]+`;
export const LAYER_VERSION_ARN_PATTERN = String.raw`arn:[a-zA-Z0-9-]+:lambda:[a-zA-Z0-9-]+:\d{12}:layer:[a-zA-Z0-9-_]+:[0-9]+`;
/** A function references at most this many layers. */
export const MAX_FUNCTION_LAYERS = 5;

export function layerArn(acc: Account, name: string): string {
  return `arn:aws:lambda:${acc.region}:${acc.accountId}:layer:${name}`;
}

export function layerVersionArn(acc: Account, name: string, version: number): string {
  return `${layerArn(acc, name)}:${version}`;
}

/** The LayerName label: a bare name, or a layer ARN of this account and region (its name). */
export function layerNameLabel(label: string, acc: Account): string {
  throwViolations(stringViolations('layerName', label, { min: 1, max: 140, pattern: LAYER_NAME_PATTERN }));
  if (!label.startsWith('arn:')) return label;
  const parts = label.split(':');
  return parts[6];
}

/** A layer version ARN split up; undefined when it does not have the model's form. */
export function parseLayerVersionArn(arn: string): { region: string; accountId: string; name: string; version: number } | undefined {
  if (arn.length > 140 || !matches(LAYER_VERSION_ARN_PATTERN, arn)) return undefined;
  const parts = arn.split(':');
  return { region: parts[3], accountId: parts[4], name: parts[6], version: Number(parts[7]) };
}

/** GetLayerVersionByArn's Arn query member. */
export function checkLayerVersionArn(arn: string | undefined): string {
  if (arn === undefined) throwViolations([violation('arn', null, 'Member must not be null')]);
  throwViolations(stringViolations('arn', arn!, { min: 1, max: 140, pattern: LAYER_VERSION_ARN_PATTERN }));
  return arn!;
}

/** The Layers member of CreateFunction / UpdateFunctionConfiguration: the model's list constraint. */
export function layerListViolations(layers: readonly string[]): string[] {
  if (layers.every((l) => l.length >= 1 && l.length <= 140 && matches(LAYER_VERSION_ARN_PATTERN, l))) return [];
  return [violation('layers', `[${layers.join(', ')}]`, 'Member must satisfy constraint: [Member must have length less than or '
    + 'equal to 140, Member must have length greater than or equal to 1, Member must satisfy regular expression pattern: '
    + `${LAYER_VERSION_ARN_PATTERN}, Member must not be null]`)];
}

/** Lambda's rules for a function's layer list, after the model's: at most 5, one version of each layer. */
export function checkFunctionLayers(layers: readonly string[]): void {
  if (layers.length > MAX_FUNCTION_LAYERS) throw new InvalidParameterValueException('Cannot reference more than 5 layers.');
  const seen = new Map<string, string>();
  for (const arn of layers) {
    const unversioned = arn.slice(0, arn.lastIndexOf(':'));
    const other = seen.get(unversioned);
    if (other !== undefined) {
      throw new InvalidParameterValueException(other === arn
        ? `Duplicate layers are not allowed in the same function. ${arn} is duplicated.`
        : 'Two different versions of the same layer are not allowed to be referenced in the same function. '
          + `${other} and ${arn} are versions of the same layer.`);
    }
    seen.set(unversioned, arn);
  }
}
