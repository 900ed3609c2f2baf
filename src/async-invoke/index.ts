// Asynchronous invocation: the durable event queue, its configuration per function and its
// destinations. The only module others import.
import type { Clock } from '../kernel/clock';
import type { Sql } from '../store/sql';
import { AsyncInvocations, type AsyncRunner } from './async-invocations';
import { Destinations } from './destinations';
import { EventInvokeConfigs } from './event-invoke-config';
import { EventStore } from './event-store';

export type { EventInvokeConfig } from './event-invoke-config';
export { EventInvokeConfigs } from './event-invoke-config';
export { Destinations, destinationService } from './destinations';
export type { AsyncInvocations } from './async-invocations';

export interface AsyncInvocationParts {
  queue: AsyncInvocations;
  configs: EventInvokeConfigs;
  destinations: Destinations;
}

/** Opens the stores; `queue.start()` then resumes the events a previous run left (once every
 * destination service is registered). */
export async function openAsyncInvocations(deps: { sql: Sql; clock: Clock; log: (m: string) => void; runner: AsyncRunner })
  : Promise<AsyncInvocationParts> {
  const configs = await EventInvokeConfigs.open(deps.sql);
  const destinations = new Destinations();
  const queue = new AsyncInvocations({ store: await EventStore.open(deps.sql), configs, destinations, runner: deps.runner,
    clock: deps.clock, log: deps.log });
  return { queue, configs, destinations };
}
