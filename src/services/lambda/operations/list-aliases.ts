// ListAliases (GET /2015-03-31/functions/{FunctionName}/aliases), optionally only the
// aliases of one FunctionVersion; Marker / MaxItems pagination.
import { aliasViolations, throwViolations } from '../../../registry/validate';
import { functionNameLabel, pageParams } from '../common';
import type { Operation } from '../operation';
import { aliasConfiguration } from '../shapes';

export const listAliases: Operation = {
  name: 'ListAliases',
  method: 'GET',
  path: '/2015-03-31/functions/{FunctionName}/aliases',
  async run(r) {
    const fn = functionNameLabel(r, false);
    const functionVersion = r.query.get('FunctionVersion') ?? undefined;
    throwViolations(aliasViolations({ functionVersion }));
    const page = await r.deps.registry.listAliases(fn, { functionVersion, ...pageParams(r) });
    const json: Record<string, unknown> = { Aliases: page.items.map((a) => aliasConfiguration(a, r.deps.account)) };
    if (page.nextMarker) json.NextMarker = page.nextMarker;
    return { status: 200, json };
  },
};
