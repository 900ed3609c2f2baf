// The Application Auto Scaling API (awsJson1_1, target prefix AnyScaleFrontendService) for
// Lambda provisioned concurrency: scalable targets and scheduled scaling. The only module
// others import.
import type { Account } from '../../kernel/arn';
import type { Clock } from '../../kernel/clock';
import { handleJsonRequest, matchesTarget, type JsonOperation } from '../../protocols/aws-json';
import type { AwsService } from '../../protocols/aws-service';
import type { Sql } from '../../store/sql';
import { deleteScheduledAction, describeScheduledActions, putScheduledAction } from './actions';
import { InternalServiceException } from './errors';
import type { ProvisionedConcurrencyPort } from './port';
import { Scaler } from './scaler';
import { ScalingStore } from './store';
import { deregisterScalableTarget, describeScalableTargets, registerScalableTarget, type Ctx } from './targets';

export type { ProvisionedConcurrencyPort } from './port';

export const TARGET_PREFIX = 'AnyScaleFrontendService';

export interface ApplicationAutoScalingDeps {
  sql: Sql;
  clock: Clock;
  port: ProvisionedConcurrencyPort;
  account: Account;
  log: (message: string) => void;
}

export interface ApplicationAutoScaling {
  service: AwsService;
  /** Creates the tables, applies firings missed while stopped, arms every schedule. */
  start(): Promise<void>;
  /** Cancels every timer (state stays in SQL). */
  stop(): void;
  /** Resolves once every queued change and due firing is done (for tests driving a FakeClock). */
  settled(): Promise<void>;
  /** The operations in-process (deploy applies templates through it): same input shapes, validation and errors as the API. */
  control: ScalingControl;
}

type Input = Record<string, unknown>;

/** Operations called in-process with the API's request shape (timestamps in epoch seconds); errors are the API's AwsErrors. */
export interface ScalingControl {
  registerScalableTarget(input: Input): Promise<unknown>;
  deregisterScalableTarget(input: Input): Promise<unknown>;
  putScheduledAction(input: Input): Promise<unknown>;
  deleteScheduledAction(input: Input): Promise<unknown>;
}

export function createApplicationAutoScalingService(deps: ApplicationAutoScalingDeps): ApplicationAutoScaling {
  let scaler: Scaler | undefined;
  const ctx = (): Ctx => {
    if (!scaler) throw new Error('Application Auto Scaling used before start()');
    return { scaler, account: deps.account };
  };
  const op = (fn: (c: Ctx, input: Input) => Promise<unknown>): JsonOperation => (input) => fn(ctx(), input);
  const control: ScalingControl = {
    registerScalableTarget: (input) => registerScalableTarget(ctx(), input),
    deregisterScalableTarget: (input) => deregisterScalableTarget(ctx(), input),
    putScheduledAction: (input) => putScheduledAction(ctx(), input),
    deleteScheduledAction: (input) => deleteScheduledAction(ctx(), input),
  };
  const operations: Record<string, JsonOperation> = {
    RegisterScalableTarget: op(registerScalableTarget),
    DescribeScalableTargets: op(describeScalableTargets),
    DeregisterScalableTarget: op(deregisterScalableTarget),
    PutScheduledAction: op(putScheduledAction),
    DescribeScheduledActions: op(describeScheduledActions),
    DeleteScheduledAction: op(deleteScheduledAction),
  };
  return {
    control,
    service: {
      name: 'application-autoscaling',
      matches: (req, url) => matchesTarget(req, url, TARGET_PREFIX),
      handle: (req, res) => handleJsonRequest(req, res, {
        targetPrefix: TARGET_PREFIX, version: '1.1', operations, log: deps.log,
        messageKey: (code) => (code === 'SerializationException' || code === 'UnknownOperationException' ? 'message' : 'Message'),
        internalError: (m) => new InternalServiceException(m),
      }),
    },
    async start() {
      const store = await ScalingStore.open(deps.sql);
      scaler ??= new Scaler(store, deps.clock, deps.port, deps.log);
      await scaler.start();
    },
    stop() {
      scaler?.stop();
    },
    settled: async () => scaler?.settled(),
  };
}
