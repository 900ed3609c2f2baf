// What every SQS operation is given: the parts of the service, and per call the endpoint
// queue URLs are built on (the Host the caller reached). Operations are plain functions
// from the API's JSON-shaped input (the model's member names) to its JSON-shaped output,
// so the JSON and query protocols can share them.
import type { Clock } from '../../kernel/clock';
import type { Arrivals } from './arrivals';
import { InvalidParameterValue, missing } from './errors';
import type { MessageStore } from './message-store';
import type { MoveTasks } from './move-tasks';
import type { Queues } from './queues';
import type { Receiver } from './receiver';
import type { Sender } from './sender';

export interface SqsContext {
  queues: Queues;
  messages: MessageStore;
  sender: Sender;
  receiver: Receiver;
  arrivals: Arrivals;
  tasks: MoveTasks;
  clock: Clock;
}

export interface Call { endpoint: string }
export type Input = Record<string, unknown>;
export type SqsOperation = (ctx: SqsContext, input: Input, call: Call) => Promise<unknown>;

export function requiredString(input: Input, name: string): string {
  const v = input[name];
  if (v === undefined || v === null || v === '') throw missing(name);
  if (typeof v !== 'string') throw new InvalidParameterValue(`Value for parameter ${name} is invalid. Reason: must be a string.`);
  return v;
}

export function optionalString(input: Input, name: string): string | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new InvalidParameterValue(`Value for parameter ${name} is invalid. Reason: must be a string.`);
  return v;
}

export function optionalInt(input: Input, name: string): number | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  const n = typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n)) throw new InvalidParameterValue(`Value ${String(v)} for parameter ${name} is invalid. Reason: must be an integer.`);
  return n;
}

export function stringMap(input: Input, name: string): Record<string, string> {
  const v = input[name];
  if (v === undefined || v === null) return {};
  if (typeof v !== 'object' || Array.isArray(v)) throw new InvalidParameterValue(`Value for parameter ${name} is invalid. Reason: must be a map.`);
  return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, String(x)]));
}

export function stringList(input: Input, name: string): string[] | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) throw new InvalidParameterValue(`Value for parameter ${name} is invalid. Reason: must be a list.`);
  return v.map(String);
}
