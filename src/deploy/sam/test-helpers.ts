// Test helpers: a SAM template written into a fresh temporary project directory.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SamOptions, loadSam } from './load-sam';
import type { DeploymentPlan } from '../plan';

export function project(template: string, file = 'template.yaml'): string {
  const dir = mkdtempSync(join(tmpdir(), 'nimbus-sam-'));
  writeFileSync(join(dir, file), template);
  return dir;
}

export function plan(template: string, opts: Partial<SamOptions> = {}): DeploymentPlan {
  return loadSam(project(template), { region: 'us-east-1', accountId: '123456789012', stackName: 'app', ...opts });
}

export const HEADER = 'AWSTemplateFormatVersion: "2010-09-09"\nTransform: AWS::Serverless-2016-10-31\n';
