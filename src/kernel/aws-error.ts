// Base of every AWS error. Each AWS error is its own subclass, named exactly as the
// AWS model names its shape; only protocols/ turns one into bytes on the wire.

export type Fault = 'User' | 'Service';

export class AwsError extends Error {
  /** HTTP status the AWS API answers with. */
  readonly status: number;
  readonly fault: Fault;
  /** Extra members of the error shape (e.g. `Reason` of TooManyRequestsException). */
  readonly fields: Record<string, unknown>;
  /** Extra response headers (e.g. `Retry-After`). */
  readonly headers: Record<string, string>;
  constructor(message: string, status = 400, fault: Fault = 'User',
    fields: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
    super(message);
    this.status = status;
    this.fault = fault;
    this.fields = fields;
    this.headers = headers;
  }
  /** The error code on the wire is the class name (the AWS shape name). */
  get code(): string { return this.constructor.name; }
}
