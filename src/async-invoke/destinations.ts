// Where an asynchronous invocation's outcome goes: the OnSuccess / OnFailure destination and
// the function's dead-letter queue, each an ARN of a queue (SQS), a topic (SNS) or a function
// (invoked asynchronously with the record). The services register their senders as they start.
import type { DlqAttribute } from './invocation-record';

export type MessageAttributes = Record<string, DlqAttribute>;

export interface DestinationSenders {
  sqs?: (queueArn: string, body: string, attributes?: MessageAttributes) => Promise<void>;
  sns?: (topicArn: string, message: string, attributes?: MessageAttributes) => Promise<void>;
  lambda?: (functionArn: string, payload: string) => Promise<void>;
}

/** The service of a destination ARN Nimbus can deliver to, else undefined. */
export function destinationService(arn: string): 'sqs' | 'sns' | 'lambda' | undefined {
  const m = /^arn:aws[a-zA-Z-]*:(sqs|sns|lambda):[a-z0-9-]+:\d{12}:.+$/.exec(arn);
  return m ? (m[1] as 'sqs' | 'sns' | 'lambda') : undefined;
}

export class Destinations {
  private senders: DestinationSenders = {};

  register(senders: DestinationSenders): void {
    this.senders = { ...this.senders, ...senders };
  }

  /** Delivers to `arn`; throws when its service is not served or the target is missing. */
  async send(arn: string, body: string, attributes?: MessageAttributes): Promise<void> {
    const service = destinationService(arn);
    if (service === 'sqs' && this.senders.sqs) return this.senders.sqs(arn, body, attributes);
    if (service === 'sns' && this.senders.sns) return this.senders.sns(arn, body, attributes);
    if (service === 'lambda' && this.senders.lambda) return this.senders.lambda(arn, body);
    throw new Error(`no destination service for ${arn}`);
  }
}
