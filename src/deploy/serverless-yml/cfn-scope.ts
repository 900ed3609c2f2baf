// CloudFormation intrinsics (Ref, Fn::GetAtt, Fn::Sub, Fn::Join, ...) in the properties
// of the resources.Resources Nimbus serves, evaluated by the SAM evaluator over the names
// a Serverless Framework stack has: pseudo-parameters, the framework's function logical
// ids (`hello-world` → `HelloDashworldLambdaFunction`, whose Ref is the function name)
// and the other resources of the section. Conditions and mappings are not evaluated.
import { suggestKey } from '../deploy-error';
import { NO_VALUE, asString, resolveValue, type StackScope } from '../sam/intrinsics';
import { attributes, pseudoParameter, type RefEnv, type ResourceEntry } from '../sam/resource-refs';
import type { KeyPath } from '../yaml-document';
import type { ConfigReader } from './config-reader';

/** The framework's logical id of a function's AWS::Lambda::Function. */
export function functionLogicalId(key: string): string {
  const n = key.replace(/-/g, 'Dash').replace(/_/g, 'Underscore');
  return `${n.charAt(0).toUpperCase()}${n.slice(1)}LambdaFunction`;
}

export interface StackNames { stackName: string; region: string; accountId: string; functions: { logicalId: string; functionName: string }[] }

export class ServerlessStack implements StackScope, RefEnv {
  readonly partition = 'aws';
  readonly urlSuffix = 'amazonaws.com';
  readonly stackName: string;
  readonly region: string;
  readonly accountId: string;
  private readonly entries = new Map<string, ResourceEntry>();
  private readonly busy = new Set<string>();

  constructor(private r: ConfigReader, names: StackNames, resources: { logicalId: string; type: string; properties: Record<string, unknown> }[]) {
    ({ stackName: this.stackName, region: this.region, accountId: this.accountId } = names);
    for (const fn of names.functions) {
      const logicalId = functionLogicalId(fn.logicalId);
      this.entries.set(logicalId, { logicalId, type: 'AWS::Lambda::Function', properties: { FunctionName: fn.functionName } });
    }
    for (const e of resources) this.entries.set(e.logicalId, e);
  }

  resolve(value: unknown, path: KeyPath): unknown {
    return resolveValue(value, path, this);
  }

  /** An intrinsic (Ref, Fn::GetAtt, Fn::Sub, ...) that must come out a string (environment values, ARNs). */
  resolveString(value: unknown, path: KeyPath): string {
    return asString(this.resolve(value, path), path, this);
  }

  has(logicalId: string): boolean {
    return this.entries.has(logicalId);
  }

  fail(detail: string, path: KeyPath): never {
    throw this.r.error(path, detail);
  }

  warn(message: string): void {
    if (!this.r.warnings.includes(message)) this.r.warnings.push(message);
  }

  ref(name: string, path: KeyPath): unknown {
    const pseudo = pseudoParameter(name, this, NO_VALUE);
    if (pseudo !== undefined) return pseudo;
    return attributes(this.entry(name, path, 'Ref to unknown resource'), this).values[''];
  }

  getAtt(logicalId: string, attribute: string, path: KeyPath): unknown {
    const { known, values } = attributes(this.entry(logicalId, path, 'Fn::GetAtt of unknown resource'), this);
    if (attribute in values && attribute !== '') return values[attribute];
    if (!known) return `${values['']}.${attribute}`;
    return this.fail(`Fn::GetAtt: ${logicalId} has no attribute "${attribute}"`, path);
  }

  condition(name: string, path: KeyPath): boolean {
    return this.fail(`condition "${name}": conditions in resources are not evaluated by Nimbus`, path);
  }

  findInMap(map: string, _top: string, _second: string, path: KeyPath): unknown {
    return this.fail(`Fn::FindInMap "${map}": mappings in resources are not evaluated by Nimbus`, path);
  }

  /** A name-giving property (QueueName, FifoQueue, ...), resolved, for physical names. */
  prop(entry: ResourceEntry, key: string): unknown {
    const mark = `${entry.logicalId}.${key}`;
    if (this.busy.has(mark)) return this.fail(`circular reference through ${mark}`, ['resources', 'Resources', entry.logicalId, 'Properties', key]);
    this.busy.add(mark);
    try {
      const v = this.resolve(entry.properties[key], ['resources', 'Resources', entry.logicalId, 'Properties', key]);
      return v === NO_VALUE ? undefined : v;
    } finally {
      this.busy.delete(mark);
    }
  }

  private entry(name: string, path: KeyPath, what: string): ResourceEntry {
    const e = this.entries.get(name);
    if (e) return e;
    const hint = suggestKey(name, this.entries.keys());
    return this.fail(`${what} "${name}"${hint ? ` (did you mean "${hint}"?)` : ''}`, path);
  }
}
