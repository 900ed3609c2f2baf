// How CLI commands find the server: --endpoint, else NIMBUS_ENDPOINT, else the data
// dir's server.json, and the small HTTP helpers they share.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export class CliError extends Error {}

export function findEndpoint(opts: { endpoint?: string; dataDir?: string }): string {
  if (opts.endpoint) return opts.endpoint.replace(/\/$/, '');
  if (process.env.NIMBUS_ENDPOINT) return process.env.NIMBUS_ENDPOINT.replace(/\/$/, '');
  const file = join(resolve(opts.dataDir ?? '.nimbus'), 'server.json');
  let info: { aws?: string };
  try {
    info = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new CliError(`No running Nimbus server found (no ${file}). Start one with \`nimbus start\`, `
      + 'or pass --endpoint / set NIMBUS_ENDPOINT.');
  }
  if (!info.aws) throw new CliError(`${file} does not name the server's endpoint; restart the server.`);
  return info.aws;
}

export async function request(endpoint: string, path: string, init: RequestInit = {}): Promise<Response> {
  try {
    return await fetch(endpoint + path, init);
  } catch (err) {
    throw new CliError(`Cannot reach the Nimbus server at ${endpoint} (${(err as Error & { cause?: Error }).cause?.message
      ?? (err as Error).message}). Is it running? Start one with \`nimbus start\`.`);
  }
}

/** Throws the AWS error of a non-2xx answer as a readable CLI message. */
export async function expectOk(res: Response): Promise<Response> {
  if (res.ok) return res;
  const type = res.headers.get('x-amzn-errortype') ?? `HTTP ${res.status}`;
  let message = '';
  try { const b = (await res.json()) as { message?: string; Message?: string }; message = b.message ?? b.Message ?? ''; } catch { /* no JSON body */ }
  throw new CliError(`${type}: ${message}`.trim());
}
