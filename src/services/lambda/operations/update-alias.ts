// UpdateAlias (PUT /2015-03-31/functions/{FunctionName}/aliases/{Name}): another
// version, description or routing; RevisionId as a precondition.
import { functionNameLabel } from '../common';
import type { Operation } from '../operation';
import { aliasConfiguration } from '../shapes';
import { routingWeights } from './create-alias';

export const updateAlias: Operation = {
  name: 'UpdateAlias',
  method: 'PUT',
  path: '/2015-03-31/functions/{FunctionName}/aliases/{Name}',
  async run(r) {
    const fn = functionNameLabel(r, false);
    const m = await r.body();
    const alias = await r.deps.registry.updateAlias(fn, {
      name: r.params.Name,
      functionVersion: m.string('FunctionVersion'),
      description: m.string('Description'),
      weights: routingWeights(m),
      revisionId: m.string('RevisionId'),
    });
    return { status: 200, json: aliasConfiguration(alias, r.deps.account) };
  },
};
