// What Lambda sends about an asynchronous invocation (pure): the invocation record that goes
// to an OnSuccess / OnFailure destination, and the message attributes of a dead-letter
// queue message (whose body is the event itself).

export type RecordCondition = 'Success' | 'RetriesExhausted' | 'EventAgeExceeded';

export interface RecordInput {
  requestId: string;
  /** The invoked function's ARN with its qualifier (`...:function:name:$LATEST`). */
  functionArn: string;
  condition: RecordCondition;
  approximateInvokeCount: number;
  timestamp: number;
  /** The event as accepted. */
  payload: string;
  /** The last attempt's answer, when the function ran. */
  response?: { executedVersion: string; functionError?: string; payload: string };
}

/** The invocation record (version 1.0), as Lambda writes it for destinations. */
export function invocationRecord(r: RecordInput): string {
  const record: Record<string, unknown> = {
    version: '1.0',
    timestamp: new Date(r.timestamp).toISOString(),
    requestContext: { requestId: r.requestId, functionArn: r.functionArn, condition: r.condition,
      approximateInvokeCount: r.approximateInvokeCount },
    requestPayload: jsonOrText(r.payload),
  };
  if (r.response) {
    record.responseContext = { statusCode: 200, executedVersion: r.response.executedVersion,
      ...(r.response.functionError ? { functionError: r.response.functionError } : {}) };
    record.responsePayload = r.response.payload === '' ? null : jsonOrText(r.response.payload);
  }
  return JSON.stringify(record);
}

export interface DlqAttribute { dataType: 'String' | 'Number'; stringValue: string }

/** A dead-letter message's attributes: RequestID, ErrorCode (the status, 200 when the function
 * ran) and ErrorMessage (the function's error message, at most 1 KB). */
export function deadLetterAttributes(requestId: string, errorPayload: string | undefined): Record<string, DlqAttribute> {
  let message = 'Event age exceeded';
  if (errorPayload !== undefined) {
    const parsed = jsonOrText(errorPayload) as { errorMessage?: unknown } | string;
    message = typeof parsed === 'object' && parsed && typeof parsed.errorMessage === 'string' ? parsed.errorMessage : errorPayload;
  }
  return {
    RequestID: { dataType: 'String', stringValue: requestId },
    ErrorCode: { dataType: 'Number', stringValue: '200' },
    ErrorMessage: { dataType: 'String', stringValue: truncate(message, 1024) },
  };
}

function jsonOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function truncate(s: string, bytes: number): string {
  const b = Buffer.from(s);
  return b.length <= bytes ? s : b.subarray(0, bytes).toString('utf8').replace(/\uFFFD$/, '');
}
