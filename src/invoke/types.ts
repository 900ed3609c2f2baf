// The one door to running a function: what callers pass and get back.

export type InvocationType = 'RequestResponse' | 'Event' | 'DryRun';
export type LogType = 'None' | 'Tail';

export interface InvokeInput {
  /** FunctionName in any form Lambda accepts. */
  functionName: string;
  qualifier?: string;
  invocationType: InvocationType;
  logType: LogType;
  /** Already checked by the caller to be JSON and within the size limits. */
  payload: Buffer;
  /** Base64 client context (X-Amz-Client-Context), passed through to the runtime. */
  clientContext?: string;
}

export interface InvokeOutput {
  statusCode: 200 | 202 | 204;
  /** Function result bytes, or the error JSON when functionError is set. */
  payload: Buffer;
  /** `Unhandled` when the invocation failed (function error, timeout, crash). */
  functionError?: string;
  /** base64 of the last 4 KB of the invocation's log, when logType is Tail. */
  logResult?: string;
  executedVersion?: string;
}

export interface Invoker {
  /** Throws AWS errors (ResourceNotFoundException, TooManyRequestsException, ...). */
  invoke(input: InvokeInput): Promise<InvokeOutput>;
}
