// The asynchronous invocation configs as deployments use them (deploy/resources/port.ts):
// PutFunctionEventInvokeConfig's checks and errors (retry attempts 0-2, event age
// 60-21600 s, destinations Nimbus delivers to), in-process.
import type { InvokeConfigPort } from '../deploy/resources/port';
import { InvalidParameterValueException } from '../registry/errors';
import { destinationService } from './destinations';
import type { EventInvokeConfigs } from './event-invoke-config';

export function invokeConfigDeployPort(configs: EventInvokeConfigs, clock: { now(): number }): InvokeConfigPort {
  return {
    async put(req) {
      const range = (v: number | undefined, name: string, min: number, max: number) => {
        if (v !== undefined && (v < min || v > max)) {
          throw new InvalidParameterValueException(`1 validation error detected: Value '${v}' at '${name}' failed to satisfy constraint: `
            + `Member must have value ${v < min ? 'greater than or equal to' : 'less than or equal to'} ${v < min ? min : max}`);
        }
      };
      range(req.maximumRetryAttempts, 'maximumRetryAttempts', 0, 2);
      range(req.maximumEventAgeSeconds, 'maximumEventAgeInSeconds', 60, 21600);
      for (const arn of [req.onSuccess, req.onFailure]) {
        if (arn !== undefined && !destinationService(arn)) {
          throw new InvalidParameterValueException(`The destination ARN ${arn} is invalid. Nimbus delivers to SQS queues, SNS topics `
            + 'and Lambda functions.');
        }
      }
      await configs.put({ ...req, lastModified: clock.now() });
    },
    async delete(functionName, qualifier) {
      await configs.delete(functionName, qualifier);
    },
  };
}
