// The AWS query protocol (SES v1, SNS, and SQS's older clients), generic and driven by the
// services' botocore models. A request is `POST` form-urlencoded (`Action=...&Version=...`)
// or `GET` with the same query string. One endpoint serves every query service: it picks
// the service by the SigV4 credential scope's service name first (services share Action
// names), then by Version, then by the Action when only one service has it; parses the
// form into the operation's input (query-input.ts), runs the operation and writes the XML
// result or ErrorResponse (query-output.ts). Operations take and return JSON-protocol shapes.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AwsError } from '../kernel/aws-error';
import { requestId as newRequestId } from '../kernel/ids';
import type { AwsService } from './aws-service';
import { formTree, missingMembers, parseQueryInput } from './query-input';
import { errorTrait, signingName, type QueryModel } from './query-model';
import { errorXml, resultXml } from './query-output';
import { RequestAbortedError, awsErrorOf, readBody } from './rest-json';
import { MissingParameter, ValidationError, credentialScope, type MissingStyle } from './query-errors';

export { InvalidParameterValue } from './query-input';
export { loadQueryModel, type QueryModel } from './query-model';
export { MissingParameter, ValidationError, credentialScope } from './query-errors';

export interface QueryContext { requestId: string; req: IncomingMessage; url: URL; action: string }

/** One operation: the parsed input (JSON-protocol shape) in, the result (same) out; undefined → empty result. */
export type QueryOperation = (input: Record<string, unknown>, ctx: QueryContext) => Promise<unknown>;

export interface QueryServiceDef {
  /** The service's model (loadQueryModel('ses-2010-12-01'), or with the overlay for SQS). */
  model: QueryModel;
  operations: Readonly<Record<string, QueryOperation>>;
  /** How a missing required parameter is answered: 'ValidationError' (SES, SNS) or 'MissingParameter' (SQS). */
  missing?: MissingStyle;
  /** Largest request body in bytes; 1 MiB unless told. */
  limit?: number;
  /** The error an unexpected failure becomes; InternalFailure (500) otherwise. */
  internalError?: (message: string) => AwsError;
  log?: (message: string) => void;
}

export class InvalidAction extends AwsError {}
export class MissingAction extends AwsError {}
export class InternalFailure extends AwsError { constructor(m: string) { super(m, 500, 'Service'); } }
class RequestEntityTooLarge extends AwsError { constructor(m: string) { super(m, 413); } }

const FORM = 'application/x-www-form-urlencoded';

/** A query-protocol request: a form POST, or a GET/POST carrying `Action` in its query string. */
export function isQueryRequest(req: IncomingMessage, url: URL): boolean {
  if (url.searchParams.has('Action')) return req.method === 'GET' || req.method === 'POST';
  return req.method === 'POST' && String(req.headers['content-type'] ?? '').toLowerCase().startsWith(FORM);
}

/** The service a request goes to: by the scope's service name, then Version, then an Action only one has. */
export function pickService<T extends { model: QueryModel; operations: Readonly<Record<string, unknown>> }>(
  services: readonly T[], scope: string | undefined, version: string | undefined, action: string | undefined): T | undefined {
  const byScope = scope ? services.filter((s) => signingName(s.model) === scope) : [];
  if (byScope.length === 1) return byScope[0];
  const pool = byScope.length ? byScope : services;
  const byVersion = pool.filter((s) => s.model.metadata.apiVersion === version);
  if (byVersion.length) return byVersion[0];
  const byAction = pool.filter((s) => action !== undefined && action in s.model.operations);
  return byAction.length === 1 ? byAction[0] : byScope[0];
}

/** The AwsService answering every query-protocol request for `services`. */
export function createQueryEndpoint(services: readonly QueryServiceDef[]): AwsService {
  const names = new Set(services.map((s) => signingName(s.model)));
  return {
    name: 'query',
    matches(req, url) {
      if (!isQueryRequest(req, url)) return false;
      const scope = credentialScope(req, url)?.service;
      return scope === undefined || names.has(scope);
    },
    handle: (req, res, url) => handleQuery(services, req, res, url),
  };
}

async function handleQuery(services: readonly QueryServiceDef[], req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const requestId = newRequestId();
  let def: QueryServiceDef | undefined = services[0];
  try {
    const params = new URLSearchParams(url.search);
    if (req.method === 'POST') {
      const limit = Math.max(...services.map((s) => s.limit ?? 1024 * 1024));
      const body = await readBody(req, { limit, tooLarge: () => new RequestEntityTooLarge(`Request body is larger than ${limit} bytes`) });
      for (const [k, v] of new URLSearchParams(body.toString('utf8'))) params.append(k, v);
    }
    const action = params.get('Action') ?? undefined;
    def = pickService(services, credentialScope(req, url)?.service, params.get('Version') ?? undefined, action) ?? def;
    if (!action) throw new MissingAction('The request must contain the parameter Action.');
    const op = def && Object.prototype.hasOwnProperty.call(def.operations, action) ? def.operations[action] : undefined;
    const opModel = def?.model.operations[action];
    if (!def || !op || !opModel) {
      throw new InvalidAction(opModel ? `Nimbus does not implement ${action} of ${def?.model.metadata.serviceId} yet.`
        : `The action ${action} is not valid for this web service.`);
    }
    if (def.limit && req.method === 'POST' && Number(req.headers['content-length'] ?? 0) > def.limit) {
      throw new RequestEntityTooLarge(`Request body is larger than ${def.limit} bytes`);
    }
    params.delete('Action');
    params.delete('Version');
    const input = opModel.input ? parseQueryInput(def.model, opModel.input.shape, formTree(params)) : {};
    const missing = opModel.input ? missingMembers(def.model, opModel.input.shape, input) : [];
    if (missing.length) throw (def.missing === 'MissingParameter' ? MissingParameter.of(missing) : ValidationError.of(missing));
    const result = await op(input, { requestId, req, url, action });
    write(res, 200, resultXml(def.model, action, result, requestId), requestId);
  } catch (err) {
    writeQueryError(res, def, err, requestId);
  }
}

/** Writes an AwsError as the service's ErrorResponse; its code and status come from the model's error shape when it has one. */
export function writeQueryError(res: ServerResponse, def: QueryServiceDef | undefined, err: unknown, requestId: string): void {
  if (err instanceof RequestAbortedError) { res.destroy(); return; }
  const aws = awsErrorOf(err, requestId, def?.log, (m) => def?.internalError?.(m) ?? new InternalFailure(m));
  if (res.headersSent) { res.destroy(); return; }
  const shape = aws.code.slice(aws.code.lastIndexOf('#') + 1); // a JSON-protocol `__type` names the shape with its namespace
  const modeled = def ? errorTrait(def.model, shape) : undefined;
  const sender = modeled ? modeled.sender : aws.fault === 'User';
  const xml = errorXml(def?.model.metadata.xmlNamespace, { type: sender ? 'Sender' : 'Receiver', code: modeled?.code ?? shape,
    message: aws.message, fields: aws.fields }, requestId);
  write(res, modeled?.status ?? aws.status, xml, requestId, aws.headers);
}

function write(res: ServerResponse, status: number, xml: string, requestId: string, headers: Record<string, string> = {}): void {
  const bytes = Buffer.from(xml);
  res.writeHead(status, { 'x-amzn-RequestId': requestId, 'Content-Type': 'text/xml', 'Content-Length': String(bytes.length), ...headers });
  res.end(bytes);
}
