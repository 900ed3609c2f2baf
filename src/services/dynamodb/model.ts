// The table as this service keeps it (persisted as JSON in dynamodb_tables), and its
// index definitions. `describeTable` in describe.ts renders it as DynamoDB's TableDescription.
import type { KeyType } from './keys';
import type { TableStatus } from './table-state';

export interface KeyDef { name: string; type: KeyType }
export type ProjectionType = 'ALL' | 'KEYS_ONLY' | 'INCLUDE';
export interface Throughput { read: number; write: number; lastIncrease?: number; lastDecrease?: number; decreases?: number }

export type IndexStatus = 'CREATING' | 'UPDATING' | 'DELETING' | 'ACTIVE';
export interface IndexDef {
  name: string;
  kind: 'LSI' | 'GSI';
  hash: KeyDef;
  range?: KeyDef;
  projection: { type: ProjectionType; nonKey?: string[] };
  status: IndexStatus;
  /** GSI only: true while existing items are being copied in (CREATING). */
  backfilling?: boolean;
  throughput?: Throughput;
}

export interface StreamSettings { enabled: boolean; viewType?: 'KEYS_ONLY' | 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES'; label?: string }
export interface TtlSettings { attribute: string; status: 'ENABLING' | 'ENABLED' | 'DISABLING' | 'DISABLED' }

export interface Table {
  /** Storage id of this incarnation of the table (a re-created table gets a new one). */
  tid: string;
  name: string;
  arn: string;
  tableId: string;
  hash: KeyDef;
  range?: KeyDef;
  attributeDefinitions: KeyDef[];
  status: TableStatus;
  createdAt: number;
  billingMode: 'PROVISIONED' | 'PAY_PER_REQUEST';
  billingModeChangedAt?: number;
  throughput: Throughput;
  indexes: IndexDef[];
  stream?: StreamSettings;
  ttl?: TtlSettings;
  tags: Record<string, string>;
  deletionProtection?: boolean;
  tableClass?: string;
}

/** The key attribute names of the table plus those of an index (what KEYS_ONLY projects). */
export function keyNames(table: Table, index?: IndexDef): string[] {
  const names = [table.hash.name];
  if (table.range) names.push(table.range.name);
  if (index) for (const k of [index.hash, index.range]) if (k && !names.includes(k.name)) names.push(k.name);
  return names;
}

export function findIndex(table: Table, name: string): IndexDef | undefined {
  return table.indexes.find((i) => i.name === name);
}

export const streamArn = (table: Table): string | undefined =>
  table.stream?.label ? `${table.arn}/stream/${table.stream.label}` : undefined;
