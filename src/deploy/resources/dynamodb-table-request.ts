// A DynamoDB table resource's properties (AWS::DynamoDB::Table, AWS::Serverless::SimpleTable)
// checked and turned into DynamoDB's CreateTable input (pure; dynamodb-table.ts applies it).
import { show } from '../deploy-error';
import type { KeyPath } from '../yaml-document';
import { PropertyError } from './port';
import { boolean, checkProperties, integer, list, string, tags, type Input } from './property-checks';

export const TABLE_TYPES: readonly string[] = ['AWS::DynamoDB::Table', 'AWS::Serverless::SimpleTable'];

export interface TableState { name: string; arn: string; streamArn?: string; retain: boolean }

export interface KeyElement { AttributeName: string; KeyType: string }
export interface Throughput { ReadCapacityUnits: number; WriteCapacityUnits: number }
export interface IndexRequest { IndexName: string; KeySchema: KeyElement[]; Projection: Input; ProvisionedThroughput?: Throughput }

/** What the template asks of the table (pure), with where each part is written for errors. */
export interface TableRequest {
  name: string;
  attributeDefinitions: { AttributeName: string; AttributeType: string }[];
  keySchema: KeyElement[];
  billingMode: 'PROVISIONED' | 'PAY_PER_REQUEST';
  throughput?: Throughput;
  gsis: IndexRequest[];
  lsis: IndexRequest[];
  /** The stream's view type; undefined: no stream. */
  streamViewType?: string;
  ttl?: { attribute: string; enabled: boolean };
  tags: Record<string, string>;
  deletionProtection?: boolean;
  tableClass?: string;
  /** Where the key schema is written (`KeySchema`, or SimpleTable's `PrimaryKey`). */
  keyPath: KeyPath;
}

const TABLE_PROPERTIES = ['TableName', 'AttributeDefinitions', 'KeySchema', 'BillingMode', 'ProvisionedThroughput', 'GlobalSecondaryIndexes',
  'LocalSecondaryIndexes', 'StreamSpecification', 'TimeToLiveSpecification', 'Tags', 'DeletionProtectionEnabled', 'TableClass',
  // Accepted; they change nothing on one machine (encryption at rest, backups, CloudWatch).
  'SSESpecification', 'PointInTimeRecoverySpecification', 'ContributorInsightsSpecification'];
const TABLE_UNSERVED = ['KinesisStreamSpecification', 'ImportSourceSpecification', 'ResourcePolicy', 'OnDemandThroughput', 'WarmThroughput'];
const SIMPLE_PROPERTIES = ['TableName', 'PrimaryKey', 'ProvisionedThroughput', 'Tags', 'SSESpecification', 'PointInTimeRecoverySpecification'];
const INDEX_KEYS = ['IndexName', 'KeySchema', 'Projection'];
const STREAM_VIEW_TYPES = ['KEYS_ONLY', 'NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES'];
const SIMPLE_TYPES: Record<string, string> = { String: 'S', Number: 'N', Binary: 'B' };

const map = (v: unknown, at: KeyPath): Input => {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new PropertyError(at, `expected a map, got ${show(v)}`);
  return v as Input;
};

function throughput(v: unknown, at: KeyPath): Throughput | undefined {
  if (v === undefined || v === null) return undefined;
  const p = map(v, at);
  checkProperties(p, ['ReadCapacityUnits', 'WriteCapacityUnits'], [], '', at);
  const read = integer(p.ReadCapacityUnits, [...at, 'ReadCapacityUnits']);
  const write = integer(p.WriteCapacityUnits, [...at, 'WriteCapacityUnits']);
  if (read === undefined || write === undefined) throw new PropertyError(at, 'ReadCapacityUnits and WriteCapacityUnits are both required');
  return { ReadCapacityUnits: read, WriteCapacityUnits: write };
}

function keySchema(v: unknown, at: KeyPath): KeyElement[] {
  if (v === undefined || v === null) throw new PropertyError(at, `${at[at.length - 1]} is required (a list of {AttributeName, KeyType})`);
  return list(v, at).map((k, i) => {
    const e = map(k, [...at, i]);
    checkProperties(e, ['AttributeName', 'KeyType'], [], '', [...at, i]);
    const type = string(e.KeyType, [...at, i, 'KeyType'], true)!;
    if (type !== 'HASH' && type !== 'RANGE') throw new PropertyError([...at, i, 'KeyType'], `expected HASH or RANGE, got ${show(type)}`);
    return { AttributeName: string(e.AttributeName, [...at, i, 'AttributeName'], true)!, KeyType: type };
  });
}

