// AWS::Lambda::EventInvokeConfig (and what serverless `destinations` / `maximumRetryAttempts` /
// `maximumEventAge` and SAM `EventInvokeConfig` become): a function's (or alias's) retry
// attempts, maximum event age and destinations, put through Lambda's in-process invoke
// configs with PutFunctionEventInvokeConfig's checks. Removed with its resource.
import type { PlannedResource } from '../plan';
import { PropertyError, type InvokeConfigPort, type InvokeConfigRequest } from './port';
import { asProperty, checkProperties, integer, string, type Input } from './property-checks';

export interface InvokeConfigState { functionName: string; qualifier: string }

const PROPERTIES = ['FunctionName', 'Qualifier', 'MaximumRetryAttempts', 'MaximumEventAgeInSeconds', 'DestinationConfig'];

/** The template's properties as a request (pure); FunctionName may be a name or an ARN. */
export function invokeConfigRequest(p: Input): InvokeConfigRequest {
  checkProperties(p, PROPERTIES);
  let functionName = string(p.FunctionName, ['FunctionName'], true)!;
  if (functionName.startsWith('arn:')) functionName = functionName.split(':')[6] ?? functionName;
  const req: InvokeConfigRequest = { functionName, qualifier: string(p.Qualifier, ['Qualifier']) ?? '$LATEST' };
  const retries = integer(p.MaximumRetryAttempts, ['MaximumRetryAttempts']);
  if (retries !== undefined) req.maximumRetryAttempts = retries;
  const age = integer(p.MaximumEventAgeInSeconds, ['MaximumEventAgeInSeconds']);
  if (age !== undefined) req.maximumEventAgeSeconds = age;
  const d = (p.DestinationConfig ?? {}) as Input;
  if (typeof d !== 'object' || Array.isArray(d)) throw new PropertyError(['DestinationConfig'], 'expected a map with OnSuccess and OnFailure');
  checkProperties(d, ['OnSuccess', 'OnFailure'], [], '', ['DestinationConfig']);
  for (const k of ['OnSuccess', 'OnFailure'] as const) {
    if (d[k] === undefined) continue;
    const target = d[k] as Input;
    checkProperties(target ?? {}, ['Destination'], [], '', ['DestinationConfig', k]);
    const arn = string(target?.Destination, ['DestinationConfig', k, 'Destination'], true)!;
    if (k === 'OnSuccess') req.onSuccess = arn;
    else req.onFailure = arn;
  }
  return req;
}

export async function applyInvokeConfig(r: PlannedResource, port: InvokeConfigPort, previous?: InvokeConfigState): Promise<InvokeConfigState> {
  const req = invokeConfigRequest(r.properties);
  await asProperty(() => port.put(req));
  if (previous && (previous.functionName !== req.functionName || previous.qualifier !== req.qualifier)) await removeInvokeConfig(previous, port);
  return { functionName: req.functionName, qualifier: req.qualifier };
}

export async function removeInvokeConfig(state: InvokeConfigState, port: InvokeConfigPort): Promise<void> {
  await port.delete(state.functionName, state.qualifier);
}
