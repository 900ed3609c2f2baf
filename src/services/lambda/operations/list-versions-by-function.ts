// ListVersionsByFunction (GET /2015-03-31/functions/{FunctionName}/versions): $LATEST
// then the published versions, each with its qualified ARN.
import { functionNameLabel, pageParams } from '../common';
import type { Operation } from '../operation';
import { functionConfiguration } from '../shapes';

export const listVersionsByFunction: Operation = {
  name: 'ListVersionsByFunction',
  method: 'GET',
  path: '/2015-03-31/functions/{FunctionName}/versions',
  async run(r) {
    const name = functionNameLabel(r, true);
    const page = await r.deps.registry.listVersionsByFunction(name, pageParams(r));
    const json: Record<string, unknown> = {
      Versions: page.items.map((v) => functionConfiguration(v, r.deps.account, { view: 'listed', qualifier: v.version })),
    };
    if (page.nextMarker) json.NextMarker = page.nextMarker;
    return { status: 200, json };
  },
};
