// UpdateFunctionCode (PUT /2015-03-31/functions/{FunctionName}/code): new code for
// $LATEST (and a new version with Publish). The answer shows LastUpdateStatus
// "InProgress" as Lambda's does; GetFunction right after shows "Successful".
import { functionNameLabel } from '../common';
import { CODE_REQUEST_LIMIT, type Operation } from '../operation';
import { functionConfiguration } from '../shapes';
import { codeMembers } from './create-function';

export const updateFunctionCode: Operation = {
  name: 'UpdateFunctionCode',
  method: 'PUT',
  path: '/2015-03-31/functions/{FunctionName}/code',
  bodyLimit: CODE_REQUEST_LIMIT,
  async run(r) {
    const name = functionNameLabel(r, false);
    const m = await r.body();
    const publish = m.boolean('Publish') ?? false;
    const version = await r.deps.registry.updateFunctionCode(name, {
      ...codeMembers(m),
      publish,
      dryRun: m.boolean('DryRun'),
      revisionId: m.string('RevisionId'),
      architectures: m.stringList('Architectures'),
    });
    const published = publish && version.version !== '$LATEST';
    return {
      status: 200,
      json: functionConfiguration(version, r.deps.account, published
        ? { view: 'published', qualifier: version.version }
        : { view: 'updated' }),
    };
  },
};
