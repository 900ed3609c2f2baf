// AWS::DynamoDB::Table and AWS::Serverless::SimpleTable: the template's properties become
// DynamoDB's CreateTable (then UpdateTimeToLive), through DynamoDB's own operations (so its
// validation and errors apply). Loaders always give a TableName (the template's, or a stable
// generated `<stack>-<LogicalId>-<SUFFIX>`), so a redeploy finds the same table and updates
// what UpdateTable can update, one change at a time as DynamoDB requires (waiting for the
// table to be ACTIVE between them): billing mode and throughput, global secondary indexes
// added or removed (or their throughput), the stream on, off or to another view type, Time
// to Live, tags, deletion protection. A change of the key schema or of the local secondary
// indexes is refused (CloudFormation would replace the table, a new and empty one): Nimbus
// does not drop a table's items on a redeploy. A table that left the project, or was
// renamed, is deleted unless its DeletionPolicy is Retain.
import { STREAM_LABEL_TOKEN, type PlannedResource } from '../plan';
import type { KeyPath } from '../yaml-document';
import { PropertyError, type OperationsPort } from './port';
import { asProperty, errorCode, ignoring, type Input } from './property-checks';
import {
  createTableInput, tableRequest, TABLE_TYPES, type IndexRequest, type KeyElement, type TableRequest, type TableState, type Throughput,
} from './dynamodb-table-request';

export { TABLE_TYPES, tableRequest, createTableInput, type TableRequest, type TableState } from './dynamodb-table-request';

interface Described {
  TableName: string; TableArn: string; TableStatus: string; KeySchema: KeyElement[];
  AttributeDefinitions: { AttributeName: string; AttributeType: string }[];
  BillingModeSummary?: { BillingMode?: string }; ProvisionedThroughput?: Partial<Throughput>;
  GlobalSecondaryIndexes?: (IndexRequest & { IndexStatus?: string })[]; LocalSecondaryIndexes?: IndexRequest[];
  StreamSpecification?: { StreamEnabled?: boolean; StreamViewType?: string }; LatestStreamArn?: string;
  DeletionProtectionEnabled?: boolean; TableClassSummary?: { TableClass?: string };
}

async function describe(ddb: OperationsPort, name: string): Promise<Described | undefined> {
  return ddb('DescribeTable', { TableName: name }).then((r) => (r as { Table: Described }).Table, (e) => {
    if (errorCode(e) === 'ResourceNotFoundException') return undefined;
    throw e;
  });
}

/** How long a table may stay CREATING or UPDATING (a new index is backfilled meanwhile). */
const ACTIVE_WITHIN_MS = 120_000;

