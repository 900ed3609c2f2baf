// Lambda's AWS errors (shapes from lambda-2015-03-31.json), used by the registry,
// invoke and the Lambda API.
import { AwsError } from '../kernel/aws-error';

export class ResourceNotFoundException extends AwsError {
  constructor(message: string) { super(message, 404); }
}
export class InvalidParameterValueException extends AwsError {
  constructor(message: string) { super(message, 400); }
}
export class ResourceConflictException extends AwsError {
  constructor(message: string) { super(message, 409); }
}
export class ResourceNotReadyException extends AwsError {
  constructor(message: string) { super(message, 502, 'Service'); }
}
export class InvalidRequestContentException extends AwsError {
  constructor(message: string) { super(message, 400); }
}
export class RequestTooLargeException extends AwsError {
  constructor(message: string) { super(message, 413); }
}
export class UnsupportedMediaTypeException extends AwsError {
  constructor(message: string) { super(message, 415); }
}
export class CodeStorageExceededException extends AwsError {
  constructor(message: string) { super(message, 400); }
}
export class PreconditionFailedException extends AwsError {
  constructor(message: string) { super(message, 412); }
}
export class TooManyRequestsException extends AwsError {
  constructor(message: string, reason: string, retryAfterSeconds: number) {
    super(message, 429, 'User', { Reason: reason }, { 'Retry-After': String(retryAfterSeconds) });
  }
}
export class ServiceException extends AwsError {
  constructor(message: string) { super(message, 500, 'Service'); }
}
