// Test harness: a real Nimbus on ephemeral ports in a temp data dir, the official
// Lambda client pointed at it, and zips built from literal files.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LambdaClient, CreateFunctionCommand, waitUntilFunctionActiveV2, type Runtime } from '@aws-sdk/client-lambda';
import { zipSync, strToU8 } from 'fflate';
import { startNimbus, type NimbusOptions, type NimbusServer } from '../main';

export interface TestNimbus {
  server: NimbusServer;
  lambda: LambdaClient;
  dataDir: string;
  close(): Promise<void>;
}

export async function startTestNimbus(o: NimbusOptions = {}): Promise<TestNimbus> {
  const dataDir = o.dataDir ?? mkdtempSync(join(tmpdir(), 'nimbus-e2e-'));
  const server = await startNimbus({ port: 0, httpPort: 0, dataDir, log: () => {}, ...o });
  const lambda = new LambdaClient({
    endpoint: server.awsUrl, region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
  return {
    server, lambda, dataDir,
    async close() {
      lambda.destroy();
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A zip of literal files: { 'index.js': '...' }. */
export function zip(files: Record<string, string>): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)])));
}

export async function createFunction(lambda: LambdaClient, name: string, files: Record<string, string>,
  extra: { handler?: string; timeout?: number; memorySize?: number; env?: Record<string, string>; runtime?: string } = {}): Promise<void> {
  await lambda.send(new CreateFunctionCommand({
    FunctionName: name, Runtime: (extra.runtime ?? 'nodejs20.x') as Runtime, Role: 'arn:aws:iam::000000000000:role/lambda-role',
    Handler: extra.handler ?? 'index.handler', Code: { ZipFile: zip(files) },
    Timeout: extra.timeout, MemorySize: extra.memorySize,
    Environment: extra.env ? { Variables: extra.env } : undefined,
  }));
  await waitUntilFunctionActiveV2({ client: lambda, maxWaitTime: 30, minDelay: 1, maxDelay: 1 }, { FunctionName: name });
}

export const decode = (b?: Uint8Array): string => Buffer.from(b ?? []).toString('utf8');
export const json = (b?: Uint8Array): any => JSON.parse(decode(b));
export const tail = (logResult?: string): string => Buffer.from(logResult ?? '', 'base64').toString('utf8');

/** The lines a function has appended to a file so far; a line still being written (no newline yet) is left for the next read. */
export function fileLines(file: string): string[] {
  if (!existsSync(file)) return [];
  const text = readFileSync(file, 'utf8');
  return text.slice(0, text.lastIndexOf('\n') + 1).split('\n').filter(Boolean);
}
export const jsonLines = (file: string): any[] => fileLines(file).map((l) => JSON.parse(l));

export async function eventually<T>(fn: () => Promise<T | undefined> | T | undefined, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}
