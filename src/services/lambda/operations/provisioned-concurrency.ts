// Put (202), Get, List (?List=ALL) and Delete (204) ProvisionedConcurrencyConfig under
// /2019-09-30/functions/{FunctionName}/provisioned-concurrency, on a version or an alias.
import type { ProvisionedView } from '../../../concurrency/provisioned';
import { integerViolations, throwViolations, violation } from '../../../registry/validate';
import { functionNameLabel, pageParams, qualifierParam } from '../common';
import { requireMembers } from '../input';
import type { Operation, OperationRequest } from '../operation';

const PATH = '/2019-09-30/functions/{FunctionName}/provisioned-concurrency';

function requiredQualifier(r: OperationRequest): string {
  const q = qualifierParam(r);
  if (q === undefined) throwViolations([violation('qualifier', null, 'Member must not be null')]);
  return q!;
}

function shape(v: ProvisionedView, withArn: boolean): Record<string, unknown> {
  return {
    ...(withArn ? { FunctionArn: v.functionArn } : {}),
    RequestedProvisionedConcurrentExecutions: v.requested,
    AvailableProvisionedConcurrentExecutions: v.allocated,
    AllocatedProvisionedConcurrentExecutions: v.allocated,
    Status: v.status,
    ...(v.statusReason ? { StatusReason: v.statusReason } : {}),
    LastModified: v.lastModified,
  };
}

export const putProvisionedConcurrencyConfig: Operation = {
  name: 'PutProvisionedConcurrencyConfig',
  method: 'PUT',
  path: PATH,
  async run(r) {
    const name = functionNameLabel(r, false);
    const qualifier = requiredQualifier(r);
    const n = (await r.body()).integer('ProvisionedConcurrentExecutions');
    requireMembers({ provisionedConcurrentExecutions: n });
    throwViolations(integerViolations('provisionedConcurrentExecutions', n!, { min: 1 }));
    return { status: 202, json: shape(await r.deps.provisioned.put(name, qualifier, n!), false) };
  },
};

export const getProvisionedConcurrencyConfig: Operation = {
  name: 'GetProvisionedConcurrencyConfig',
  method: 'GET',
  path: PATH,
  async run(r) {
    const v = await r.deps.provisioned.get(functionNameLabel(r, false), requiredQualifier(r));
    return { status: 200, json: shape(v, false) };
  },
};

export const listProvisionedConcurrencyConfigs: Operation = {
  name: 'ListProvisionedConcurrencyConfigs',
  method: 'GET',
  path: `${PATH}?List=ALL`,
  async run(r) {
    const { marker, maxItems = 50 } = pageParams(r);
    const all = await r.deps.provisioned.list(functionNameLabel(r, false));
    const start = marker ? Number(marker) || 0 : 0;
    const page = all.slice(start, start + maxItems);
    const next = start + maxItems < all.length ? String(start + maxItems) : undefined;
    return { status: 200, json: { ProvisionedConcurrencyConfigs: page.map((v) => shape(v, true)), ...(next ? { NextMarker: next } : {}) } };
  },
};

export const deleteProvisionedConcurrencyConfig: Operation = {
  name: 'DeleteProvisionedConcurrencyConfig',
  method: 'DELETE',
  path: PATH,
  async run(r) {
    await r.deps.provisioned.delete(functionNameLabel(r, false), requiredQualifier(r));
    return { status: 204 };
  },
};
