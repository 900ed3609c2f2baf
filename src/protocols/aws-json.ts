// awsJson1_0 / awsJson1_1 wire helpers shared by the JSON-protocol services (Application
// Auto Scaling, SQS, DynamoDB, ...): `POST /` with `X-Amz-Target: <Prefix>.<Operation>` and
// a JSON body; results as `application/x-amz-json-1.x`; an AwsError becomes its status and
// a body {"__type": "<code>", "message": "...", ...fields}, which the SDK v3 JSON protocols
// parse. Anything else thrown is a bug: logged, answered as the service's internal error.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AwsError } from '../kernel/aws-error';
import { requestId as newRequestId } from '../kernel/ids';
import { RequestAbortedError, awsErrorOf, parseJson, readBody } from './rest-json';

export type JsonVersion = '1.0' | '1.1';

/** One operation: the parsed JSON object in, the JSON result out (undefined → `{}`). */
export type JsonOperation = (input: Record<string, unknown>) => Promise<unknown>;

export interface AwsJsonOptions {
  /** The `X-Amz-Target` prefix before the dot (`AnyScaleFrontendService`, `AmazonSQS`). */
  targetPrefix: string;
  version: JsonVersion;
  operations: Readonly<Record<string, JsonOperation>>;
  /** Largest request body in bytes; 1 MiB unless told. */
  limit?: number;
  /** The member carrying the message: `message` unless the error shape names it `Message`. */
  messageKey?: (code: string) => 'message' | 'Message';
  /** The error an unexpected failure becomes (a modeled internal error); InternalFailure (500) otherwise. */
  internalError?: (message: string) => AwsError;
  /** Where unexpected (non-AWS) errors are reported; stderr by default. */
  log?: (message: string) => void;
}

/** The common errors of every JSON-protocol AWS API (not in the services' models). */
export class SerializationException extends AwsError {}
export class UnknownOperationException extends AwsError {}
export class InternalFailure extends AwsError {
  constructor(message: string) { super(message, 500, 'Service'); }
}
export class RequestEntityTooLargeException extends AwsError {
  constructor(message: string) { super(message, 413); }
}

/** The operation named by `X-Amz-Target` when its prefix is `prefix`, else undefined. */
export function targetOperation(req: IncomingMessage, prefix: string): string | undefined {
  const target = req.headers['x-amz-target'];
  if (typeof target !== 'string' || !target.startsWith(`${prefix}.`)) return undefined;
  return target.slice(prefix.length + 1);
}

/** True for a JSON-protocol request to this prefix (what an AwsService's `matches` asks). */
export function matchesTarget(req: IncomingMessage, url: URL, prefix: string): boolean {
  return req.method === 'POST' && url.pathname === '/' && targetOperation(req, prefix) !== undefined;
}

/** Reads the body as a JSON object; an empty body is `{}`. */
export async function readJsonObject(req: IncomingMessage, limit: number): Promise<Record<string, unknown>> {
  const body = await readBody(req, {
    limit,
    tooLarge: () => new RequestEntityTooLargeException(`Request body is larger than the limit of ${limit} bytes`),
  });
  if (body.length === 0) return {};
  const parsed = parseJson(body);
  if (!parsed.ok) throw new SerializationException(parsed.reason);
  const v = parsed.value;
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new SerializationException('Request body must be a JSON object');
  return v as Record<string, unknown>;
}

/** Answers one JSON-protocol request: dispatch by target, result or error on the wire. */
export async function handleJsonRequest(req: IncomingMessage, res: ServerResponse, opts: AwsJsonOptions): Promise<void> {
  const requestId = newRequestId();
  try {
    const name = targetOperation(req, opts.targetPrefix) ?? '';
    const op = Object.prototype.hasOwnProperty.call(opts.operations, name) ? opts.operations[name] : undefined;
    if (!op) throw new UnknownOperationException(`Unknown operation ${name || String(req.headers['x-amz-target'])}`);
    const input = await readJsonObject(req, opts.limit ?? 1024 * 1024);
    writeJsonResult(res, opts.version, (await op(input)) ?? {}, requestId);
  } catch (err) {
    writeJsonError(res, opts.version, err, requestId, opts);
  }
}

export function contentType(version: JsonVersion): string {
  return `application/x-amz-json-${version}`;
}

export function writeJsonResult(res: ServerResponse, version: JsonVersion, body: unknown, requestId: string,
  headers: Record<string, string> = {}): void {
  const bytes = Buffer.from(JSON.stringify(body));
  res.writeHead(200, {
    'x-amzn-RequestId': requestId, 'Content-Type': contentType(version), 'Content-Length': String(bytes.length), ...headers,
  });
  res.end(bytes);
}

/** Serialises an error; a non-AWS error is logged and becomes the internal error. */
export function writeJsonError(res: ServerResponse, version: JsonVersion, err: unknown, requestId: string,
  opts: Pick<AwsJsonOptions, 'messageKey' | 'internalError' | 'log'> = {}): void {
  if (err instanceof RequestAbortedError) { res.destroy(); return; }
  const aws = awsErrorOf(err, requestId, opts.log, (m) => opts.internalError?.(m) ?? new InternalFailure(m));
  if (res.headersSent) { res.destroy(); return; }
  const key = opts.messageKey?.(aws.code) ?? 'message';
  const bytes = Buffer.from(JSON.stringify({ __type: aws.code, [key]: aws.message, ...aws.fields }));
  res.writeHead(aws.status, {
    'x-amzn-RequestId': requestId, 'Content-Type': contentType(version), 'Content-Length': String(bytes.length), ...aws.headers,
  });
  res.end(bytes);
}
