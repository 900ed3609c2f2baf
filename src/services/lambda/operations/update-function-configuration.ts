// UpdateFunctionConfiguration (PUT /2015-03-31/functions/{FunctionName}/configuration):
// changes $LATEST's configuration; answered with LastUpdateStatus "InProgress".
import { functionNameLabel, configMembers } from '../common';
import type { Operation } from '../operation';
import { functionConfiguration } from '../shapes';

export const updateFunctionConfiguration: Operation = {
  name: 'UpdateFunctionConfiguration',
  method: 'PUT',
  path: '/2015-03-31/functions/{FunctionName}/configuration',
  async run(r) {
    const name = functionNameLabel(r, false);
    const m = await r.body();
    const version = await r.deps.registry.updateFunctionConfiguration(name, {
      ...configMembers(m),
      revisionId: m.string('RevisionId'),
    });
    return { status: 200, json: functionConfiguration(version, r.deps.account, { view: 'updated' }) };
  },
};
