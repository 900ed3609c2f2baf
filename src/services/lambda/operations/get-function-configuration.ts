// GetFunctionConfiguration (GET /2015-03-31/functions/{FunctionName}/configuration).
import { functionNameLabel, qualifierParam } from '../common';
import type { Operation } from '../operation';
import { functionConfiguration } from '../shapes';

export const getFunctionConfiguration: Operation = {
  name: 'GetFunctionConfiguration',
  method: 'GET',
  path: '/2015-03-31/functions/{FunctionName}/configuration',
  async run(r) {
    const name = functionNameLabel(r, true);
    const d = await r.deps.registry.getFunction(name, qualifierParam(r));
    return { status: 200, json: functionConfiguration(d.version, r.deps.account, { view: 'stored', qualifier: d.qualifier }) };
  },
};
