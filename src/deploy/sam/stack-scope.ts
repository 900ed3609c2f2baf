// The StackScope of one template: answers Ref, Fn::GetAtt, conditions and mappings
// for the intrinsic evaluator, knows pseudo-parameters (AWS::Region, AWS::AccountId,
// AWS::StackName, AWS::StackId, AWS::Partition, AWS::URLSuffix, AWS::NotificationARNs),
// and turns failures into DeployErrors that point at the template line.

import { DeployError, suggestKey, show } from '../deploy-error';
import { NO_VALUE, StackScope, resolveValue } from './intrinsics';
import type { ParameterValue } from './parameters';
import { RefEnv, ResourceEntry, attributes, pseudoParameter } from './resource-refs';
import { KeyPath, TemplateSource, formatPath } from './yaml-template';

export class Stack implements StackScope, RefEnv {
  readonly partition: string;
  readonly urlSuffix: string;
  readonly warnings: string[] = [];
  private readonly conditionCache = new Map<string, boolean>();
  private readonly busy = new Set<string>();
  private readonly template: Record<string, unknown>;

  constructor(
    readonly src: TemplateSource,
    readonly stackName: string,
    readonly region: string,
    readonly accountId: string,
    readonly params: Map<string, ParameterValue>,
    readonly resources: Map<string, ResourceEntry>,
  ) {
    this.template = src.value as Record<string, unknown>;
    const china = region.startsWith('cn-');
    this.partition = china ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
    this.urlSuffix = china ? 'amazonaws.com.cn' : 'amazonaws.com';
  }

  fail(detail: string, path: KeyPath): never {
    let pos;
    for (let n = path.length; n >= 0 && !pos; n--) pos = this.src.positions.get(formatPath(path.slice(0, n)));
    throw new DeployError(detail, { file: this.src.file, ...pos, key: formatPath(path) || undefined });
  }

  warn(message: string): void {
    if (!this.warnings.includes(message)) this.warnings.push(message);
  }

  resolve(value: unknown, path: KeyPath): unknown {
    return resolveValue(value, path, this);
  }

  ref(name: string, path: KeyPath): unknown {
    const pseudo = pseudoParameter(name, this, NO_VALUE);
    if (pseudo !== undefined) return pseudo;
    if (this.params.has(name)) return this.params.get(name);
    const entry = this.resources.get(name);
    if (entry) return attributes(entry, this).values[''];
    // SAM's `!Ref Fn.Alias` / `!Ref Fn.Version` for functions with AutoPublishAlias.
    const m = /^(.+)\.(Alias|Version)$/.exec(name);
    const fn = m && this.resources.get(m[1]);
    if (m && fn && fn.type === 'AWS::Serverless::Function' && this.prop(fn, 'AutoPublishAlias') !== undefined) {
      const arn = attributes(fn, this).values.Arn;
      return m[2] === 'Alias' ? `${arn}:${this.prop(fn, 'AutoPublishAlias')}` : `${arn}:1`;
    }
    const hint = suggestKey(name, [...this.params.keys(), ...this.resources.keys()]);
    return this.fail(`Ref to unknown resource or parameter "${name}"${hint ? ` (did you mean "${hint}"?)` : ''}`, path);
  }

  getAtt(logicalId: string, attribute: string, path: KeyPath): unknown {
    const entry = this.resources.get(logicalId);
    if (!entry) {
      const hint = suggestKey(logicalId, this.resources.keys());
      return this.fail(`Fn::GetAtt of unknown resource "${logicalId}"${hint ? ` (did you mean "${hint}"?)` : ''}`, path);
    }
    if (entry.type === 'AWS::Serverless::Function' && (attribute === 'DestinationQueue' || attribute === 'DestinationTopic')) {
      // The queue or topic SAM makes for an EventInvokeConfig destination without Destination (async-config.ts).
      const kind = attribute.slice('Destination'.length);
      const made = ['OnSuccess', 'OnFailure'].map((ev) => this.resources.get(`${logicalId}EventInvokeConfig${ev}${kind}`)).find((e) => e);
      if (made) return attributes(made, this).values[kind === 'Queue' ? 'Arn' : 'TopicArn'];
    }
    const { known, values } = attributes(entry, this);
    if (attribute in values && attribute !== '') return values[attribute];
    if (!known) return `${values['']}.${attribute}`;
    const names = Object.keys(values).filter((k) => k !== '');
    return this.fail(`Fn::GetAtt: ${entry.type} ${logicalId} has no attribute "${attribute}" (known: ${names.join(', ')})`, path);
  }

  condition(name: string, path: KeyPath): boolean {
    const cached = this.conditionCache.get(name);
    if (cached !== undefined) return cached;
    const all = (this.template.Conditions ?? {}) as Record<string, unknown>;
    if (typeof all !== 'object' || !(name in all)) {
      const hint = suggestKey(name, Object.keys(all ?? {}));
      return this.fail(`unknown condition "${name}"${hint ? ` (did you mean "${hint}"?)` : ''}`, path);
    }
    if (this.busy.has(`condition:${name}`)) return this.fail(`condition "${name}" refers to itself`, path);
    this.busy.add(`condition:${name}`);
    const v = this.resolve(all[name], ['Conditions', name]);
    this.busy.delete(`condition:${name}`);
    if (typeof v !== 'boolean') return this.fail(`a condition must be Fn::Equals, Fn::And, Fn::Or, Fn::Not or Condition, got ${show(v)}`, ['Conditions', name]);
    this.conditionCache.set(name, v);
    return v;
  }

  findInMap(map: string, top: string, second: string, path: KeyPath): unknown {
    const maps = (this.template.Mappings ?? {}) as Record<string, Record<string, Record<string, unknown>>>;
    if (!maps[map]) return this.fail(`Fn::FindInMap: unknown mapping "${map}"`, path);
    if (!maps[map][top]) return this.fail(`Fn::FindInMap: mapping ${map} has no key "${top}"`, path);
    if (!(second in maps[map][top])) return this.fail(`Fn::FindInMap: mapping ${map}.${top} has no key "${second}"`, path);
    return maps[map][top][second];
  }

  /** A resource property, resolved (with a guard against names defined by themselves). */
  prop(entry: ResourceEntry, key: string): unknown {
    const mark = `${entry.logicalId}.${key}`;
    const path = ['Resources', entry.logicalId, 'Properties', key];
    if (this.busy.has(mark)) return this.fail(`circular reference through ${mark}`, path);
    this.busy.add(mark);
    try {
      const v = this.resolve(entry.properties[key], path);
      return v === NO_VALUE ? undefined : v;
    } finally {
      this.busy.delete(mark);
    }
  }
}
