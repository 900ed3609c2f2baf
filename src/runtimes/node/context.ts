// The `context` argument of a Node.js handler, as AWS builds it: the function's fields from
// the environment, the invocation's from the /next headers, the callback controls, and
// getRemainingTimeInMillis() counted down to Lambda-Runtime-Deadline-Ms.
import type { CallbackControls } from './callback';

type InvokeHeaders = Record<string, string | undefined>;

// Fixed for the life of the environment, so read once: at the first invocation, not at load
// time, because a stem cell loads this module before it learns which function it runs.
let fixed: Pick<LambdaContext, 'functionVersion' | 'functionName' | 'memoryLimitInMB' | 'logGroupName' | 'logStreamName'>
  | undefined;
function functionFields(): NonNullable<typeof fixed> {
  const env = process.env;
  return fixed ??= {
    functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION,
    functionName: env.AWS_LAMBDA_FUNCTION_NAME,
    memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE, // a string, as on AWS
    logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME,
  };
}

/** A stem cell's warm-up built a context before the cell had a function: forget its fields. */
export function forgetFunctionFields(): void {
  fixed = undefined;
}

export interface LambdaContext {
  callbackWaitsForEmptyEventLoop: boolean;
  succeed(result?: unknown): void;
  fail(error?: unknown): void;
  done(error?: unknown, result?: unknown): void;
  functionVersion: string | undefined;
  functionName: string | undefined;
  memoryLimitInMB: string | undefined;
  logGroupName: string | undefined;
  logStreamName: string | undefined;
  clientContext: unknown;
  identity: unknown;
  invokedFunctionArn: string | undefined;
  awsRequestId: string;
  getRemainingTimeInMillis(): number;
}

/** Builds the context; throws (as AWS's does) when a JSON header does not parse. */
export function buildContext(requestId: string, headers: InvokeHeaders, controls: CallbackControls): LambdaContext {
  const deadline = Number(headers['lambda-runtime-deadline-ms']);
  return {
    get callbackWaitsForEmptyEventLoop() { return controls.waitsForEmptyEventLoop(); },
    set callbackWaitsForEmptyEventLoop(value: boolean) { controls.setWaitsForEmptyEventLoop(value); },
    succeed: controls.succeed,
    fail: controls.fail,
    done: controls.done,
    ...functionFields(),
    clientContext: parseJson(headers['lambda-runtime-client-context'], 'ClientContext'),
    identity: parseJson(headers['lambda-runtime-cognito-identity'], 'CognitoIdentity'),
    invokedFunctionArn: headers['lambda-runtime-invoked-function-arn'],
    awsRequestId: requestId,
    getRemainingTimeInMillis: () => deadline - Date.now(),
  };
}

/** Copies the X-Ray header into _X_AMZN_TRACE_ID for this invocation, or clears it. */
export function forwardTraceId(headers: InvokeHeaders): void {
  const trace = headers['lambda-runtime-trace-id'];
  if (trace) process.env._X_AMZN_TRACE_ID = trace;
  else delete process.env._X_AMZN_TRACE_ID;
}

function parseJson(text: string | undefined, name: string): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new Error(`Cannot parse ${name} as json: ${String(err)}`);
  }
}
