// PutFunctionConcurrency (PUT /2017-10-31/functions/{FunctionName}/concurrency),
// GetFunctionConcurrency (GET /2019-09-30/...) and DeleteFunctionConcurrency (DELETE
// /2017-10-31/..., 204): a function's reserved concurrency, its cap and its capacity.
import { integerViolations, throwViolations } from '../../../registry/validate';
import { functionNameLabel } from '../common';
import { requireMembers } from '../input';
import type { Operation, OperationRequest } from '../operation';

/** The function's own name (the label may be an ARN); ResourceNotFoundException if there is none. */
async function functionOf(r: OperationRequest): Promise<string> {
  const d = await r.deps.registry.getFunction(functionNameLabel(r, false));
  return d.version.functionName;
}

export const putFunctionConcurrency: Operation = {
  name: 'PutFunctionConcurrency',
  method: 'PUT',
  path: '/2017-10-31/functions/{FunctionName}/concurrency',
  async run(r) {
    const m = await r.body();
    const n = m.integer('ReservedConcurrentExecutions');
    requireMembers({ reservedConcurrentExecutions: n });
    throwViolations(integerViolations('reservedConcurrentExecutions', n!, { min: 0 }));
    const fn = await functionOf(r);
    await r.deps.concurrency.put(fn, n!);
    return { status: 200, json: { ReservedConcurrentExecutions: n } };
  },
};

export const getFunctionConcurrency: Operation = {
  name: 'GetFunctionConcurrency',
  method: 'GET',
  path: '/2019-09-30/functions/{FunctionName}/concurrency',
  async run(r) {
    const n = r.deps.concurrency.get(await functionOf(r));
    return { status: 200, json: n === undefined ? {} : { ReservedConcurrentExecutions: n } };
  },
};

export const deleteFunctionConcurrency: Operation = {
  name: 'DeleteFunctionConcurrency',
  method: 'DELETE',
  path: '/2017-10-31/functions/{FunctionName}/concurrency',
  async run(r) {
    await r.deps.concurrency.delete(await functionOf(r));
    return { status: 204 };
  },
};
