// GetAlias (GET /2015-03-31/functions/{FunctionName}/aliases/{Name}).
import { aliasViolations, throwViolations } from '../../../registry/validate';
import { functionNameLabel } from '../common';
import type { Operation } from '../operation';
import { aliasConfiguration } from '../shapes';

export const getAlias: Operation = {
  name: 'GetAlias',
  method: 'GET',
  path: '/2015-03-31/functions/{FunctionName}/aliases/{Name}',
  async run(r) {
    const fn = functionNameLabel(r, false);
    throwViolations(aliasViolations({ name: r.params.Name }));
    const alias = await r.deps.registry.getAlias(fn, r.params.Name);
    return { status: 200, json: aliasConfiguration(alias, r.deps.account) };
  },
};
