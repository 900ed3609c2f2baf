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

// Errors the Lambda front end answers with although the model does not list them
// (the SDK still surfaces them by name).

/** A request value breaks a constraint of the model ("1 validation error detected: ..."). */
export class ValidationException extends AwsError {
  constructor(message: string) { super(message, 400); }
}
/** A member of the JSON body has the wrong type (e.g. a string where a number belongs). */
export class SerializationException extends AwsError {
  constructor(message: string) { super(message, 400); }
}
/** A request body over the operation's size limit ("Request must be smaller than ..."). */
export class RequestEntityTooLargeException extends AwsError {
  constructor(message: string) { super(message, 413); }
}
