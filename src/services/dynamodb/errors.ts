// DynamoDB's errors. `__type` on the wire is `com.amazonaws.dynamodb.v20120810#<Name>`, which
// the SDK v3 (and boto3) read the class name from. Messages are DynamoDB's own.
import { AwsError } from '../../kernel/aws-error';

export const ERROR_NAMESPACE = 'com.amazonaws.dynamodb.v20120810#';

export class DynamoDbError extends AwsError {
  constructor(readonly shape: string, message: string, status = 400, fields: Record<string, unknown> = {}) {
    super(message, status, status >= 500 ? 'Service' : 'User', fields);
  }
  override get code(): string { return ERROR_NAMESPACE + this.shape; }
}

const named = (shape: string, status = 400) => class extends DynamoDbError {
  constructor(message: string, fields: Record<string, unknown> = {}) { super(shape, message, status, fields); }
};

export const ValidationException = named('ValidationException');
export const ResourceNotFoundException = named('ResourceNotFoundException');
export const ResourceInUseException = named('ResourceInUseException');
export const ConditionalCheckFailedException = named('ConditionalCheckFailedException');
export const ItemCollectionSizeLimitExceededException = named('ItemCollectionSizeLimitExceededException');
export const TransactionConflictException = named('TransactionConflictException');
export const TransactionCanceledException = named('TransactionCanceledException');
export const IdempotentParameterMismatchException = named('IdempotentParameterMismatchException');
export const LimitExceededException = named('LimitExceededException');
export const InternalServerError = named('InternalServerError', 500);

export const invalid = (detail: string) => new ValidationException(`One or more parameter values were invalid: ${detail}`);
export const notValid = (detail: string) => new ValidationException(`One or more parameter values are not valid. ${detail}`);
export const keyMismatch = () => new ValidationException('The provided key element does not match the schema');
export const tableNotFound = () => new ResourceNotFoundException('Requested resource not found');
export const namedTableNotFound = (name: string) => new ResourceNotFoundException(`Requested resource not found: Table: ${name} not found`);
export const conditionFailed = (item?: Record<string, unknown>) =>
  new ConditionalCheckFailedException('The conditional request failed', item ? { Item: item } : {});

/** `1 validation error detected: Value 'x' at 'tableName' failed to satisfy constraint: ...`, for several at once. */
export function constraintErrors(errors: string[]): InstanceType<typeof ValidationException> | undefined {
  if (errors.length === 0) return undefined;
  const shown = errors.slice(0, 10);
  return new ValidationException(`${shown.length} validation error${shown.length > 1 ? 's' : ''} detected: ${shown.join('; ')}`);
}

export function constraint(value: unknown, path: string, rule: string): string {
  const shown = value === undefined || value === null ? 'null' : `'${Array.isArray(value) ? `[${value.join(', ')}]` : String(value)}'`;
  return `Value ${shown} at '${path}' failed to satisfy constraint: ${rule}`;
}
