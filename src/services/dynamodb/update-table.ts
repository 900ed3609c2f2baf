// UpdateTable: billing mode, throughput, GSI Create/Update/Delete, streams, deletion
// protection. The table goes UPDATING; index-work.ts backfills new indexes and drops deleted
// ones, then the table is ACTIVE again.
import type { Input, Operation } from './context';
import { ResourceNotFoundException, ValidationException, invalid } from './errors';
import type { IndexDef, Table } from './model';
import { attributeDefinitions, checkTableName, indexDef, throughput } from './table-input';
import { streamSettings } from './table-ops';
import { transition } from './table-state';

function gsiUpdates(t: Table, updates: Input[], defs: Input[] | undefined, billing: string): IndexDef[] {
  let indexes = [...t.indexes];
  const known = new Map(t.attributeDefinitions.map((d) => [d.name, d.type] as const));
  for (const [n, ty] of attributeDefinitions(defs ?? [])) {
    if (known.has(n) && known.get(n) !== ty) throw invalid(`Cannot change the type of an existing attribute: ${n}`);
    known.set(n, ty);
  }
  for (const u of updates) {
    if (u.Create) {
      if (indexes.some((i) => i.name === u.Create.IndexName)) throw invalid(`Index ${String(u.Create.IndexName)} already exists`.replace(/^/, ''));
      const ix = indexDef('GSI', u.Create, known, billing, t.hash);
      indexes.push({ ...ix, status: 'CREATING', backfilling: true });
    } else if (u.Delete) {
      const ix = indexes.find((i) => i.name === u.Delete.IndexName && i.kind === 'GSI');
      if (!ix) throw new ResourceNotFoundException(`Requested resource not found: Index: ${String(u.Delete.IndexName)} not found`);
      indexes = indexes.map((i) => (i === ix ? { ...i, status: 'DELETING' } : i));
    } else if (u.Update) {
      const ix = indexes.find((i) => i.name === u.Update.IndexName && i.kind === 'GSI');
      if (!ix) throw new ResourceNotFoundException(`Requested resource not found: Index: ${String(u.Update.IndexName)} not found`);
      indexes = indexes.map((i) => (i === ix ? { ...i, throughput: throughput(u.Update.ProvisionedThroughput, billing, ` for index: ${ix.name}`) } : i));
    }
  }
  return indexes;
}

export const updateTable: Operation = async (ctx, input) => {
  const name = checkTableName(input.TableName);
  const t = ctx.tables.named(name);
  const changes = ['ProvisionedThroughput', 'BillingMode', 'StreamSpecification', 'GlobalSecondaryIndexUpdates', 'SSESpecification',
    'ReplicaUpdates', 'DeletionProtectionEnabled', 'TableClass', 'OnDemandThroughput'];
  if (!changes.some((c) => input[c] !== undefined)) {
    throw new ValidationException('At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is required');
  }
  const status = transition(t.status, 'update', name);
  const now = ctx.clock.now();
  const billing = input.BillingMode ?? t.billingMode;
  let tp = t.throughput;
  if (billing === 'PAY_PER_REQUEST') tp = { ...tp, read: 0, write: 0 };
  if (input.ProvisionedThroughput || (billing === 'PROVISIONED' && t.billingMode !== 'PROVISIONED')) {
    const next = throughput(input.ProvisionedThroughput, billing);
    if (input.ProvisionedThroughput && billing === 'PROVISIONED' && next.read === t.throughput.read && next.write === t.throughput.write && !input.GlobalSecondaryIndexUpdates && !input.StreamSpecification) {
      throw new ValidationException(`The provisioned throughput for the table will not change. The requested value equals the current value. Current ReadCapacityUnits provisioned for the table: ${t.throughput.read}. Requested ReadCapacityUnits: ${next.read}. Current WriteCapacityUnits provisioned for the table: ${t.throughput.write}. Requested WriteCapacityUnits: ${next.write}. Refer to the Amazon DynamoDB Developer Guide for current limits and how to request higher limits.`);
    }
    const up = next.read > tp.read || next.write > tp.write;
    tp = { ...next, lastIncrease: up ? now : tp.lastIncrease, lastDecrease: up ? tp.lastDecrease : now, decreases: (tp.decreases ?? 0) + (up ? 0 : 1) };
  }
  const indexes = input.GlobalSecondaryIndexUpdates ? gsiUpdates(t, input.GlobalSecondaryIndexUpdates, input.AttributeDefinitions, billing) : t.indexes;
  const defs = new Map(t.attributeDefinitions.map((d) => [d.name, d] as const));
  for (const [n, type] of attributeDefinitions(input.AttributeDefinitions ?? [])) defs.set(n, { name: n, type });
  const next: Table = {
    ...t, status, billingMode: billing, throughput: tp, indexes, attributeDefinitions: [...defs.values()],
    billingModeChangedAt: billing !== t.billingMode ? now : t.billingModeChangedAt,
    stream: streamSettings(input.StreamSpecification, now, t.stream),
    deletionProtection: input.DeletionProtectionEnabled ?? t.deletionProtection,
    tableClass: input.TableClass ?? t.tableClass,
  };
  await ctx.tables.save(next);
  ctx.tables.finishUpdate(next);
  return { TableDescription: await ctx.tables.describe(next) };
};
