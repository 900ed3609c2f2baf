// ARNs and Lambda's FunctionName forms: name, name:qualifier, partial ARN
// (`123456789012:function:name`) and full ARN, each with an optional qualifier.

export interface Account { accountId: string; region: string }

export function functionArn(acc: Account, name: string, qualifier?: string): string {
  return `arn:aws:lambda:${acc.region}:${acc.accountId}:function:${name}${qualifier ? `:${qualifier}` : ''}`;
}

export interface FunctionRef {
  name: string;
  qualifier?: string;
  accountId?: string;
  region?: string;
}

const FULL = /^arn:aws[a-zA-Z-]*:lambda:([a-z]{2}(?:-gov)?-[a-z]+-\d):(\d{12}):function:([a-zA-Z0-9_-]+)(?::(\$LATEST|[a-zA-Z0-9_-]+))?$/;
const PARTIAL = /^(\d{12}):function:([a-zA-Z0-9_-]+)(?::(\$LATEST|[a-zA-Z0-9_-]+))?$/;
const PLAIN = /^([a-zA-Z0-9_-]+)(?::(\$LATEST|[a-zA-Z0-9_-]+))?$/;

/** Parses any FunctionName form; undefined when it matches none. */
export function parseFunctionName(input: string): FunctionRef | undefined {
  if (input.length === 0 || input.length > 170) return undefined;
  let m = FULL.exec(input);
  if (m) return clean({ region: m[1], accountId: m[2], name: m[3], qualifier: m[4] });
  m = PARTIAL.exec(input);
  if (m) return clean({ accountId: m[1], name: m[2], qualifier: m[3] });
  m = PLAIN.exec(input);
  if (m && m[1].length <= 64) return clean({ name: m[1], qualifier: m[2] });
  return undefined;
}

function clean(ref: FunctionRef): FunctionRef {
  const out: FunctionRef = { name: ref.name };
  if (ref.qualifier) out.qualifier = ref.qualifier;
  if (ref.accountId) out.accountId = ref.accountId;
  if (ref.region) out.region = ref.region;
  return out;
}
