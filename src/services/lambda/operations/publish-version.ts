// PublishVersion (POST /2015-03-31/functions/{FunctionName}/versions, 201): snapshots
// $LATEST as a numbered version; unchanged since the last one, that one is returned.
import { functionNameLabel } from '../common';
import type { Operation } from '../operation';
import { functionConfiguration } from '../shapes';

export const publishVersion: Operation = {
  name: 'PublishVersion',
  method: 'POST',
  path: '/2015-03-31/functions/{FunctionName}/versions',
  async run(r) {
    const name = functionNameLabel(r, false);
    const m = await r.body();
    const { version, created } = await r.deps.registry.publishVersion(name, {
      codeSha256: m.string('CodeSha256'),
      description: m.string('Description'),
      revisionId: m.string('RevisionId'),
    });
    return {
      status: 201,
      json: functionConfiguration(version, r.deps.account, { view: created ? 'published' : 'stored', qualifier: version.version }),
    };
  },
};
