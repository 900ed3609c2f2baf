// A Table rendered as DynamoDB's TableDescription (DescribeTable, CreateTable, UpdateTable,
// DeleteTable), with ItemCount and sizes from the store. Pure apart from the stats given.
import type { IndexDef, Table, Throughput } from './model';
import { streamArn } from './model';

export interface Stats { count: number; bytes: number }

const secs = (ms: number | undefined) => (ms === undefined ? undefined : ms / 1000);

function throughputOut(t: Throughput | undefined): Record<string, unknown> {
  return {
    ReadCapacityUnits: t?.read ?? 0, WriteCapacityUnits: t?.write ?? 0, NumberOfDecreasesToday: t?.decreases ?? 0,
    LastIncreaseDateTime: secs(t?.lastIncrease), LastDecreaseDateTime: secs(t?.lastDecrease),
  };
}

const keySchemaOut = (x: Pick<Table, 'hash' | 'range'>) =>
  [{ AttributeName: x.hash.name, KeyType: 'HASH' }, ...(x.range ? [{ AttributeName: x.range.name, KeyType: 'RANGE' }] : [])];

function projectionOut(ix: IndexDef): Record<string, unknown> {
  return { ProjectionType: ix.projection.type, NonKeyAttributes: ix.projection.nonKey };
}

export function describeTable(t: Table, stats: Stats, indexStats: (name: string) => Stats): Record<string, unknown> {
  const lsis = t.indexes.filter((i) => i.kind === 'LSI');
  const gsis = t.indexes.filter((i) => i.kind === 'GSI');
  const d: Record<string, unknown> = {
    AttributeDefinitions: t.attributeDefinitions.map((a) => ({ AttributeName: a.name, AttributeType: a.type })),
    TableName: t.name,
    KeySchema: keySchemaOut(t),
    TableStatus: t.status,
    CreationDateTime: t.createdAt / 1000,
    ProvisionedThroughput: throughputOut(t.throughput),
    TableSizeBytes: stats.bytes,
    ItemCount: stats.count,
    TableArn: t.arn,
    TableId: t.tableId,
    DeletionProtectionEnabled: t.deletionProtection ?? false,
  };
  if (t.billingMode === 'PAY_PER_REQUEST' || t.billingModeChangedAt) {
    d.BillingModeSummary = { BillingMode: t.billingMode, LastUpdateToPayPerRequestDateTime: secs(t.billingModeChangedAt) };
  }
  if (lsis.length) {
    d.LocalSecondaryIndexes = lsis.map((ix) => {
      const s = indexStats(ix.name);
      return { IndexName: ix.name, KeySchema: keySchemaOut(ix), Projection: projectionOut(ix), IndexSizeBytes: s.bytes, ItemCount: s.count,
        IndexArn: `${t.arn}/index/${ix.name}` };
    });
  }
  if (gsis.length) {
    d.GlobalSecondaryIndexes = gsis.map((ix) => {
      const s = indexStats(ix.name);
      return { IndexName: ix.name, KeySchema: keySchemaOut(ix), Projection: projectionOut(ix), IndexStatus: ix.status,
        Backfilling: ix.status === 'CREATING' ? !!ix.backfilling : undefined,
        ProvisionedThroughput: throughputOut(ix.throughput), IndexSizeBytes: s.bytes, ItemCount: s.count, IndexArn: `${t.arn}/index/${ix.name}` };
    });
  }
  if (t.stream) {
    d.StreamSpecification = t.stream.enabled ? { StreamEnabled: true, StreamViewType: t.stream.viewType } : { StreamEnabled: false };
    if (t.stream.label) { d.LatestStreamLabel = t.stream.label; d.LatestStreamArn = streamArn(t); }
  }
  if (t.tableClass) d.TableClassSummary = { TableClass: t.tableClass };
  return d;
}
