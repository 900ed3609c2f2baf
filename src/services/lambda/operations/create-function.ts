// CreateFunction (POST /2015-03-31/functions, 201). The package is checked, stored and
// extracted before the answer, which still says State "Pending" / "Creating" as
// Lambda's does; GetFunction right after shows Active.
import { throwViolations } from '../../../registry/validate';
import type { CodeInput } from '../../../registry/registry';
import { configMembers, functionNameViolations } from '../common';
import { requireMembers, type Members } from '../input';
import { CODE_REQUEST_LIMIT, type Operation } from '../operation';
import { functionConfiguration } from '../shapes';

/** FunctionCode (and UpdateFunctionCode's flat members): where the package comes from. */
export function codeMembers(m: Members): CodeInput {
  return {
    zipFile: m.blob('ZipFile'),
    s3Bucket: m.string('S3Bucket'),
    s3Key: m.string('S3Key'),
    s3ObjectVersion: m.string('S3ObjectVersion'),
    imageUri: m.string('ImageUri'),
  };
}

export const createFunction: Operation = {
  name: 'CreateFunction',
  method: 'POST',
  path: '/2015-03-31/functions',
  bodyLimit: CODE_REQUEST_LIMIT,
  async run(r) {
    const m = await r.body();
    const functionName = m.string('FunctionName');
    const code = m.struct('Code');
    requireMembers({ functionName, role: m.string('Role'), code });
    throwViolations(functionNameViolations(functionName!, false));
    const version = await r.deps.registry.createFunction({
      ...configMembers(m),
      architectures: m.stringList('Architectures'),
      functionName: functionName!,
      code: codeMembers(code!),
      publish: m.boolean('Publish'),
      tags: m.stringMap('Tags'),
    });
    return { status: 201, json: functionConfiguration(version, r.deps.account, { view: 'created' }) };
  },
};
