// What every operation gets: the tables, the item store, the write queue and the clock.
import type { Account } from '../../kernel/arn';
import type { Clock } from '../../kernel/clock';
import type { ItemStore } from './store';
import type { Tables } from './tables';
import type { Writer } from './writer';

export type Input = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
export interface DynamoDbContext { tables: Tables; items: ItemStore; writer: Writer; clock: Clock; account: Account }
export type Operation = (ctx: DynamoDbContext, input: Input) => Promise<unknown>;
