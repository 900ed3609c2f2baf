// CreateAlias (POST /2015-03-31/functions/{FunctionName}/aliases, 201): a name for a
// version, optionally routing a share of invocations to a second version.
import { functionNameLabel } from '../common';
import { requireMembers, type Members } from '../input';
import type { Operation } from '../operation';
import { aliasConfiguration } from '../shapes';

/** RoutingConfig.AdditionalVersionWeights, when RoutingConfig is given ({} when it is empty). */
export function routingWeights(m: Members): Record<string, number> | undefined {
  const routing = m.struct('RoutingConfig');
  return routing ? routing.numberMap('AdditionalVersionWeights') ?? {} : undefined;
}

export const createAlias: Operation = {
  name: 'CreateAlias',
  method: 'POST',
  path: '/2015-03-31/functions/{FunctionName}/aliases',
  async run(r) {
    const fn = functionNameLabel(r, false);
    const m = await r.body();
    const name = m.string('Name');
    const functionVersion = m.string('FunctionVersion');
    requireMembers({ name, functionVersion });
    const alias = await r.deps.registry.createAlias(fn, {
      name: name!, functionVersion, description: m.string('Description'), weights: routingWeights(m),
    });
    return { status: 201, json: aliasConfiguration(alias, r.deps.account) };
  },
};
