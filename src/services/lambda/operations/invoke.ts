// Invoke (POST /2015-03-31/functions/{FunctionName}/invocations). Headers
// X-Amz-Invocation-Type (RequestResponse | Event | DryRun), X-Amz-Log-Type (None |
// Tail), X-Amz-Client-Context; the payload must be JSON (empty means {}), at most 6 MB,
// and at most 1 MB for Event. Answers 200 with the function's bytes, 202 or 204.
import { parseJson } from '../../../protocols/rest-json';
import { InvalidRequestContentException, RequestEntityTooLargeException } from '../../../registry/errors';
import { throwViolations, violation } from '../../../registry/validate';
import type { InvocationType, LogType } from '../../../invoke/types';
import { functionNameLabel, qualifierParam } from '../common';
import type { Operation } from '../operation';

export const SYNC_PAYLOAD_LIMIT = 6_291_456;
export const ASYNC_PAYLOAD_LIMIT = 1_048_576;
const INVOCATION_TYPES: readonly string[] = ['Event', 'RequestResponse', 'DryRun'];
const LOG_TYPES: readonly string[] = ['None', 'Tail'];
const EMPTY_EVENT = Buffer.from('{}');

export const invoke: Operation = {
  name: 'Invoke',
  method: 'POST',
  path: '/2015-03-31/functions/{FunctionName}/invocations',
  async run(r) {
    const functionName = functionNameLabel(r, true);
    const qualifier = qualifierParam(r);
    const header = (name: string) => {
      const v = r.req.headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    const invocationType = header('x-amz-invocation-type') ?? 'RequestResponse';
    const logType = header('x-amz-log-type') ?? 'None';
    const v: string[] = [];
    if (!INVOCATION_TYPES.includes(invocationType)) {
      v.push(violation('invocationType', invocationType, `Member must satisfy enum value set: [${INVOCATION_TYPES.join(', ')}]`));
    }
    if (!LOG_TYPES.includes(logType)) v.push(violation('logType', logType, `Member must satisfy enum value set: [${LOG_TYPES.join(', ')}]`));
    throwViolations(v);

    const body = await r.rawBody(SYNC_PAYLOAD_LIMIT, () =>
      new RequestEntityTooLargeException(`Request must be smaller than ${SYNC_PAYLOAD_LIMIT} bytes for the InvokeFunction operation`));
    if (invocationType === 'Event' && body.length > ASYNC_PAYLOAD_LIMIT) {
      throw new RequestEntityTooLargeException(
        `${body.length} byte payload is too large for the Event invocation type (limit ${ASYNC_PAYLOAD_LIMIT} bytes)`);
    }
    if (body.length > 0) {
      const parsed = parseJson(body);
      if (!parsed.ok) throw new InvalidRequestContentException(`Could not parse request body into json: Could not parse payload into json: ${parsed.reason}`);
    }
    const out = await r.deps.invoker.invoke({
      functionName, qualifier,
      invocationType: invocationType as InvocationType,
      logType: logType as LogType,
      payload: body.length > 0 ? body : EMPTY_EVENT,
      clientContext: header('x-amz-client-context'),
    });
    const headers: Record<string, string> = {};
    if (out.executedVersion) headers['X-Amz-Executed-Version'] = out.executedVersion;
    if (out.functionError) headers['X-Amz-Function-Error'] = out.functionError;
    if (out.logResult) headers['X-Amz-Log-Result'] = out.logResult;
    if (out.statusCode !== 200) return { status: out.statusCode, headers };
    return { status: 200, payload: out.payload, headers: { ...headers, 'Content-Type': 'application/json' } };
  },
};
