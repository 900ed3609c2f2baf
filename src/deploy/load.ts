// Finds the project in a directory (serverless.yml or SAM template.yaml) and builds
// its deployment plan with the matching loader.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { NimbusError } from '../kernel/errors';
import type { DeploymentPlan } from './plan';
import { loadSam } from './sam';
import { loadServerless } from './serverless-yml';

export interface LoadOptions {
  stage?: string;
  stackName?: string;
  parameterOverrides?: Record<string, string>;
  /** The server's region: SAM's pseudo-parameter; serverless keeps provider.region unless `regionOverride` is set. */
  region: string;
  regionOverride?: string;
  accountId: string;
  env: Record<string, string | undefined>;
}

const SERVERLESS = ['serverless.yml', 'serverless.yaml'];
const SAM = ['template.yaml', 'template.yml'];

export function loadProject(dir: string, o: LoadOptions): DeploymentPlan {
  const root = resolve(dir);
  if (SERVERLESS.some((f) => existsSync(join(root, f)))) {
    return loadServerless(root, { stage: o.stage, region: o.regionOverride, env: o.env, accountId: o.accountId });
  }
  if (SAM.some((f) => existsSync(join(root, f)))) {
    return loadSam(root, { stackName: o.stackName, parameterOverrides: o.parameterOverrides, region: o.region, accountId: o.accountId });
  }
  throw new NimbusError('CONFIG_INVALID',
    `No project found in ${root}: expected ${[...SERVERLESS, ...SAM].join(', ')}`);
}
