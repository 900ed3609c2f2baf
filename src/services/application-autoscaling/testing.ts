// Test support: the service on a real AWS listener with a FakeClock, a port that records
// what it is told, the official SDK client, and short-hands for its commands.
import assert from 'node:assert/strict';
import {
  ApplicationAutoScalingClient,
  PutScheduledActionCommand, RegisterScalableTargetCommand,
} from '@aws-sdk/client-application-auto-scaling';
import { AwsError } from '../../kernel/aws-error';
import { FakeClock } from '../../kernel/clock';
import { startAwsListener, type Listener } from '../../gateway/aws-listener';
import type { Sql } from '../../store/sql';
import { createApplicationAutoScalingService, type ApplicationAutoScaling, type ProvisionedConcurrencyPort } from './index';

export const NS = 'lambda' as const;
export const DIM = 'lambda:function:ProvisionedConcurrency' as const;
export const START = Date.parse('2026-01-05T00:00:00Z'); // a Monday

class ResourceNotFoundException extends AwsError { constructor(m: string) { super(m, 404); } }

/** Records every call; function `missing` does not exist. */
export class RecordingPort implements ProvisionedConcurrencyPort {
  calls: { fn: string; qualifier: string; n: number; at: string }[] = [];
  constructor(private clock: FakeClock) {}
  async setProvisionedConcurrency(fn: string, qualifier: string, n: number): Promise<void> {
    if (fn === 'missing') throw new ResourceNotFoundException(`Function not found: ${fn}`);
    this.calls.push({ fn, qualifier, n, at: new Date(this.clock.now()).toISOString() });
  }
}

export interface Running {
  client: ApplicationAutoScalingClient;
  app: ApplicationAutoScaling;
  clock: FakeClock;
  port: RecordingPort;
  /** Moves the clock by `ms` in `step`s, letting each firing finish. */
  advance(ms: number, step?: number): Promise<void>;
  close(): Promise<void>;
}

export async function run(sql: Sql, clock = new FakeClock(START), port = new RecordingPort(clock)): Promise<Running> {
  const logs: string[] = [];
  const app = createApplicationAutoScalingService({ sql, clock, port, account: { accountId: '000000000000', region: 'us-east-1' },
    log: (m) => logs.push(m) });
  await app.start();
  const listener: Listener = await startAwsListener({ port: 0, host: '127.0.0.1', services: [app.service],
    admin: async () => {}, log: (m) => logs.push(m) });
  const client = new ApplicationAutoScalingClient({ endpoint: `http://127.0.0.1:${listener.port}`, region: 'us-east-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'y' }, maxAttempts: 1 });
  return {
    client, app, clock, port,
    async advance(ms, step = 60_000) {
      for (let done = 0; done < ms; done += step) {
        clock.advance(Math.min(step, ms - done));
        await app.settled();
      }
    },
    async close() {
      client.destroy();
      app.stop();
      await listener.close();
    },
  };
}

export const register = (r: Running, name: string, min?: number, max?: number, qualifier = 'live') =>
  r.client.send(new RegisterScalableTargetCommand({ ServiceNamespace: NS, ScalableDimension: DIM,
    ResourceId: `function:${name}:${qualifier}`, MinCapacity: min, MaxCapacity: max }));

export const put = (r: Running, name: string, schedule: string, min?: number, max?: number, extra: object = {}) =>
  r.client.send(new PutScheduledActionCommand({ ServiceNamespace: NS, ScalableDimension: DIM, ResourceId: 'function:f:live',
    ScheduledActionName: name, Schedule: schedule, ScalableTargetAction: { MinCapacity: min, MaxCapacity: max }, ...extra }));

export const sdkError = (name: string, message?: RegExp) => (e: any) => {
  assert.equal(e.name, name, e.message);
  if (message) assert.match(e.message, message);
  return true;
};

