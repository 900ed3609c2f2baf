// SQS through the query protocol, as Debian's aws CLI (2.9) speaks it, against the real
// service: the CLI checks the body and attribute MD5s of what it receives.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startTestNimbus, type TestNimbus } from './harness';
import { awsCli, type CliResult } from './aws-cli';

describe('SQS through the aws CLI (query protocol)', () => {
  let t: TestNimbus;
  let aws: (...args: string[]) => Promise<CliResult>;
  before(async () => {
    t = await startTestNimbus();
    aws = awsCli(t.server.awsUrl);
  });
  after(() => t.close());

  it('creates a queue, sends with attributes, receives, deletes', async () => {
    const created = await aws('sqs', 'create-queue', '--queue-name', 'cli-q', '--attributes', 'VisibilityTimeout=45');
    assert.equal(created.code, 0, created.err);
    const url = created.out.QueueUrl;
    assert.match(url, /\/000000000000\/cli-q$/);
    const sent = await aws('sqs', 'send-message', '--queue-url', url, '--message-body', 'hello cli',
      '--message-attributes', '{"colour":{"DataType":"String","StringValue":"blue"},"n":{"DataType":"Number","StringValue":"7"}}');
    assert.equal(sent.code, 0, sent.err);
    assert.match(sent.out.MD5OfMessageBody, /^[0-9a-f]{32}$/);
    const got = await aws('sqs', 'receive-message', '--queue-url', url, '--message-attribute-names', 'All',
      '--attribute-names', 'All');
    assert.equal(got.code, 0, got.err);
    const [m] = got.out.Messages;
    assert.equal(m.Body, 'hello cli');
    assert.equal(m.MessageAttributes.colour.StringValue, 'blue');
    assert.equal(m.Attributes.ApproximateReceiveCount, '1');
    const attrs = await aws('sqs', 'get-queue-attributes', '--queue-url', url, '--attribute-names', 'All');
    assert.equal(attrs.out.Attributes.VisibilityTimeout, '45');
    assert.equal(attrs.out.Attributes.ApproximateNumberOfMessagesNotVisible, '1');
    assert.equal((await aws('sqs', 'delete-message', '--queue-url', url, '--receipt-handle', m.ReceiptHandle)).code, 0);
    const listed = await aws('sqs', 'list-queues');
    assert.deepEqual(listed.out.QueueUrls, [url]);
  });

  it('answers a missing queue with the error the CLI knows', async () => {
    const r = await aws('sqs', 'get-queue-url', '--queue-name', 'nope');
    assert.notEqual(r.code, 0);
    assert.match(r.err, /AWS\.SimpleQueueService\.NonExistentQueue/);
  });

  it('answers bad input with the query codes: duplicate batch ids, an oversized message, a bad attribute', async () => {
    const url = (await aws('sqs', 'create-queue', '--queue-name', 'cli-bad')).out.QueueUrl;
    const dup = await aws('sqs', 'send-message-batch', '--queue-url', url, '--entries', 'Id=a,MessageBody=x', 'Id=a,MessageBody=y');
    assert.match(dup.err, /AWS\.SimpleQueueService\.BatchEntryIdsNotDistinct/);
    const file = join(mkdtempSync(join(tmpdir(), 'nimbus-sqs-cli-')), 'big.txt');
    writeFileSync(file, 'x'.repeat(1_048_577));
    const big = await aws('sqs', 'send-message', '--queue-url', url, '--message-body', `file://${file}`);
    assert.match(big.err, /InvalidParameterValue.*Message must be shorter than 1048576 bytes/);
    const attr = await aws('sqs', 'set-queue-attributes', '--queue-url', url, '--attributes', 'VisibilityTimeout=99999');
    assert.match(attr.err, /InvalidAttributeValue/);
  });
});
