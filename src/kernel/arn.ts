// ARNs in the configured account and region. (FunctionName parsing lives in registry/function-ref.ts.)

export interface Account { accountId: string; region: string }

export function functionArn(acc: Account, name: string, qualifier?: string): string {
  return `arn:aws:lambda:${acc.region}:${acc.accountId}:function:${name}${qualifier ? `:${qualifier}` : ''}`;
}

/** The qualifier of a function ARN (`...:function:name:qualifier`), if it has one. */
export function qualifierOfArn(arn: string): string | undefined {
  const parts = arn.split(':');
  return parts.length === 8 ? parts[7] : undefined;
}
