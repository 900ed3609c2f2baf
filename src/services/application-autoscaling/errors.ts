// The error shapes of the Application Auto Scaling model (their message member is `Message`).
import { AwsError } from '../../kernel/aws-error';

export class ValidationException extends AwsError {}
export class ObjectNotFoundException extends AwsError {}
export class LimitExceededException extends AwsError {}
export class ConcurrentUpdateException extends AwsError {}
export class InvalidNextTokenException extends AwsError {}
export class InternalServiceException extends AwsError {
  constructor(message: string) { super(message, 500, 'Service'); }
}
