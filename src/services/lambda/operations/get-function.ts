// GetFunction (GET /2015-03-31/functions/{FunctionName}): the configuration of $LATEST,
// a version or an alias's version, where to download the code, and the tags.
import { functionNameLabel, qualifierParam } from '../common';
import type { Operation } from '../operation';
import { functionConfiguration } from '../shapes';

/** Where GetFunction's Code.Location points: the package served by this service. */
export const CODE_PATH = '/_lambda/code/';

export const getFunction: Operation = {
  name: 'GetFunction',
  method: 'GET',
  path: '/2015-03-31/functions/{FunctionName}',
  async run(r) {
    const name = functionNameLabel(r, true);
    const d = await r.deps.registry.getFunction(name, qualifierParam(r));
    const json: Record<string, unknown> = {
      Configuration: functionConfiguration(d.version, r.deps.account, { view: 'stored', qualifier: d.qualifier }),
      Code: { RepositoryType: 'S3', Location: `${r.origin}${CODE_PATH}${d.version.blobId}.zip` },
    };
    if (Object.keys(d.tags).length > 0) json.Tags = d.tags;
    const reserved = r.deps.concurrency.get(d.version.functionName);
    if (reserved !== undefined) json.Concurrency = { ReservedConcurrentExecutions: reserved };
    return { status: 200, json };
  },
};
