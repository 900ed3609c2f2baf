// DynamoDB Streams' errors: `__type` is `com.amazonaws.dynamodb.v20120810#<Name>` as
// DynamoDB Streams sends it; the SDK reads the class name from it.
import { AwsError } from '../../kernel/aws-error';

const NAMESPACE = 'com.amazonaws.dynamodb.v20120810#';

export class StreamsError extends AwsError {
  constructor(readonly shape: string, message: string, status = 400) {
    super(message, status, status >= 500 ? 'Service' : 'User');
  }
  override get code(): string { return NAMESPACE + this.shape; }
}

const named = (shape: string, status = 400) => class extends StreamsError {
  constructor(message: string) { super(shape, message, status); }
};

export const ValidationException = named('ValidationException');
export const ResourceNotFoundException = named('ResourceNotFoundException');
export const ExpiredIteratorException = named('ExpiredIteratorException');
export const TrimmedDataAccessException = named('TrimmedDataAccessException');
export const LimitExceededException = named('LimitExceededException');
export const InternalServerError = named('InternalServerError', 500);

/** DynamoDB's "1 validation error detected: ..." for one or more constraint violations. */
export function validationErrors(violations: string[]): InstanceType<typeof ValidationException> | undefined {
  if (violations.length === 0) return undefined;
  return new ValidationException(`${violations.length} validation error${violations.length > 1 ? 's' : ''} detected: ${violations.join('; ')}`);
}

export const violation = (value: unknown, member: string, rule: string): string =>
  `Value ${value === null || value === undefined ? 'null' : `'${String(value)}'`} at '${member}' failed to satisfy constraint: ${rule}`;
