// Platform errors: one class, one catalog of codes. AWS errors live in protocols/,
// function errors are values in an invocation result, never exceptions.

export const ErrorCodes = {
  CONFIG_INVALID: 'a configuration value is missing or malformed',
  DATA_DIR_LOCKED: 'another Nimbus server holds the data directory',
  STORE_FAILED: 'a storage operation failed',
  BLOB_NOT_FOUND: 'a blob id was not found in the blob store',
  ILLEGAL_TRANSITION: 'an environment state machine received an event its state does not accept',
  EXECUTOR_FAILED: 'an environment process could not be started',
  SERVER_UNREACHABLE: 'the CLI could not reach a running Nimbus server',
} as const;

export type ErrorCode = keyof typeof ErrorCodes;

export class NimbusError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;
  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'NimbusError';
    this.code = code;
    this.details = details;
  }
}
