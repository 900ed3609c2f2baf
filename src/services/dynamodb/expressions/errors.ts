// ExpressionError: a ValidationException whose message is DynamoDB's, verbatim. The service
// core turns it into the AWS error; nothing here knows about the wire.

export class ExpressionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExpressionError';
  }
}

/** The labels DynamoDB puts in front of an expression's errors ("Invalid <label>: ..."). */
export type ExpressionKind =
  | 'ConditionExpression' | 'FilterExpression' | 'KeyConditionExpression' | 'UpdateExpression' | 'ProjectionExpression';

/** A syntax error, positioned so a failed alternative can yield to the one that read further. */
export class ExpressionSyntaxError extends ExpressionError {
  constructor(message: string, readonly at: number) {
    super(message);
  }
}

export function invalid(kind: ExpressionKind, detail: string): ExpressionError {
  return new ExpressionError(`Invalid ${kind}: ${detail}`);
}