function indexes(v: unknown, at: KeyPath, global: boolean): IndexRequest[] {
  if (v === undefined || v === null) return [];
  return list(v, at).map((x, i) => {
    const ix = map(x, [...at, i]);
    checkProperties(ix, global ? [...INDEX_KEYS, 'ProvisionedThroughput'] : INDEX_KEYS,
      global ? ['ContributorInsightsSpecification', 'OnDemandThroughput', 'WarmThroughput'] : [], '', [...at, i]);
    const projection = map(ix.Projection ?? {}, [...at, i, 'Projection']);
    checkProperties(projection, ['ProjectionType', 'NonKeyAttributes'], [], '', [...at, i, 'Projection']);
    const out: IndexRequest = { IndexName: string(ix.IndexName, [...at, i, 'IndexName'], true)!,
      KeySchema: keySchema(ix.KeySchema, [...at, i, 'KeySchema']), Projection: projection };
    const tp = global ? throughput(ix.ProvisionedThroughput, [...at, i, 'ProvisionedThroughput']) : undefined;
    if (tp) out.ProvisionedThroughput = tp;
    return out;
  });
}

function billingMode(v: unknown, at: KeyPath): 'PROVISIONED' | 'PAY_PER_REQUEST' {
  const mode = string(v, at) ?? 'PROVISIONED';
  if (mode !== 'PROVISIONED' && mode !== 'PAY_PER_REQUEST') throw new PropertyError(at, `expected PROVISIONED or PAY_PER_REQUEST, got ${show(v)}`);
  return mode;
}

/** The template's properties (either type) as what DynamoDB is asked for (pure). */
export function tableRequest(type: string, props: Input): TableRequest {
  return type === 'AWS::Serverless::SimpleTable' ? simpleTableRequest(props) : fullTableRequest(props);
}

function fullTableRequest(props: Input): TableRequest {
  checkProperties(props, TABLE_PROPERTIES, TABLE_UNSERVED);
  const defs = list(props.AttributeDefinitions ?? [], ['AttributeDefinitions']).map((d, i) => {
    const e = map(d, ['AttributeDefinitions', i]);
    checkProperties(e, ['AttributeName', 'AttributeType'], [], '', ['AttributeDefinitions', i]);
    const t = string(e.AttributeType, ['AttributeDefinitions', i, 'AttributeType'], true)!;
    if (!['S', 'N', 'B'].includes(t)) throw new PropertyError(['AttributeDefinitions', i, 'AttributeType'], `expected S, N or B, got ${show(t)}`);
    return { AttributeName: string(e.AttributeName, ['AttributeDefinitions', i, 'AttributeName'], true)!, AttributeType: t };
  });
  const billing = billingMode(props.BillingMode, ['BillingMode']);
  let streamViewType: string | undefined;
  if (props.StreamSpecification !== undefined && props.StreamSpecification !== null) {
    const s = map(props.StreamSpecification, ['StreamSpecification']);
    checkProperties(s, ['StreamViewType'], ['ResourcePolicy'], '', ['StreamSpecification']);
    streamViewType = string(s.StreamViewType, ['StreamSpecification', 'StreamViewType'], true);
    if (!STREAM_VIEW_TYPES.includes(streamViewType!)) {
      throw new PropertyError(['StreamSpecification', 'StreamViewType'], `expected one of ${STREAM_VIEW_TYPES.join(', ')}, got ${show(s.StreamViewType)}`);
    }
  }
  let ttl: TableRequest['ttl'];
  if (props.TimeToLiveSpecification !== undefined && props.TimeToLiveSpecification !== null) {
    const at = ['TimeToLiveSpecification'];
    const t = map(props.TimeToLiveSpecification, at);
    checkProperties(t, ['AttributeName', 'Enabled'], [], '', at);
    const enabled = boolean(t.Enabled, [...at, 'Enabled']);
    if (enabled === undefined) throw new PropertyError([...at, 'Enabled'], 'Enabled is required (true or false)');
    const attribute = string(t.AttributeName, [...at, 'AttributeName'], enabled);
    ttl = { attribute: attribute ?? '', enabled };
  }
  const out: TableRequest = {
    name: string(props.TableName, ['TableName'], true)!,
    attributeDefinitions: defs,
    keySchema: keySchema(props.KeySchema, ['KeySchema']),
    billingMode: billing,
    throughput: throughput(props.ProvisionedThroughput, ['ProvisionedThroughput']),
    gsis: indexes(props.GlobalSecondaryIndexes, ['GlobalSecondaryIndexes'], true),
    lsis: indexes(props.LocalSecondaryIndexes, ['LocalSecondaryIndexes'], false),
    streamViewType, ttl,
    tags: tags(props.Tags, ['Tags']),
    deletionProtection: boolean(props.DeletionProtectionEnabled, ['DeletionProtectionEnabled']),
    tableClass: string(props.TableClass, ['TableClass']),
    keyPath: ['KeySchema'],
  };
  if (billing === 'PROVISIONED' && !out.throughput) {
    throw new PropertyError(['ProvisionedThroughput'], 'ProvisionedThroughput is required when BillingMode is PROVISIONED (the default); or set BillingMode: PAY_PER_REQUEST');
  }
  if (billing === 'PAY_PER_REQUEST' && out.throughput) {
    throw new PropertyError(['ProvisionedThroughput'], 'ProvisionedThroughput cannot be given when BillingMode is PAY_PER_REQUEST');
  }
  return out;
}

