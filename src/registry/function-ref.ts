// A FunctionName in every form Lambda accepts (name, name:qualifier, partial ARN
// `123456789012:function:name[:q]`, full ARN) resolved against Nimbus's one account and
// region, with Lambda's answers for a foreign region or account and for a qualifier
// given twice.
import { functionArn, type Account } from '../kernel/arn';
import { InvalidParameterValueException, ResourceNotFoundException } from './errors';

export interface FunctionRef {
  name: string;
  qualifier?: string;
  accountId?: string;
  region?: string;
}

const REF = /^(?:arn:aws[a-zA-Z-]*:lambda:)?(?:([a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d):)?(?:(\d{12}):)?(?:function:)?([a-zA-Z0-9_.-]+)(?::(\$LATEST(?:\.PUBLISHED)?|[a-zA-Z0-9_-]+))?$/;

/** Splits any FunctionName form; undefined when it is none of them. */
export function parseFunctionRef(input: string): FunctionRef | undefined {
  const m = REF.exec(input);
  if (!m) return undefined;
  const ref: FunctionRef = { name: m[3] };
  if (m[4]) ref.qualifier = m[4];
  if (m[2]) ref.accountId = m[2];
  if (m[1]) ref.region = m[1];
  return ref;
}

/**
 * The function name and qualifier a caller means. Throws ResourceNotFoundException for
 * another region ("Functions from 'x' are not reachable ...") or account, and
 * InvalidParameterValueException when the name's qualifier and `qualifier` differ.
 */
export function locateFunction(input: string, qualifier: string | undefined, account: Account): { name: string; qualifier?: string } {
  const ref = parseFunctionRef(input);
  if (!ref) throw new ResourceNotFoundException(`Function not found: ${functionArn(account, input)}`);
  if (ref.region && ref.region !== account.region) {
    throw new ResourceNotFoundException(`Functions from '${ref.region}' are not reachable in this region ('${account.region}')`);
  }
  if (ref.accountId && ref.accountId !== account.accountId) {
    const foreign = { accountId: ref.accountId, region: account.region };
    throw new ResourceNotFoundException(`Function not found: ${functionArn(foreign, ref.name, ref.qualifier ?? qualifier)}`);
  }
  if (qualifier && ref.qualifier && qualifier !== ref.qualifier) {
    throw new InvalidParameterValueException('The derived qualifier from the function name does not match the specified qualifier.');
  }
  const q = qualifier || ref.qualifier;
  return q ? { name: ref.name, qualifier: q } : { name: ref.name };
}

export const isVersionNumber = (q: string): boolean => /^[0-9]+$/.test(q);
