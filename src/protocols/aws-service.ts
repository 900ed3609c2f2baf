// One AWS-compatible service on the shared AWS listener. The listener asks each service
// in turn whether it claims a request (by path, X-Amz-Target, Action=, ...) and hands
// the request to the first that does.
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface AwsService {
  /** The service's name in SigV4 credential scopes (`lambda`, `sqs`, ...). */
  name: string;
  matches(req: IncomingMessage, url: URL): boolean;
  /** Answers the request; never rejects for an AWS error (those are written as responses). */
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void>;
}
