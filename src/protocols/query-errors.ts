// The common errors of the query-protocol APIs (not in the services' models) and the
// SigV4 credential scope a request is signed for.
import type { IncomingMessage } from 'node:http';
import { AwsError } from '../kernel/aws-error';

/** How a service answers a missing required parameter. */
export type MissingStyle = 'ValidationError' | 'MissingParameter';

/** Coral-style validation (SES, SNS): `1 validation error detected: Value null at 'destination' failed to satisfy ...`. */
export class ValidationError extends AwsError {
  static of(paths: string[]): ValidationError {
    const n = paths.length;
    const each = paths.map((p) => `Value null at '${p.split('.').map(lowerFirst).join('.')}' failed to satisfy constraint: Member must not be null`);
    return new ValidationError(`${n} validation error${n === 1 ? '' : 's'} detected: ${each.join('; ')}`);
  }
}

/** SQS's: `The request must contain the parameter QueueName.` */
export class MissingParameter extends AwsError {
  static of(paths: string[]): MissingParameter {
    return new MissingParameter(`The request must contain the parameter ${paths[0]}.`);
  }
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

export interface CredentialScope { date: string; region: string; service: string }

/** The scope of `Authorization: AWS4-HMAC-SHA256 Credential=<key>/<date>/<region>/<service>/aws4_request`, or of `X-Amz-Credential`. */
export function credentialScope(req: IncomingMessage, url: URL): CredentialScope | undefined {
  const auth = req.headers.authorization;
  const credential = (typeof auth === 'string' ? /Credential=([^,\s]+)/.exec(auth)?.[1] : undefined)
    ?? url.searchParams.get('X-Amz-Credential') ?? undefined;
  const parts = credential?.split('/');
  if (!parts || parts.length < 5 || parts[parts.length - 1] !== 'aws4_request') return undefined;
  const [date, region, service] = parts.slice(-4, -1);
  return { date, region, service };
}
