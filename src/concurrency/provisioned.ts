// Provisioned concurrency configs (Lambda's Put/Get/List/DeleteProvisionedConcurrencyConfig):
// validated as Lambda does, stored, and applied to the pool, which keeps that many
// environments of the version (or the alias's version) initialised. Re-applied when the
// function changes (an alias moved) and at start-up.
import type { Clock } from '../kernel/clock';
import { AwsError } from '../kernel/aws-error';
import type { ProvisionStatus } from '../pool/provisioning';
import { InvalidParameterValueException } from '../registry/errors';
import type { FunctionResolver, FunctionVersion } from '../registry/model';
import { lambdaDate } from '../registry/records';
import type { ReservedConcurrency } from './reserved';
import type { ConcurrencyStore, ProvisionedConfig } from './store';

export class ProvisionedConcurrencyConfigNotFoundException extends AwsError {
  constructor(message: string) { super(message, 404); }
}

export interface ProvisioningPool {
  provision(owner: string, config: FunctionVersion, n: number): void;
  provisionStatus(owner: string): ProvisionStatus | undefined;
}

export interface ProvisionedView extends ProvisionedConfig {
  /** Qualified ARN of the version or alias. */
  functionArn: string;
  allocated: number;
  status: 'IN_PROGRESS' | 'READY' | 'FAILED';
  statusReason?: string;
}

const owner = (fn: string, qualifier: string) => `${fn}:${qualifier}`;

export class ProvisionedConcurrency {
  private configs = new Map<string, ProvisionedConfig>();
  private arns = new Map<string, string>();

  constructor(private readonly store: ConcurrencyStore, private readonly resolver: FunctionResolver,
    private readonly pool: ProvisioningPool, private readonly reserved: ReservedConcurrency, private readonly clock: Clock) {
    resolver.changes.subscribe((c) => void this.onChange(c.kind, c.functionName));
  }

  /** Loads the stored configs and provisions them (those whose function is gone are skipped). */
  async start(): Promise<void> {
    for (const c of await this.store.provisioned()) {
      this.configs.set(owner(c.functionName, c.qualifier), c);
      await this.apply(c).catch(() => undefined);
    }
  }

  async put(functionName: string, qualifier: string, n: number): Promise<ProvisionedView> {
    if (qualifier === '$LATEST') {
      throw new InvalidParameterValueException('Provisioned Concurrency Configs cannot be applied to unpublished function versions.');
    }
    const resolved = await this.resolver.resolve(functionName, qualifier);
    const fn = resolved.config.functionName;
    const reserved = this.reserved.get(fn);
    if (reserved !== undefined && n > reserved) {
      throw new InvalidParameterValueException(
        `Requested Provisioned Concurrency should not be greater than the reservedConcurrentExecution for function ${fn}`);
    }
    const c: ProvisionedConfig = { functionName: fn, qualifier, requested: n, lastModified: lambdaDate(this.clock.now()) };
    await this.store.putProvisioned(c);
    this.configs.set(owner(fn, qualifier), c);
    await this.apply(c);
    return this.view(c);
  }

  async get(functionName: string, qualifier: string): Promise<ProvisionedView> {
    const fn = (await this.resolver.resolve(functionName)).config.functionName;
    const c = this.configs.get(owner(fn, qualifier));
    if (!c) throw new ProvisionedConcurrencyConfigNotFoundException('No Provisioned Concurrency Config found for this function');
    return this.view(c);
  }

  async list(functionName: string): Promise<ProvisionedView[]> {
    const fn = (await this.resolver.resolve(functionName)).config.functionName;
    return [...this.configs.values()].filter((c) => c.functionName === fn).map((c) => this.view(c));
  }

  async delete(functionName: string, qualifier: string): Promise<void> {
    const fn = (await this.resolver.resolve(functionName)).config.functionName;
    if (!this.configs.has(owner(fn, qualifier))) {
      throw new ProvisionedConcurrencyConfigNotFoundException('No Provisioned Concurrency Config found for this function');
    }
    await this.store.deleteProvisioned(fn, qualifier);
    this.configs.delete(owner(fn, qualifier));
    this.arns.delete(owner(fn, qualifier));
    this.pool.provision(owner(fn, qualifier), (await this.resolver.resolve(fn, qualifier)).config, 0);
  }

  /** The Application Auto Scaling port (scheduled scaling): n > 0 puts a config, 0 removes it. */
  async setProvisionedConcurrency(functionName: string, qualifier: string, n: number): Promise<void> {
    if (n > 0) {
      await this.put(functionName, qualifier, n);
      return;
    }
    await this.delete(functionName, qualifier).catch((e: unknown) => {
      if (!(e instanceof ProvisionedConcurrencyConfigNotFoundException)) throw e;
    });
  }

  private async apply(c: ProvisionedConfig): Promise<void> {
    const resolved = await this.resolver.resolve(c.functionName, c.qualifier);
    this.arns.set(owner(c.functionName, c.qualifier), resolved.invokedArn);
    this.pool.provision(owner(c.functionName, c.qualifier), resolved.config, c.requested);
  }

  private async onChange(kind: 'created' | 'updated' | 'deleted', fn: string): Promise<void> {
    for (const c of [...this.configs.values()].filter((x) => x.functionName === fn)) {
      if (kind === 'deleted') {
        this.configs.delete(owner(fn, c.qualifier));
        await this.store.deleteProvisioned(fn).catch(() => undefined);
        continue;
      }
      await this.apply(c).catch(() => undefined);
    }
  }

  private view(c: ProvisionedConfig): ProvisionedView {
    const s = this.pool.provisionStatus(owner(c.functionName, c.qualifier));
    const allocated = s?.allocated ?? 0;
    const status = s?.failure ? 'FAILED' : allocated >= c.requested ? 'READY' : 'IN_PROGRESS';
    return { ...c, functionArn: this.arns.get(owner(c.functionName, c.qualifier)) ?? '', allocated, status,
      statusReason: s?.failure };
  }
}
