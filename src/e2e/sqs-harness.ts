// SQS test helpers: a Nimbus with the official SQS client pointed at it (checksum
// validation on, as by default), and an assertion on the SDK's error name.
import assert from 'node:assert/strict';
import { SQSClient } from '@aws-sdk/client-sqs';
import { startTestNimbus, type TestNimbus } from './harness';
import type { NimbusOptions } from '../main';

export interface SqsNimbus extends TestNimbus { sqs: SQSClient }

export async function startSqsNimbus(o: NimbusOptions = {}): Promise<SqsNimbus> {
  const t = await startTestNimbus({ stemCells: false, ...o });
  const sqs = sqsClient(t.server.awsUrl);
  return { ...t, sqs, close: async () => { sqs.destroy(); await t.close(); } };
}

export function sqsClient(endpoint: string): SQSClient {
  return new SQSClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
}

/** Asserts that `p` rejects with the SDK error `name` (and, if given, a message containing `message`). */
export async function rejectsWith(p: Promise<unknown>, name: string, message?: string): Promise<void> {
  await assert.rejects(p, (e: Error & { $metadata?: unknown }) => {
    assert.equal(e.name, name, `expected ${name}, got ${e.name}: ${e.message}`);
    if (message) assert.ok(e.message.includes(message), `message "${e.message}" lacks "${message}"`);
    return true;
  });
}
