// The table's lifecycle, an explicit state machine:
//   CREATING ──created──▶ ACTIVE ──update──▶ UPDATING ──updated──▶ ACTIVE
//                          ACTIVE ──delete──▶ DELETING ──(gone)
// `transition` is the only place the status changes; anything else is a ResourceInUseException
// with DynamoDB's message. Pure.
import { ResourceInUseException } from './errors';

export type TableStatus = 'CREATING' | 'ACTIVE' | 'UPDATING' | 'DELETING';
export type TableEvent = 'created' | 'update' | 'updated' | 'delete';

const TABLE: Record<TableStatus, Partial<Record<TableEvent, TableStatus>>> = {
  CREATING: { created: 'ACTIVE' },
  ACTIVE: { update: 'UPDATING', delete: 'DELETING' },
  UPDATING: { updated: 'ACTIVE' },
  DELETING: {},
};

const BUSY: Record<TableStatus, string> = {
  CREATING: 'Table is being created',
  UPDATING: 'Table is being updated',
  DELETING: 'Table is being deleted',
  ACTIVE: 'Table is active',
};

export function transition(status: TableStatus, event: TableEvent, name: string): TableStatus {
  const next = TABLE[status][event];
  if (!next) throw new ResourceInUseException(`Attempt to change a resource which is still in use: ${BUSY[status]}: ${name}`);
  return next;
}

/** Whether item reads and writes are served: every state but CREATING (and DELETING, which looks gone). */
export function servesItems(status: TableStatus): boolean {
  return status === 'ACTIVE' || status === 'UPDATING';
}