/** SAM's SimpleTable: a one-attribute primary key (default `id`, a String), on demand unless ProvisionedThroughput is given. */
function simpleTableRequest(props: Input): TableRequest {
  checkProperties(props, SIMPLE_PROPERTIES);
  const key = props.PrimaryKey === undefined || props.PrimaryKey === null ? {} : map(props.PrimaryKey, ['PrimaryKey']);
  checkProperties(key, ['Name', 'Type'], [], '', ['PrimaryKey']);
  const name = string(key.Name, ['PrimaryKey', 'Name']) ?? 'id';
  const type = string(key.Type, ['PrimaryKey', 'Type']) ?? 'String';
  if (!SIMPLE_TYPES[type]) throw new PropertyError(['PrimaryKey', 'Type'], `expected String, Number or Binary, got ${show(key.Type)}`);
  const tp = throughput(props.ProvisionedThroughput, ['ProvisionedThroughput']);
  const tagMap = props.Tags === undefined || props.Tags === null ? {} : map(props.Tags, ['Tags']);
  return {
    name: string(props.TableName, ['TableName'], true)!,
    attributeDefinitions: [{ AttributeName: name, AttributeType: SIMPLE_TYPES[type] }],
    keySchema: [{ AttributeName: name, KeyType: 'HASH' }],
    billingMode: tp ? 'PROVISIONED' : 'PAY_PER_REQUEST',
    throughput: tp, gsis: [], lsis: [],
    tags: Object.fromEntries(Object.entries(tagMap).map(([k, v]) => [k, string(v, ['Tags', k]) ?? ''])),
    keyPath: ['PrimaryKey'],
  };
}

/** The CreateTable input for a request (pure). */
export function createTableInput(q: TableRequest): Input {
  const input: Input = { TableName: q.name, AttributeDefinitions: q.attributeDefinitions, KeySchema: q.keySchema, BillingMode: q.billingMode };
  if (q.throughput) input.ProvisionedThroughput = q.throughput;
  if (q.gsis.length) input.GlobalSecondaryIndexes = q.gsis;
  if (q.lsis.length) input.LocalSecondaryIndexes = q.lsis;
  if (q.streamViewType) input.StreamSpecification = { StreamEnabled: true, StreamViewType: q.streamViewType };
  if (Object.keys(q.tags).length) input.Tags = Object.entries(q.tags).map(([Key, Value]) => ({ Key, Value }));
  if (q.deletionProtection !== undefined) input.DeletionProtectionEnabled = q.deletionProtection;
  if (q.tableClass !== undefined) input.TableClass = q.tableClass;
  return input;
}
