// ARNs in the configured account and region. (FunctionName parsing lives in registry/function-ref.ts.)

export interface Account { accountId: string; region: string }

export function functionArn(acc: Account, name: string, qualifier?: string): string {
  return `arn:aws:lambda:${acc.region}:${acc.accountId}:function:${name}${qualifier ? `:${qualifier}` : ''}`;
}
