// Put / Update / Get / Delete (204) FunctionEventInvokeConfig under
// /2019-09-25/functions/{FunctionName}/event-invoke-config, and List (.../list): a
// function's, version's or alias's retry attempts, maximum event age and destinations
// for asynchronous invocation (async-invoke/).
import { destinationService, type EventInvokeConfig } from '../../../async-invoke';
import { qualifierOfArn } from '../../../kernel/arn';
import { InvalidParameterValueException, ResourceNotFoundException } from '../../../registry/errors';
import { integerViolations, throwViolations } from '../../../registry/validate';
import { functionNameLabel, pageParams, qualifierParam } from '../common';
import type { Members } from '../input';
import type { Operation, OperationRequest } from '../operation';

const PATH = '/2019-09-25/functions/{FunctionName}/event-invoke-config';

/** The function and qualifier the request names ($LATEST when unqualified); ResourceNotFound if either is missing. */
async function target(r: OperationRequest): Promise<{ functionName: string; qualifier: string; arn: string }> {
  const resolved = await r.deps.registry.resolve(functionNameLabel(r, true), qualifierParam(r));
  const qualifier = qualifierOfArn(resolved.invokedArn) ?? '$LATEST';
  return { functionName: resolved.config.functionName, qualifier, arn: `${resolved.config.functionArn}:${qualifier}` };
}

function shape(c: EventInvokeConfig, arn: string): Record<string, unknown> {
  return {
    LastModified: c.lastModified / 1000,
    FunctionArn: arn,
    ...(c.maximumRetryAttempts === undefined ? {} : { MaximumRetryAttempts: c.maximumRetryAttempts }),
    ...(c.maximumEventAgeSeconds === undefined ? {} : { MaximumEventAgeInSeconds: c.maximumEventAgeSeconds }),
    DestinationConfig: { OnSuccess: c.onSuccess ? { Destination: c.onSuccess } : {}, OnFailure: c.onFailure ? { Destination: c.onFailure } : {} },
  };
}

/** The members a Put or Update sets (undefined: not given; the destinations only when DestinationConfig is given). */
function members(m: Members): Partial<EventInvokeConfig> {
  const maximumRetryAttempts = m.integer('MaximumRetryAttempts');
  const maximumEventAgeSeconds = m.integer('MaximumEventAgeInSeconds');
  if (maximumRetryAttempts !== undefined) throwViolations(integerViolations('maximumRetryAttempts', maximumRetryAttempts, { min: 0, max: 2 }));
  if (maximumEventAgeSeconds !== undefined) {
    throwViolations(integerViolations('maximumEventAgeInSeconds', maximumEventAgeSeconds, { min: 60, max: 21600 }));
  }
  const d = m.struct('DestinationConfig');
  const out: Partial<EventInvokeConfig> = {};
  if (maximumRetryAttempts !== undefined) out.maximumRetryAttempts = maximumRetryAttempts;
  if (maximumEventAgeSeconds !== undefined) out.maximumEventAgeSeconds = maximumEventAgeSeconds;
  if (d) {
    out.onSuccess = destination(d.struct('OnSuccess')?.string('Destination'));
    out.onFailure = destination(d.struct('OnFailure')?.string('Destination'));
  }
  return out;
}

function destination(arn: string | undefined): string | undefined {
  if (arn === undefined || arn === '') return undefined;
  if (!destinationService(arn)) {
    throw new InvalidParameterValueException(`The destination ARN ${arn} is invalid. Nimbus delivers to SQS queues, SNS topics `
      + 'and Lambda functions.');
  }
  return arn;
}

const notFound = (arn: string) => new ResourceNotFoundException(`The function ${arn} doesn't have an EventInvokeConfig`);

export const putFunctionEventInvokeConfig: Operation = {
  name: 'PutFunctionEventInvokeConfig', method: 'PUT', path: PATH,
  async run(r) {
    const t = await target(r);
    const c = await r.deps.eventInvokeConfigs.put({ ...members(await r.body()), functionName: t.functionName,
      qualifier: t.qualifier, lastModified: Date.now() });
    return { status: 200, json: shape(c, t.arn) };
  },
};

export const updateFunctionEventInvokeConfig: Operation = {
  name: 'UpdateFunctionEventInvokeConfig', method: 'POST', path: PATH,
  async run(r) {
    const t = await target(r);
    const given = members(await r.body());
    const old = r.deps.eventInvokeConfigs.get(t.functionName, t.qualifier);
    const merged = { ...(old ?? { functionName: t.functionName, qualifier: t.qualifier }), ...given, lastModified: Date.now() };
    return { status: 200, json: shape(await r.deps.eventInvokeConfigs.put(merged), t.arn) };
  },
};

export const getFunctionEventInvokeConfig: Operation = {
  name: 'GetFunctionEventInvokeConfig', method: 'GET', path: PATH,
  async run(r) {
    const t = await target(r);
    const c = r.deps.eventInvokeConfigs.get(t.functionName, t.qualifier);
    if (!c) throw notFound(t.arn);
    return { status: 200, json: shape(c, t.arn) };
  },
};

export const deleteFunctionEventInvokeConfig: Operation = {
  name: 'DeleteFunctionEventInvokeConfig', method: 'DELETE', path: PATH,
  async run(r) {
    const t = await target(r);
    if (!(await r.deps.eventInvokeConfigs.delete(t.functionName, t.qualifier))) throw notFound(t.arn);
    return { status: 204 };
  },
};

export const listFunctionEventInvokeConfigs: Operation = {
  name: 'ListFunctionEventInvokeConfigs', method: 'GET', path: `${PATH}/list`,
  async run(r) {
    const { marker, maxItems = 50 } = pageParams(r);
    const fn = (await r.deps.registry.getFunction(functionNameLabel(r, true))).version;
    const all = r.deps.eventInvokeConfigs.list(fn.functionName);
    const start = marker ? Number(marker) || 0 : 0;
    const page = all.slice(start, start + Math.min(maxItems, 50));
    const next = start + page.length < all.length ? String(start + page.length) : undefined;
    return { status: 200, json: { FunctionEventInvokeConfigs: page.map((c) => shape(c, `${fn.functionArn}:${c.qualifier}`)),
      ...(next ? { NextMarker: next } : {}) } };
  },
};
