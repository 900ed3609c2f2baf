// DeleteFunction (DELETE /2015-03-31/functions/{FunctionName}): the whole function, or
// with Qualifier one published version (not one an alias uses, never $LATEST). 204.
import { functionNameLabel, qualifierParam } from '../common';
import type { Operation } from '../operation';

export const deleteFunction: Operation = {
  name: 'DeleteFunction',
  method: 'DELETE',
  path: '/2015-03-31/functions/{FunctionName}',
  async run(r) {
    const name = functionNameLabel(r, true);
    await r.deps.registry.deleteFunction(name, qualifierParam(r));
    return { status: 204 };
  },
};
