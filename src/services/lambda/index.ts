// The Lambda API (restJson1) on the shared AWS listener: the operations under
// /2015-03-31/functions, /2018-10-31/layers and /2016-08-19/account-settings, plus the
// code packages that GetFunction's Code.Location (and a layer's Content.Location) point at. The only module others import.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AwsError } from '../../kernel/aws-error';
import { requestId as newRequestId } from '../../kernel/ids';
import type { AwsService } from '../../protocols/aws-service';
import { parseJson, readBody, writeError, writeJson } from '../../protocols/rest-json';
import { InvalidRequestContentException, RequestEntityTooLargeException, ResourceNotFoundException } from '../../registry/errors';
import { Members } from './input';
import { REQUEST_LIMIT, type LambdaDeps, type Operation, type OperationRequest } from './operation';
import { createAlias } from './operations/create-alias';
import { createFunction } from './operations/create-function';
import { deleteAlias } from './operations/delete-alias';
import { deleteFunction } from './operations/delete-function';
import { deleteFunctionConcurrency, getFunctionConcurrency, putFunctionConcurrency } from './operations/function-concurrency';
import {
  deleteFunctionEventInvokeConfig, getFunctionEventInvokeConfig, listFunctionEventInvokeConfigs, putFunctionEventInvokeConfig,
  updateFunctionEventInvokeConfig,
} from './operations/event-invoke-config';
import {
  createEventSourceMapping, deleteEventSourceMapping, getEventSourceMapping, listEventSourceMappings, updateEventSourceMapping,
} from './operations/event-source-mappings';
import { getAccountSettings } from './operations/get-account-settings';
import {
  deleteProvisionedConcurrencyConfig, getProvisionedConcurrencyConfig, listProvisionedConcurrencyConfigs,
  putProvisionedConcurrencyConfig,
} from './operations/provisioned-concurrency';
import { getAlias } from './operations/get-alias';
import { CODE_PATH, getFunction } from './operations/get-function';
import { getFunctionConfiguration } from './operations/get-function-configuration';
import { invoke } from './operations/invoke';
import { deleteLayerVersion, getLayerVersion, getLayerVersionByArn, publishLayerVersion } from './operations/layer-versions';
import { listLayers, listLayerVersions } from './operations/list-layers';
import { listAliases } from './operations/list-aliases';
import { listFunctions } from './operations/list-functions';
import { listVersionsByFunction } from './operations/list-versions-by-function';
import { publishVersion } from './operations/publish-version';
import { updateAlias } from './operations/update-alias';
import { updateFunctionCode } from './operations/update-function-code';
import { updateFunctionConfiguration } from './operations/update-function-configuration';
import { Router } from './router';

export type { LambdaDeps } from './operation';

export const OPERATIONS: readonly Operation[] = [
  createFunction, getFunction, getFunctionConfiguration, listFunctions, updateFunctionCode, updateFunctionConfiguration,
  deleteFunction, publishVersion, listVersionsByFunction, createAlias, getAlias, listAliases, updateAlias, deleteAlias,
  invoke, getAccountSettings, putFunctionConcurrency, getFunctionConcurrency, deleteFunctionConcurrency,
  putProvisionedConcurrencyConfig, getProvisionedConcurrencyConfig, listProvisionedConcurrencyConfigs,
  deleteProvisionedConcurrencyConfig, publishLayerVersion, getLayerVersion, getLayerVersionByArn, listLayers, listLayerVersions,
  deleteLayerVersion, putFunctionEventInvokeConfig, updateFunctionEventInvokeConfig, getFunctionEventInvokeConfig,
  deleteFunctionEventInvokeConfig, listFunctionEventInvokeConfigs, createEventSourceMapping, getEventSourceMapping,
  listEventSourceMappings, updateEventSourceMapping, deleteEventSourceMapping,
];

/** The dated path prefixes of the operations above. */
const PREFIXES = ['/2015-03-31/functions', '/2016-08-19/account-settings', '/2017-10-31/functions', '/2019-09-30/functions',
  '/2018-10-31/layers', '/2019-09-25/functions', '/2015-03-31/event-source-mappings'];