async function untilActive(ddb: OperationsPort, name: string): Promise<Described> {
  const deadline = Date.now() + ACTIVE_WITHIN_MS;
  for (let wait = 2; ; wait = Math.min(wait * 2, 100)) {
    const d = await describe(ddb, name);
    if (!d) throw new PropertyError([], `table ${name} disappeared while it was being created or updated`);
    if (d.TableStatus === 'ACTIVE' && (d.GlobalSecondaryIndexes ?? []).every((i) => i.IndexStatus === undefined || i.IndexStatus === 'ACTIVE')) return d;
    if (Date.now() > deadline) throw new PropertyError([], `table ${name} is still ${d.TableStatus} after ${ACTIVE_WITHIN_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

const keyText = (ks: KeyElement[], defs: { AttributeName: string; AttributeType: string }[]) =>
  ks.map((k) => `${k.KeyType} ${k.AttributeName} (${defs.find((d) => d.AttributeName === k.AttributeName)?.AttributeType ?? '?'})`).join(', ');

const sameKeys = (a: KeyElement[], b: KeyElement[]) =>
  a.length === b.length && a.every((k, i) => k.AttributeName === b[i].AttributeName && k.KeyType === b[i].KeyType);

const sameProjection = (a: Input, b: Input) => a.ProjectionType === b.ProjectionType
  && JSON.stringify([...(a.NonKeyAttributes as string[] ?? [])].sort()) === JSON.stringify([...(b.NonKeyAttributes as string[] ?? [])].sort());

function replacement(what: string, name: string): string {
  return `${what} of table ${name}: CloudFormation would replace the table (a new, empty one), which Nimbus does not do on a `
    + 'redeploy. To replace it, give the table a new TableName (the old table is then deleted unless DeletionPolicy is Retain)';
}

/** Refuses what UpdateTable cannot change: the key schema (and key attribute types) and the local secondary indexes. */
function checkReplacement(q: TableRequest, d: Described): void {
  const typeOf = (defs: Described['AttributeDefinitions'], n: string) => defs.find((x) => x.AttributeName === n)?.AttributeType;
  const keyTypesChanged = q.keySchema.some((k) => typeOf(q.attributeDefinitions, k.AttributeName) !== typeOf(d.AttributeDefinitions, k.AttributeName));
  if (!sameKeys(q.keySchema, d.KeySchema) || keyTypesChanged) {
    throw new PropertyError(q.keyPath, `${replacement(`changing the key schema (${keyText(d.KeySchema, d.AttributeDefinitions)} → `
      + `${keyText(q.keySchema, q.attributeDefinitions)})`, q.name)}`);
  }
  const current = d.LocalSecondaryIndexes ?? [];
  const same = current.length === q.lsis.length && q.lsis.every((ix) => {
    const c = current.find((x) => x.IndexName === ix.IndexName);
    return c && sameKeys(ix.KeySchema, c.KeySchema) && sameProjection(ix.Projection, c.Projection);
  });
  if (!same) throw new PropertyError(['LocalSecondaryIndexes'], replacement('changing the local secondary indexes', q.name));
}

async function update(ddb: OperationsPort, q: TableRequest, d: Described): Promise<void> {
  checkReplacement(q, d);
  const step = async (input: Input, at: KeyPath) => {
    await asProperty(() => ddb('UpdateTable', { TableName: q.name, ...input }), at);
    d = await untilActive(ddb, q.name);
  };
  // Billing mode and throughput.
  const billing = d.BillingModeSummary?.BillingMode ?? 'PROVISIONED';
  const tp = d.ProvisionedThroughput;
  if (billing !== q.billingMode || (q.throughput && (tp?.ReadCapacityUnits !== q.throughput.ReadCapacityUnits
    || tp?.WriteCapacityUnits !== q.throughput.WriteCapacityUnits))) {
    await step({ BillingMode: q.billingMode, ...(q.throughput ? { ProvisionedThroughput: q.throughput } : {}) },
      q.billingMode !== billing ? ['BillingMode'] : ['ProvisionedThroughput']);
  }
  // Global secondary indexes: those gone deleted, new ones created, one at a time; changed throughput updated.
  const current = () => (d.GlobalSecondaryIndexes ?? []).filter((i) => i.IndexStatus !== 'DELETING');
  for (const ix of current()) {
    if (!q.gsis.some((g) => g.IndexName === ix.IndexName)) await step({ GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: ix.IndexName } }] }, ['GlobalSecondaryIndexes']);
  }
  for (const [i, ix] of q.gsis.entries()) {
    const at = ['GlobalSecondaryIndexes', i];
    const c = current().find((g) => g.IndexName === ix.IndexName);
    if (!c) {
      await step({ AttributeDefinitions: q.attributeDefinitions, GlobalSecondaryIndexUpdates: [{ Create: ix }] }, at);
    } else if (!sameKeys(ix.KeySchema, c.KeySchema) || !sameProjection(ix.Projection, c.Projection)) {
      throw new PropertyError(at, `the key schema or projection of index ${ix.IndexName} of table ${q.name} cannot be changed in place `
        + '(as in CloudFormation): give the changed index a new IndexName, so the old one is deleted and the new one created');
    } else if (ix.ProvisionedThroughput && q.billingMode === 'PROVISIONED'
      && (c.ProvisionedThroughput?.ReadCapacityUnits !== ix.ProvisionedThroughput.ReadCapacityUnits
        || c.ProvisionedThroughput?.WriteCapacityUnits !== ix.ProvisionedThroughput.WriteCapacityUnits)) {
      await step({ GlobalSecondaryIndexUpdates: [{ Update: { IndexName: ix.IndexName, ProvisionedThroughput: ix.ProvisionedThroughput } }] },
        [...at, 'ProvisionedThroughput']);
    }
  }
  // The stream: on, off, or off and on again with another view type (a new stream, a new ARN).
  const on = d.StreamSpecification?.StreamEnabled === true;
  if (on && d.StreamSpecification?.StreamViewType !== q.streamViewType) {
    await step({ StreamSpecification: { StreamEnabled: false } }, ['StreamSpecification']);
  }
  if (q.streamViewType && !(on && d.StreamSpecification?.StreamViewType === q.streamViewType)) {
    await step({ StreamSpecification: { StreamEnabled: true, StreamViewType: q.streamViewType } }, ['StreamSpecification']);
  }
  if (q.deletionProtection !== undefined && q.deletionProtection !== (d.DeletionProtectionEnabled ?? false)) {
    await step({ DeletionProtectionEnabled: q.deletionProtection }, ['DeletionProtectionEnabled']);
  }
  if (q.tableClass !== undefined && q.tableClass !== (d.TableClassSummary?.TableClass ?? 'STANDARD')) {
    await step({ TableClass: q.tableClass }, ['TableClass']);
  }
  await applyTags(ddb, q, d.TableArn);
}

async function applyTtl(ddb: OperationsPort, q: TableRequest): Promise<void> {
  const at = ['TimeToLiveSpecification'];
  const { TimeToLiveDescription: now = {} } = await ddb('DescribeTimeToLive', { TableName: q.name }) as
    { TimeToLiveDescription?: { TimeToLiveStatus?: string; AttributeName?: string } };
  const on = now.TimeToLiveStatus === 'ENABLED' || now.TimeToLiveStatus === 'ENABLING';
  const want = q.ttl?.enabled ? q.ttl.attribute : undefined;
  if (on && now.AttributeName !== want) {
    await asProperty(() => ddb('UpdateTimeToLive', { TableName: q.name, TimeToLiveSpecification: { AttributeName: now.AttributeName, Enabled: false } }), at);
  }
  if (want !== undefined && !(on && now.AttributeName === want)) {
    await asProperty(() => ddb('UpdateTimeToLive', { TableName: q.name, TimeToLiveSpecification: { AttributeName: want, Enabled: true } }), at);
  }
}

async function applyTags(ddb: OperationsPort, q: TableRequest, arn: string): Promise<void> {
  const { Tags: list = [] } = await ddb('ListTagsOfResource', { ResourceArn: arn }) as { Tags?: { Key: string; Value: string }[] };
  const current = Object.fromEntries(list.map((t) => [t.Key, t.Value]));
  const gone = Object.keys(current).filter((k) => !(k in q.tags));
  if (gone.length) await asProperty(() => ddb('UntagResource', { ResourceArn: arn, TagKeys: gone }), ['Tags']);
  const changed = Object.entries(q.tags).filter(([k, v]) => current[k] !== v);
  if (changed.length) await asProperty(() => ddb('TagResource', { ResourceArn: arn, Tags: changed.map(([Key, Value]) => ({ Key, Value })) }), ['Tags']);
}

export async function applyTable(r: PlannedResource, ddb: OperationsPort, previous?: TableState): Promise<TableState> {
  const q = tableRequest(r.type, r.properties);
  const existing = await describe(ddb, q.name);
  if (!existing) {
    await asProperty(() => ddb('CreateTable', createTableInput(q)));
    await untilActive(ddb, q.name);
  } else {
    await update(ddb, q, existing.TableStatus === 'ACTIVE' ? existing : await untilActive(ddb, q.name));
  }
  await applyTtl(ddb, q);
  const d = await untilActive(ddb, q.name);
  if (previous && previous.name !== q.name) await removeTable(previous, ddb);
  const state: TableState = { name: q.name, arn: d.TableArn, retain: r.deletionPolicy === 'Retain' };
  if (d.StreamSpecification?.StreamEnabled && d.LatestStreamArn) state.streamArn = d.LatestStreamArn;
  return state;
}

export async function removeTable(state: TableState, ddb: OperationsPort): Promise<void> {
  if (state.retain) return;
  await asProperty(() => ignoring(['ResourceNotFoundException'], () => ddb('DeleteTable', { TableName: state.name })));
  // Gone (not DELETING) before the deploy ends, so a later deploy may create the name again.
  const deadline = Date.now() + ACTIVE_WITHIN_MS;
  for (let wait = 2; (await describe(ddb, state.name)) && Date.now() < deadline; wait = Math.min(wait * 2, 100)) {
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

const PLANNED_STREAM_ARN = new RegExp(`arn:[\\w-]+:dynamodb:[^:"]*:[^:"]*:table/([^/"]+)/stream/${STREAM_LABEL_TOKEN}`, 'g');

/**
 * `value` with every planned stream ARN (`!GetAtt T.StreamArn`, its label STREAM_LABEL_TOKEN)
 * replaced by the applied table's latest stream ARN; a table without a stream is a PropertyError at `at`.
 */
export function withStreamArns<T>(value: T, applied: readonly { type: string; state: unknown }[], at: KeyPath = []): T {
  if (typeof value === 'string') {
    if (!value.includes(STREAM_LABEL_TOKEN)) return value;
    return value.replace(PLANNED_STREAM_ARN, (planned, table: string) => {
      const t = applied.find((a) => TABLE_TYPES.includes(a.type) && (a.state as TableState | null)?.name === table)?.state as TableState | undefined;
      if (!t) throw new PropertyError(at, `${planned} names table ${table}, which this deployment has not created`);
      if (!t.streamArn) throw new PropertyError(at, `table ${table} has no stream: give it a StreamSpecification (StreamViewType) to use its StreamArn`);
      return t.streamArn;
    }) as T;
  }
  if (Array.isArray(value)) return value.map((v, i) => withStreamArns(v, applied, [...at, i])) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withStreamArns(v, applied, [...at, k])])) as T;
  }
  return value;
}

