// ListFunctions (GET /2015-03-31/functions): $LATEST of every function, or with
// FunctionVersion=ALL every version, 50 at most per page (Marker / MaxItems).
import { throwViolations, violation } from '../../../registry/validate';
import { pageParams } from '../common';
import type { Operation } from '../operation';
import { functionConfiguration } from '../shapes';

export const listFunctions: Operation = {
  name: 'ListFunctions',
  method: 'GET',
  path: '/2015-03-31/functions',
  async run(r) {
    const fv = r.query.get('FunctionVersion') ?? undefined;
    if (fv !== undefined && fv !== 'ALL') {
      throwViolations([violation('functionVersion', fv, 'Member must satisfy enum value set: [ALL]')]);
    }
    const all = fv === 'ALL';
    const page = r.deps.registry.listFunctions({ ...pageParams(r), all });
    const json: Record<string, unknown> = {
      Functions: page.items.map((v) =>
        functionConfiguration(v, r.deps.account, { view: 'listed', qualifier: all ? v.version : undefined })),
    };
    if (page.nextMarker) json.NextMarker = page.nextMarker;
    return { status: 200, json };
  },
};
