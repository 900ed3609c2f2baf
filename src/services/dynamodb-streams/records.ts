// Stream records (pure): what one item change writes to a table's stream, as DynamoDB
// Streams records it. INSERT / MODIFY / REMOVE from the old and new item; Keys always;
// NewImage and OldImage as the StreamViewType says; nothing when the write changed nothing
// (an identical PutItem or an UpdateItem that sets the same values writes no record).
// Sequence numbers are per stream, increasing, rendered as DynamoDB's 21-digit decimal strings.
import { randomBytes } from 'node:crypto';

export type AttributeValue = Record<string, unknown>;
export type Item = Record<string, AttributeValue>;
export type StreamViewType = 'KEYS_ONLY' | 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES';
export type EventName = 'INSERT' | 'MODIFY' | 'REMOVE';

/** A record as stored: the Streams API and Lambda's event each add their envelope fields. */
export interface StoredRecord {
  eventID: string;
  eventName: EventName;
  dynamodb: {
    ApproximateCreationDateTime: number;
    Keys: Item;
    NewImage?: Item;
    OldImage?: Item;
    SequenceNumber: string;
    SizeBytes: number;
    StreamViewType: StreamViewType;
  };
  userIdentity?: { type: string; principalId: string };
}

export interface ChangeInput {
  keyNames: string[];
  viewType: StreamViewType;
  oldItem?: Item;
  newItem?: Item;
  seq: number;
  nowMs: number;
  userIdentity?: { type: string; principalId: string };
}

export const SEQUENCE_DIGITS = 21;
export const formatSequence = (n: number): string => String(n).padStart(SEQUENCE_DIGITS, '0');
/** The number of a sequence number string, or undefined when it is not one. */
export function parseSequence(s: unknown): number | undefined {
  if (typeof s !== 'string' || !/^\d{1,40}$/.test(s)) return undefined;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : undefined;
}

export function eventNameOf(oldItem: Item | undefined, newItem: Item | undefined): EventName | undefined {
  if (!oldItem && !newItem) return undefined;
  if (!oldItem) return 'INSERT';
  if (!newItem) return 'REMOVE';
  return 'MODIFY';
}

/** The canonical form of a value: set members sorted, map keys sorted. */
function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v).sort()) {
    const inner = (v as Record<string, unknown>)[k];
    out[k] = (k === 'SS' || k === 'NS' || k === 'BS') && Array.isArray(inner) ? [...inner].map(String).sort() : canonical(inner);
  }
  return out;
}

export const sameItem = (a: Item, b: Item): boolean => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

/** Bytes of an item by DynamoDB's rules, roughly: names plus values (numbers counted as their digits). */
export function itemBytes(item: Item | undefined): number {
  if (!item) return 0;
  let n = 0;
  for (const [name, v] of Object.entries(item)) n += Buffer.byteLength(name) + valueBytes(v);
  return n;
}

function valueBytes(v: AttributeValue): number {
  const [type, x] = Object.entries(v)[0] ?? ['NULL', true];
  switch (type) {
    case 'S': return Buffer.byteLength(String(x));
    case 'N': return Math.ceil(String(x).replace(/^-|\.|e.*$/gi, '').length / 2) + 1;
    case 'B': return Buffer.from(String(x), 'base64').length;
    case 'BOOL': case 'NULL': return 1;
    case 'SS': case 'NS': case 'BS': return (x as unknown[]).reduce<number>((s, m) => s + valueBytes({ [type[0]]: m }), 0);
    case 'L': return 3 + (x as AttributeValue[]).reduce<number>((s, m) => s + 1 + valueBytes(m), 0);
    case 'M': return 3 + Object.entries(x as Item).reduce<number>((s, [k, m]) => s + 1 + Buffer.byteLength(k) + valueBytes(m), 0);
    default: return 0;
  }
}

/** Whether a change writes a record: something was put or deleted, and the item is not the same as before. */
export const isRecordable = (oldItem: Item | undefined, newItem: Item | undefined): boolean =>
  eventNameOf(oldItem, newItem) !== undefined && !(oldItem && newItem && sameItem(oldItem, newItem));

/** The record one change writes, or undefined when there is nothing to record. */
export function changeRecord(c: ChangeInput): StoredRecord | undefined {
  if (!isRecordable(c.oldItem, c.newItem)) return undefined;
  const eventName = eventNameOf(c.oldItem, c.newItem)!;
  const source = (c.newItem ?? c.oldItem)!;
  const Keys: Item = {};
  for (const k of c.keyNames) if (source[k] !== undefined) Keys[k] = source[k];
  const withNew = (c.viewType === 'NEW_IMAGE' || c.viewType === 'NEW_AND_OLD_IMAGES') && c.newItem;
  const withOld = (c.viewType === 'OLD_IMAGE' || c.viewType === 'NEW_AND_OLD_IMAGES') && c.oldItem;
  const NewImage = withNew ? c.newItem : undefined;
  const OldImage = withOld ? c.oldItem : undefined;
  return {
    eventID: randomBytes(16).toString('hex'),
    eventName,
    dynamodb: {
      ApproximateCreationDateTime: Math.floor(c.nowMs / 1000),
      Keys,
      ...(NewImage ? { NewImage } : {}),
      ...(OldImage ? { OldImage } : {}),
      SequenceNumber: formatSequence(c.seq),
      SizeBytes: Math.max(1, itemBytes(Keys) + itemBytes(NewImage) + itemBytes(OldImage)),
      StreamViewType: c.viewType,
    },
    ...(c.userIdentity ? { userIdentity: { type: c.userIdentity.type, principalId: c.userIdentity.principalId } } : {}),
  };
}
