// What a Lambda API operation is (its HTTP binding from the model and its handler) and
// what the router hands it: path labels, query, and the body read under the
// operation's size limit.
import type { IncomingMessage } from 'node:http';
import type { Account } from '../../kernel/arn';
import type { AwsError } from '../../kernel/aws-error';
import type { EventInvokeConfigs } from '../../async-invoke';
import type { EventSourceMappingsApi } from '../../event-sources/event-source-mappings';
import type { Invoker } from '../../invoke/types';
import type { ProvisionedConcurrency } from '../../concurrency/provisioned';
import type { ReservedConcurrency } from '../../concurrency/reserved';
import type { Registry } from '../../registry/registry';
import type { Members } from './input';

export interface LambdaDeps {
  registry: Registry;
  invoker: Invoker;
  account: Account;
  concurrency: ReservedConcurrency;
  provisioned: ProvisionedConcurrency;
  eventInvokeConfigs: EventInvokeConfigs;
  /** Event source mappings (event-sources/); absent, their operations answer ServiceException. */
  eventSourceMappings?: EventSourceMappingsApi;
}

export interface OperationRequest {
  deps: LambdaDeps;
  req: IncomingMessage;
  /** Path labels ({FunctionName}, {Name}), URL-decoded. */
  params: Record<string, string>;
  query: URLSearchParams;
  /** `http://host:port` as the caller reached us, for links in responses. */
  origin: string;
  /** The JSON body, read under the operation's limit ({} when empty). */
  body(): Promise<Members>;
  /** The raw body bytes (Invoke's payload). */
  rawBody(limit: number, tooLarge: () => AwsError): Promise<Buffer>;
}

export interface OperationResult {
  status: number;
  /** A JSON body; omitted for an empty one. */
  json?: unknown;
  /** Raw body bytes (Invoke's payload), sent as they are. */
  payload?: Buffer;
  headers?: Record<string, string>;
}

export interface Operation {
  /** The AWS operation name, as in the model and in error messages. */
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** The model's requestUri. */
  path: string;
  /** Largest JSON body accepted (default REQUEST_LIMIT). */
  bodyLimit?: number;
  run(r: OperationRequest): Promise<OperationResult>;
}

/** Body limit of operations without code. */
export const REQUEST_LIMIT = 1024 * 1024;
/** CreateFunction / UpdateFunctionCode: a 50 MB zip, base64 in JSON (Lambda's own figure). */
export const CODE_REQUEST_LIMIT = 70_167_211;
