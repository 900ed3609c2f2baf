// The variable sources: given `type:rest` (or `file(x):rest`), the value it names or
// why there is none. Sources Nimbus cannot reach (ssm, cf, s3, ...) are "missing" with
// a reason, so a default value still applies.

import type { VariableResolver } from './variables';
import { parseAddress, unquote } from './variable-syntax';
import type { KeyPath, YamlSource } from './yaml-source';

export type Found = { value: unknown } | { missing: string };

export function lookupSource(address: string, v: VariableResolver, src: YamlSource, path: KeyPath): Found {
  const { type, arg, rest } = parseAddress(address);
  const got = (value: unknown, missing: string): Found => (value === undefined ? { missing } : { value });
  switch (type) {
    case 'self':
      return got(v.self(rest), `no value at ${rest || '(root)'} in ${v.mainFile}`);
    case 'env':
      return got(v.opts.env[rest], `environment variable ${rest} is not set`);
    case 'opt':
      if (rest === 'stage') return got(v.opts.stage, 'no --stage option was given');
      if (rest === 'region') return got(v.opts.region, 'no --region option was given');
      return { missing: `option --${rest} is not supported` };
    case 'sls':
      if (rest === 'stage') return { value: v.stage() };
      return { missing: `sls:${rest} is not supported (only sls:stage)` };
    case 'aws':
      if (rest === 'region') return { value: v.region() };
      if (rest === 'accountId') return { value: v.opts.accountId };
      return { missing: `aws:${rest} is not supported (aws:region, aws:accountId)` };
    case 'param':
      return got(v.param(rest), `parameter ${rest} is not set for stage ${v.stage()} (--param, params.<stage> or params.default)`);
    case 'file':
      return v.fromFile(unquote(arg ?? '') ?? arg ?? '', rest, src, path);
    default:
      return { missing: `variable source "${type}" is not supported by Nimbus; give a default value` };
  }
}
