// Test helpers: write literal serverless.yml (and included files) to a temp directory
// and load it, or capture the DeployError it throws.

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { DeploymentPlan } from '../plan';
import { DeployError } from '../deploy-error';
import { LoadServerlessOptions, loadServerless } from './load-serverless';

export const ACCOUNT = '123456789012';

/** A temp service directory holding `files` (name → text); the first key is usually serverless.yml. */
export function writeService(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'nimbus-sls-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

export function load(yml: string, opts: Partial<LoadServerlessOptions> = {}, extra: Record<string, string> = {}): DeploymentPlan {
  const dir = writeService({ 'serverless.yml': yml, ...extra });
  return loadServerless(dir, { env: {}, accountId: ACCOUNT, ...opts });
}

export function loadError(yml: string, opts: Partial<LoadServerlessOptions> = {}, extra: Record<string, string> = {}): DeployError {
  try {
    load(yml, opts, extra);
  } catch (err) {
    if (err instanceof DeployError) return err;
    throw err;
  }
  throw new Error('expected a DeployError, but the file loaded');
}

/** The minimal valid header most tests start from. */
export const HEAD = `service: shop
provider:
  name: aws
  runtime: nodejs20.x
`;
