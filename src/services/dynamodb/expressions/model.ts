// The shapes every expression module shares: DynamoDB's AttributeValue and Item, the
// ExpressionAttributeNames/Values of one request, and the checked ASTs the parsers produce
// (names and values already substituted, so evaluation needs only the item).

export type AttributeValue = {
  S?: string; N?: string; B?: string /* base64 */; SS?: string[]; NS?: string[]; BS?: string[];
  M?: Record<string, AttributeValue>; L?: AttributeValue[]; NULL?: boolean; BOOL?: boolean;
};
export type Item = Record<string, AttributeValue>;
export type AttributeType = 'S' | 'N' | 'B' | 'SS' | 'NS' | 'BS' | 'M' | 'L' | 'NULL' | 'BOOL';
export const ATTRIBUTE_TYPES: readonly AttributeType[] = ['S', 'N', 'B', 'SS', 'NS', 'BS', 'M', 'L', 'NULL', 'BOOL'];

export interface ExpressionInput { names?: Record<string, string>; values?: Record<string, AttributeValue> }

/** Parsed and checked; `usedNames`/`usedValues` feed checkUnused across the request's expressions. */
export interface Parsed<T> { ast: T; usedNames: Set<string>; usedValues: Set<string> }

/** A document path: attribute names (strings) and list indexes (numbers), `a.b[2].c` → ['a','b',2,'c']. */
export type DocumentPath = (string | number)[];

export type Operand =
  | { kind: 'path'; path: DocumentPath }
  | { kind: 'value'; value: AttributeValue }
  | { kind: 'size'; operand: Operand };

export type Comparator = '=' | '<>' | '<' | '<=' | '>' | '>=';
export type ConditionFunction = 'attribute_exists' | 'attribute_not_exists' | 'attribute_type' | 'begins_with' | 'contains';

export type Condition =
  | { kind: 'and' | 'or'; left: Condition; right: Condition }
  | { kind: 'not'; condition: Condition }
  | { kind: 'compare'; op: Comparator; left: Operand; right: Operand }
  | { kind: 'between'; operand: Operand; low: Operand; high: Operand }
  | { kind: 'in'; operand: Operand; list: Operand[] }
  | { kind: 'function'; name: ConditionFunction; args: Operand[] }
  /** Only from legacy parameters: an empty Expected/QueryFilter map. */
  | { kind: 'true' };

export type KeyRangeOp = '=' | '<' | '<=' | '>' | '>=' | 'BETWEEN' | 'begins_with';
export interface KeyCondition {
  hashValue: AttributeValue;
  range?: { op: KeyRangeOp; values: AttributeValue[] };
}

/** The right-hand side of a SET action. */
export type SetValue =
  | { kind: 'path'; path: DocumentPath }
  | { kind: 'value'; value: AttributeValue }
  | { kind: 'if_not_exists'; path: DocumentPath; fallback: SetValue }
  | { kind: 'list_append'; first: SetValue; second: SetValue }
  | { kind: '+' | '-'; left: SetValue; right: SetValue };

export type UpdateAction =
  | { action: 'SET'; path: DocumentPath; value: SetValue }
  | { action: 'REMOVE'; path: DocumentPath }
  /** ADD of numbers and sets; lists only from legacy AttributeUpdates. */
  | { action: 'ADD'; path: DocumentPath; value: AttributeValue }
  /** DELETE of set elements; without a value (legacy only) the attribute is removed. */
  | { action: 'DELETE'; path: DocumentPath; value?: AttributeValue };

export interface UpdatePlan { actions: UpdateAction[] }
