// SQS's errors. SQS speaks AWS JSON 1.0 but is `awsQueryCompatible`: every error also
// carries `x-amzn-query-error: <query code>;Sender`, from which the SDK picks the class
// (`AWS.SimpleQueueService.NonExistentQueue` → QueueDoesNotExist). The query codes and
// statuses are the ones @aws-sdk/client-sqs's schemas declare; errors outside the model
// (InvalidParameterValue, MissingParameter) use their query code as the name.
import { AwsError } from '../../kernel/aws-error';

export class SqsError extends AwsError {
  constructor(message: string, readonly queryCode: string, status = 400, readonly shape?: string, fault: 'User' | 'Service' = 'User') {
    super(message, status, fault, {}, { 'x-amzn-query-error': `${queryCode};${fault === 'User' ? 'Sender' : 'Receiver'}` });
  }
  /** `__type` on the wire: the model's shape, namespaced as SQS does. */
  override get code(): string { return this.shape ? `com.amazonaws.sqs#${this.shape}` : this.queryCode; }
}

const modeled = (shape: string, queryCode = shape, status = 400) =>
  class extends SqsError {
    constructor(message: string) { super(message, queryCode, status, shape); }
  };
const sqsPrefix = 'AWS.SimpleQueueService.';

export const QueueDoesNotExist = modeled('QueueDoesNotExist', `${sqsPrefix}NonExistentQueue`);
export const QueueNameExists = modeled('QueueNameExists', 'QueueAlreadyExists');
export const QueueDeletedRecently = modeled('QueueDeletedRecently', `${sqsPrefix}QueueDeletedRecently`);
export const InvalidAttributeName = modeled('InvalidAttributeName');
export const InvalidAttributeValue = modeled('InvalidAttributeValue');
export const InvalidMessageContents = modeled('InvalidMessageContents');
export const ReceiptHandleIsInvalid = modeled('ReceiptHandleIsInvalid', 'ReceiptHandleIsInvalid', 404);
export const MessageNotInflight = modeled('MessageNotInflight', `${sqsPrefix}MessageNotInflight`);
export const PurgeQueueInProgress = modeled('PurgeQueueInProgress', `${sqsPrefix}PurgeQueueInProgress`, 403);
export const EmptyBatchRequest = modeled('EmptyBatchRequest', `${sqsPrefix}EmptyBatchRequest`);
export const TooManyEntriesInBatchRequest = modeled('TooManyEntriesInBatchRequest', `${sqsPrefix}TooManyEntriesInBatchRequest`);
export const BatchEntryIdsNotDistinct = modeled('BatchEntryIdsNotDistinct', `${sqsPrefix}BatchEntryIdsNotDistinct`);
export const BatchRequestTooLong = modeled('BatchRequestTooLong', `${sqsPrefix}BatchRequestTooLong`);
export const InvalidBatchEntryId = modeled('InvalidBatchEntryId', `${sqsPrefix}InvalidBatchEntryId`);
export const ResourceNotFoundException = modeled('ResourceNotFoundException', 'ResourceNotFoundException', 404);
export const UnsupportedOperation = modeled('UnsupportedOperation', `${sqsPrefix}UnsupportedOperation`);
export const OverLimit = modeled('OverLimit', 'OverLimit', 403);

/** Outside the model: the SDK names these by their query code. */
export class InvalidParameterValue extends SqsError {
  constructor(message: string) { super(message, 'InvalidParameterValue'); }
}
export class MissingParameter extends SqsError {
  constructor(message: string) { super(message, 'MissingParameter'); }
}
export class InternalError extends SqsError {
  constructor(message: string) {
    super(message, 'InternalError', 500, undefined, 'Service');
  }
}

export const missing = (name: string) => new MissingParameter(`The request must contain the parameter ${name}.`);
export const noQueue = () => new QueueDoesNotExist('The specified queue does not exist.');
export const invalidValue = (name: string, value: unknown, reason: string) =>
  new InvalidParameterValue(`Value ${String(value)} for parameter ${name} is invalid. Reason: ${reason}`);
