// SES's errors, each named as its model names the shape; the query protocol takes the
// wire code and status from the model (TemplateDoesNotExistException → TemplateDoesNotExist).
import { AwsError } from '../../kernel/aws-error';

export { InvalidParameterValue } from '../../protocols/aws-query';

// SES v1 (query).
export class MessageRejected extends AwsError {}
export class TemplateDoesNotExistException extends AwsError {
  constructor(name: string) { super(`Template ${name} does not exist.`, 400, 'User', { TemplateName: name }); }
}
export class AlreadyExistsException extends AwsError {
  constructor(name: string) { super(`Template ${name} already exists.`, 400, 'User', { Name: name }); }
}
export class InvalidTemplateException extends AwsError {}

// SES v2 (rest-json): the code is the class name.
export class BadRequestException extends AwsError {}
export class NotFoundException extends AwsError { constructor(m: string) { super(m, 404); } }
export class AlreadyExistsExceptionV2 extends AwsError {
  override get code(): string { return 'AlreadyExistsException'; }
}
