// DeleteAlias (DELETE /2015-03-31/functions/{FunctionName}/aliases/{Name}, 204), also
// for an alias that does not exist, as on Lambda.
import { aliasViolations, throwViolations } from '../../../registry/validate';
import { functionNameLabel } from '../common';
import type { Operation } from '../operation';

export const deleteAlias: Operation = {
  name: 'DeleteAlias',
  method: 'DELETE',
  path: '/2015-03-31/functions/{FunctionName}/aliases/{Name}',
  async run(r) {
    const fn = functionNameLabel(r, false);
    throwViolations(aliasViolations({ name: r.params.Name }));
    await r.deps.registry.deleteAlias(fn, r.params.Name);
    return { status: 204 };
  },
};
