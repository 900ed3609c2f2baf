// What SNS needs from the rest of Nimbus, wired by main.ts (services never import each other).
// Each port throws when the target refuses; an error with a 4xx status (other than 429) is
// permanent (the queue or function does not exist) and is not retried.

export interface SnsSqsAttribute { DataType: string; StringValue?: string; BinaryValue?: string }

export interface SnsPorts {
  /** Sends to a queue by ARN (the SqsPort's sendMessage); durable once it resolves. */
  sqs?: { sendMessage(queueArn: string, input: { body: string; messageAttributes?: Record<string, SnsSqsAttribute>;
    messageGroupId?: string; messageDeduplicationId?: string }): Promise<unknown> };
  /** Invokes a function asynchronously (InvocationType Event); durable once it resolves. */
  invokeAsync?: (functionArn: string, payload: string) => Promise<void>;
  /** Hands an email to the local mail sink (SES). */
  sendEmail?: (mail: { from: string; to: string; subject: string; text: string }) => Promise<void>;
}

/** Whether a delivery error means "never going to work" (SNS's client-side errors: no retry). */
export function isPermanent(err: unknown): boolean {
  const status = (err as { status?: unknown; statusCode?: unknown })?.status ?? (err as { statusCode?: unknown })?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 && status !== 429;
}