/** Error shapes whose message member the model spells `Message` (the others: `message`). */
const CAPITAL_MESSAGE = new Set([
  'ResourceNotFoundException', 'ServiceException', 'InvalidRuntimeException', 'InvalidZipFileException', 'ResourceInUseException',
  'RecursiveInvocationException', 'NoPublishedVersionException', 'InvalidCodeSignatureException', 'CodeVerificationFailedException',
  'CodeSigningConfigNotFoundException', 'SnapStartException', 'SnapStartNotReadyException', 'SnapStartTimeoutException',
  'EC2AccessDeniedException', 'EC2ThrottledException', 'EC2UnexpectedException', 'ENILimitReachedException', 'EFSIOException',
  'EFSMountConnectivityException', 'EFSMountFailureException', 'EFSMountTimeoutException', 'InvalidSecurityGroupIDException',
  'InvalidSubnetIDException', 'KMSAccessDeniedException', 'KMSDisabledException', 'KMSInvalidStateException',
  'KMSNotFoundException', 'SubnetIPAddressLimitReachedException',
]);
const messageKey = (code: string) => (CAPITAL_MESSAGE.has(code) ? 'Message' as const : 'message' as const);

class UnknownOperationException extends AwsError {
  constructor(message: string) { super(message, 404); }
}

export function createLambdaService(deps: LambdaDeps): AwsService {
  const router = new Router(OPERATIONS);
  return {
    name: 'lambda',
    matches: (_req, url) => PREFIXES.some((p) => url.pathname.startsWith(p)) || url.pathname.startsWith(CODE_PATH),
    async handle(req, res, url) {
      const requestId = newRequestId();
      try {
        if (url.pathname.startsWith(CODE_PATH)) return await serveCode(deps, url, res, requestId);
        const match = router.match(req.method ?? 'GET', url.pathname, url.searchParams);
        if (!match) throw new UnknownOperationException(`Nimbus serves no Lambda operation at ${req.method} ${url.pathname}`);
        const result = await match.op.run(operationRequest(deps, req, url, match.params, match.op));
        if (result.payload !== undefined) {
          res.writeHead(result.status, { 'x-amzn-RequestId': requestId, 'Content-Length': String(result.payload.length), ...result.headers });
          res.end(result.payload);
        } else {
          writeJson(res, result.status, result.json, requestId, result.headers);
        }
      } catch (err) {
        writeError(res, err, requestId, { messageKey });
      }
    },
  };
}

function operationRequest(deps: LambdaDeps, req: IncomingMessage, url: URL, params: Record<string, string>,
  op: Operation): OperationRequest {
  const rawBody = (limit: number, tooLarge: () => AwsError) => readBody(req, { limit, tooLarge });
  return {
    deps, req, params, query: url.searchParams,
    origin: `http://${req.headers.host ?? 'localhost'}`,
    rawBody,
    async body() {
      const limit = op.bodyLimit ?? REQUEST_LIMIT;
      const bytes = await rawBody(limit, () =>
        new RequestEntityTooLargeException(`Request must be smaller than ${limit} bytes for the ${op.name} operation`));
      if (bytes.length === 0) return new Members({});
      const parsed = parseJson(bytes);
      if (!parsed.ok) throw new InvalidRequestContentException(`Could not parse request body into json: ${parsed.reason}`);
      return Members.of(parsed.value);
    },
  };
}

/** GetFunction's Code.Location: the deployment package of a version, as a zip. */
async function serveCode(deps: LambdaDeps, url: URL, res: ServerResponse, requestId: string): Promise<void> {
  const blobId = url.pathname.slice(CODE_PATH.length).replace(/\.zip$/, '');
  const zip = await deps.registry.readCode(blobId);
  if (!zip) throw new ResourceNotFoundException('The resource you requested does not exist.');
  res.writeHead(200, { 'x-amzn-RequestId': requestId, 'Content-Type': 'application/zip', 'Content-Length': String(zip.length) });
  res.end(zip);
}
