// Runs Debian's aws CLI (/usr/bin/aws 2.9, which speaks the query protocol to SQS, SNS and
// SES) against a Nimbus endpoint, with throwaway credentials and a private HOME.
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

export interface CliResult { out: any; err: string; code: number }

let home: string | undefined;

export function awsCli(endpoint: string): (...args: string[]) => Promise<CliResult> {
  home ??= mkdtempSync(join(tmpdir(), 'nimbus-aws-cli-'));
  return async (...args) => {
    try {
      const r = await promisify(execFile)('/usr/bin/aws', ['--endpoint-url', endpoint, '--no-cli-pager', '--output', 'json', ...args], {
        env: { PATH: process.env.PATH, HOME: home, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_DEFAULT_REGION: 'us-east-1' },
      });
      return { out: r.stdout.trim() ? JSON.parse(r.stdout) : undefined, err: r.stderr, code: 0 };
    } catch (e) {
      const x = e as { stderr: string; code: number };
      return { out: undefined, err: x.stderr, code: x.code };
    }
  };
}
