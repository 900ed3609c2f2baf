// The PartiQL statements DynamoDB runs, as parsed (parameters not yet bound). Document paths
// are attribute names (strings) and list indexes (numbers); `pos` is the offset in the
// statement, for messages.
import type { AttributeValue } from '../expr';

export type DocPath = (string | number)[];
export type Comparison = '=' | '<>' | '<' | '<=' | '>' | '>=';

export type Expr =
  | { k: 'value'; v: AttributeValue; pos: number }
  | { k: 'param'; i: number; pos: number }
  | { k: 'missing'; pos: number }
  | { k: 'path'; path: DocPath; pos: number }
  | { k: 'list'; items: Expr[]; pos: number }
  | { k: 'bag'; items: Expr[]; pos: number }
  | { k: 'map'; entries: [string, Expr][]; pos: number }
  | { k: 'call'; name: string; args: Expr[]; pos: number }
  | { k: 'arith'; op: '+' | '-'; l: Expr; r: Expr; pos: number }
  | { k: 'cmp'; op: Comparison; l: Expr; r: Expr; pos: number }
  | { k: 'between'; e: Expr; lo: Expr; hi: Expr; not: boolean; pos: number }
  | { k: 'in'; e: Expr; list: Expr[]; not: boolean; pos: number }
  | { k: 'is'; e: Expr; what: 'MISSING' | 'NULL'; not: boolean; pos: number }
  | { k: 'and' | 'or'; l: Expr; r: Expr; pos: number }
  | { k: 'not'; e: Expr; pos: number };

export type Returning = 'ALL_OLD' | 'UPDATED_OLD' | 'ALL_NEW' | 'UPDATED_NEW';
export type UpdateAction = { op: 'SET'; path: DocPath; value: Expr } | { op: 'REMOVE'; path: DocPath };

export interface Select { kind: 'select'; table: string; index?: string; projection: '*' | DocPath[]; where?: Expr }
export interface Insert { kind: 'insert'; table: string; value: Expr }
export interface Update { kind: 'update'; table: string; actions: UpdateAction[]; where?: Expr; returning?: Returning }
export interface Delete { kind: 'delete'; table: string; where?: Expr; returning?: Returning }
/** `EXISTS(SELECT ...)`: only in ExecuteTransaction, as TransactWriteItems' ConditionCheck. */
export interface Exists { kind: 'exists'; select: Select }

export type Statement = (Select | Insert | Update | Delete | Exists) & { params: number };
