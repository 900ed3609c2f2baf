// SNS's errors, each named as the model names its shape: the query protocol takes the wire
// code (InvalidParameter, NotFound, ...) and the status from the model.
import { AwsError } from '../../kernel/aws-error';

export class InvalidParameterException extends AwsError {}
export class InvalidParameterValueException extends AwsError {}
export class NotFoundException extends AwsError { constructor(m: string) { super(m, 404); } }
export class ResourceNotFoundException extends AwsError { constructor(m: string) { super(m, 404); } }
export class TagLimitExceededException extends AwsError {}
export class EmptyBatchRequestException extends AwsError {}
export class TooManyEntriesInBatchRequestException extends AwsError {}
export class BatchEntryIdsNotDistinctException extends AwsError {}
export class InvalidBatchEntryIdException extends AwsError {}
export class BatchRequestTooLongException extends AwsError {}
export class InternalErrorException extends AwsError { constructor(m: string) { super(m, 500, 'Service'); } }

/** `Invalid parameter: <what>`, SNS's usual InvalidParameter text. */
export const invalid = (what: string) => new InvalidParameterException(`Invalid parameter: ${what}`);
export const noTopic = () => new NotFoundException('Topic does not exist');
export const noSubscription = () => new NotFoundException('Subscription does not exist');
