// SNS deliveries end to end: fan-out to SQS (envelope and raw), a Lambda subscription (the
// SNS event), an HTTP endpoint with the confirmation flow, email to the mail sink, filter
// policies on attributes and on the body, a FIFO topic into a FIFO queue, PublishBatch, and
// a pending delivery that a restart (same data directory) delivers.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CreateTopicCommand, PublishBatchCommand, PublishCommand, SNSClient, SubscribeCommand, GetSubscriptionAttributesCommand } from '@aws-sdk/client-sns';
import { startNimbus } from '../main';
import { createFunction, eventually } from './harness';
import { queue, receive, startSnsNimbus, type SnsNimbus } from './sns-harness';

interface Hit { headers: IncomingHttpHeaders; body: string }

/** A local HTTP endpoint recording each POST; answers `status()`. */
async function endpoint(status: () => number = () => 200): Promise<{ url: string; hits: Hit[]; server: Server }> {
  const hits: Hit[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => { hits.push({ headers: req.headers, body: Buffer.concat(chunks).toString() }); res.writeHead(status()).end(); });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/hook`, hits, server };
}

async function confirmByUrl(hit: Hit): Promise<void> {
  const url = JSON.parse(hit.body).SubscribeURL as string;
  const res = await fetch(url);
  assert.equal(res.status, 200, await res.text());
}

describe('SNS deliveries', () => {
  let t: SnsNimbus;
  before(async () => { t = await startSnsNimbus(); });
  after(async () => { await t.close(); });

  it('fans out to two queues: the JSON envelope, and the raw message with its attributes', async () => {
    const { TopicArn } = await t.sns.send(new CreateTopicCommand({ Name: 'fanout' }));
    const env = await queue(t.sqs, 'fan-envelope');
    const raw = await queue(t.sqs, 'fan-raw');
    const s = await t.sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: env.arn }));
    await t.sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: raw.arn, Attributes: { RawMessageDelivery: 'true' } }));
    const p = await t.sns.send(new PublishCommand({ TopicArn, Message: 'hello', Subject: 'greeting', MessageAttributes: {
      color: { DataType: 'String', StringValue: 'red' }, size: { DataType: 'Number', StringValue: '3' },
      blob: { DataType: 'Binary', BinaryValue: Buffer.from('ab') } } }));
    const [e] = await receive(t.sqs, env.url, 1);
    const body = JSON.parse(e.Body!);
    assert.deepEqual(Object.keys(body), ['Type', 'MessageId', 'TopicArn', 'Subject', 'Message', 'Timestamp', 'SignatureVersion', 'Signature',
      'SigningCertURL', 'UnsubscribeURL', 'MessageAttributes']);
    assert.equal(body.Type, 'Notification');
    assert.equal(body.MessageId, p.MessageId);
    assert.equal(body.TopicArn, TopicArn);
    assert.equal(body.Subject, 'greeting');
    assert.equal(body.Message, 'hello');
    assert.match(body.Timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.deepEqual(body.MessageAttributes, { color: { Type: 'String', Value: 'red' }, size: { Type: 'Number', Value: '3' },
      blob: { Type: 'Binary', Value: 'YWI=' } });
    assert.ok(body.UnsubscribeURL.includes(encodeURIComponent(s.SubscriptionArn!)));
    const [r] = await receive(t.sqs, raw.url, 1);
    assert.equal(r.Body, 'hello');
    assert.equal(r.MessageAttributes?.color.StringValue, 'red');
    assert.equal(r.MessageAttributes?.size.DataType, 'Number');
    assert.equal(Buffer.from(r.MessageAttributes!.blob.BinaryValue!).toString(), 'ab');
  });

  it('invokes a Lambda subscription asynchronously with the SNS event', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nimbus-sns-fn-'));
    const file = join(dir, 'event.json');
    await createFunction(t.lambda, 'sns-recorder', {
      'index.js': "exports.handler = async (e) => { require('fs').writeFileSync(process.env.EVENT_FILE, JSON.stringify(e)); return 'ok'; };",
    }, { env: { EVENT_FILE: file } });
    const { TopicArn } = await t.sns.send(new CreateTopicCommand({ Name: 'to-lambda' }));
    const fn = 'arn:aws:lambda:us-east-1:000000000000:function:sns-recorder';
    const s = await t.sns.send(new SubscribeCommand({ TopicArn, Protocol: 'lambda', Endpoint: fn }));
    const p = await t.sns.send(new PublishCommand({ TopicArn, Message: 'for the function', MessageAttributes: {
      k: { DataType: 'String', StringValue: 'v' } } }));
    const event = await eventually(() => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined), 20_000);
    assert.equal(event.Records.length, 1);
    const rec = event.Records[0];
    assert.equal(rec.EventSource, 'aws:sns');
    assert.equal(rec.EventVersion, '1.0');
    assert.equal(rec.EventSubscriptionArn, s.SubscriptionArn);
    assert.equal(rec.Sns.Type, 'Notification');
    assert.equal(rec.Sns.MessageId, p.MessageId);
    assert.equal(rec.Sns.TopicArn, TopicArn);
    assert.equal(rec.Sns.Subject, null);
    assert.equal(rec.Sns.Message, 'for the function');
    assert.equal(rec.Sns.SignatureVersion, '1');
    assert.ok(rec.Sns.Signature && rec.Sns.SigningCertUrl && rec.Sns.UnsubscribeUrl && rec.Sns.Timestamp);
    assert.deepEqual(rec.Sns.MessageAttributes, { k: { Type: 'String', Value: 'v' } });
    rmSync(dir, { recursive: true, force: true });
  });

  it('http: a SubscriptionConfirmation, confirmed through SubscribeURL, then notifications with SNS headers', async () => {
    const ep = await endpoint();
    const { TopicArn } = await t.sns.send(new CreateTopicCommand({ Name: 'to-http' }));
    const s = await t.sns.send(new SubscribeCommand({ TopicArn, Protocol: 'http', Endpoint: ep.url, ReturnSubscriptionArn: true }));
    const [c] = await eventually(async () => (ep.hits.length ? ep.hits : undefined));
    assert.equal(c.headers['x-amz-sns-message-type'], 'SubscriptionConfirmation');
    assert.equal(c.headers['x-amz-sns-topic-arn'], TopicArn);
    const conf = JSON.parse(c.body);
    assert.equal(conf.Type, 'SubscriptionConfirmation');
    assert.match(conf.Token, /^[0-9a-f]+$/);
    assert.equal((await t.sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: s.SubscriptionArn }))).Attributes?.PendingConfirmation, 'true');
    await t.sns.send(new PublishCommand({ TopicArn, Message: 'not yet' })); // pending: not delivered
    await confirmByUrl(c);
    assert.equal((await t.sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: s.SubscriptionArn }))).Attributes?.PendingConfirmation, 'false');
    const p = await t.sns.send(new PublishCommand({ TopicArn, Message: 'now', Subject: 's' }));
    const n = await eventually(() => ep.hits.find((h) => h.headers['x-amz-sns-message-type'] === 'Notification'));
    assert.equal(n.headers['x-amz-sns-message-id'], p.MessageId);
    assert.equal(n.headers['x-amz-sns-subscription-arn'], s.SubscriptionArn);
    assert.equal(n.headers['x-amz-sns-topic-arn'], TopicArn);
    assert.match(String(n.headers['content-type']), /^text\/plain/);
    assert.equal(JSON.parse(n.body).Message, 'now');
    assert.equal(ep.hits.filter((h) => h.headers['x-amz-sns-message-type'] === 'Notification').length, 1);
    ep.server.close();
  });

  it('email: a confirmation mail in the sink, then the notification', async () => {
    const { TopicArn } = await t.sns.send(new CreateTopicCommand({ Name: 'to-mail', Attributes: { DisplayName: 'Alerts' } }));
    await t.sns.send(new SubscribeCommand({ TopicArn, Protocol: 'email', Endpoint: 'ops@example.com' }));
    const mails = async () => (await (await fetch(`${t.server.awsUrl}/_nimbus/mail`)).json()) as { messages: { id: string; subject: string; to: string[] }[] };
    const conf = await eventually(async () => (await mails()).messages.find((m) => m.subject === 'Alerts - Subscription Confirmation'));
    assert.deepEqual(conf.to, ['ops@example.com']);
    const full = (await (await fetch(`${t.server.awsUrl}/_nimbus/mail/${encodeURIComponent(conf.id)}`)).json()) as { text: string };
    const link = /Confirm subscription: (\S+)/.exec(full.text)![1];
    assert.equal((await fetch(link)).status, 200);
    await t.sns.send(new PublishCommand({ TopicArn, Message: 'disk full', Subject: 'alarm' }));
    const note = await eventually(async () => (await mails()).messages.find((m) => m.subject === 'alarm'));
    const text = ((await (await fetch(`${t.server.awsUrl}/_nimbus/mail/${encodeURIComponent(note.id)}`)).json()) as { text: string }).text;
    assert.ok(text.startsWith('disk full'));
  });

  it('filter policies on message attributes and on the message body', async () => {
    const { TopicArn } = await t.sns.send(new CreateTopicCommand({ Name: 'filtered' }));
    const attrs = await queue(t.sqs, 'filter-attrs');
    const body = await queue(t.sqs, 'filter-body');
    await t.sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: attrs.arn, Attributes: { RawMessageDelivery: 'true',
      FilterPolicy: JSON.stringify({ store: ['example_corp'], price: [{ numeric: ['>=', 100, '<', 200] }], kind: [{ 'anything-but': { prefix: 'test' } }] }) } }));
    await t.sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: body.arn, Attributes: { RawMessageDelivery: 'true',
      FilterPolicyScope: 'MessageBody', FilterPolicy: JSON.stringify({ order: { state: ['paid'], items: { sku: [{ prefix: 'A-' }] } } }) } }));
    const send = (Message: string, a: Record<string, [string, string]> = {}) => t.sns.send(new PublishCommand({ TopicArn, Message,
      MessageAttributes: Object.fromEntries(Object.entries(a).map(([k, [DataType, StringValue]]) => [k, { DataType, StringValue }])) }));
    await send('a-match', { store: ['String', 'example_corp'], price: ['Number', '150'], kind: ['String', 'live'] });
    await send('a-price', { store: ['String', 'example_corp'], price: ['Number', '250'], kind: ['String', 'live'] });
    await send('a-kind', { store: ['String', 'example_corp'], price: ['Number', '150'], kind: ['String', 'test-run'] });
    await send('a-missing', { store: ['String', 'example_corp'], price: ['Number', '150'] });
    await send(JSON.stringify({ order: { state: 'paid', items: [{ sku: 'B-1' }, { sku: 'A-7' }] } }));
    await send(JSON.stringify({ order: { state: 'open', items: [{ sku: 'A-1' }] } }));
    await send('not json');
    const got = await receive(t.sqs, attrs.url, 10, 1500); // everything that arrives, not just the first
    assert.deepEqual(got.map((m) => m.Body), ['a-match']);
    const gotBody = await receive(t.sqs, body.url, 10, 1500);
    assert.deepEqual(gotBody.map((m) => JSON.parse(m.Body!).order.state), ['paid']);
  });

  it('FIFO topic into a FIFO queue: group ids, order, sequence numbers and deduplication', async () => {
    const { TopicArn } = await t.sns.send(new CreateTopicCommand({ Name: 'orders.fifo', Attributes: { FifoTopic: 'true' } }));
    const q = await queue(t.sqs, 'orders-q.fifo', { FifoQueue: 'true' });
    await t.sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: q.arn }));
    const std = await queue(t.sqs, 'orders-std');
    await assert.rejects(t.sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: std.arn })), /Please use FIFO SQS queue/);
    await assert.rejects(t.sns.send(new PublishCommand({ TopicArn, Message: 'x' })), /MessageGroupId parameter is required/);
    await assert.rejects(t.sns.send(new PublishCommand({ TopicArn, Message: 'x', MessageGroupId: 'g' })), /ContentBasedDeduplication/);
    const ids: string[] = [];
    for (const n of [1, 2, 3]) {
      const r = await t.sns.send(new PublishCommand({ TopicArn, Message: `m${n}`, MessageGroupId: 'g1', MessageDeduplicationId: `d${n}` }));
      assert.match(r.SequenceNumber!, /^\d{20}$/);
      ids.push(r.MessageId!);
    }
    const dup = await t.sns.send(new PublishCommand({ TopicArn, Message: 'again', MessageGroupId: 'g1', MessageDeduplicationId: 'd2' }));
    assert.equal(dup.MessageId, ids[1]);
    const got = await receive(t.sqs, q.url, 3);
    assert.deepEqual(got.map((m) => JSON.parse(m.Body!).Message), ['m1', 'm2', 'm3']);
    assert.ok(got.every((m) => m.Attributes?.MessageGroupId === 'g1'));
    assert.deepEqual(got.map((m) => m.Attributes?.MessageDeduplicationId), ['d1', 'd2', 'd3']);
    assert.ok(JSON.parse(got[0].Body!).SequenceNumber);
    assert.equal((await receive(t.sqs, q.url, 1, 1500)).length, 0);
  });

  it('PublishBatch delivers every good entry', async () => {
    const { TopicArn } = await t.sns.send(new CreateTopicCommand({ Name: 'batched' }));
    const q = await queue(t.sqs, 'batched-q');
    await t.sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: q.arn, Attributes: { RawMessageDelivery: 'true' } }));
    const r = await t.sns.send(new PublishBatchCommand({ TopicArn, PublishBatchRequestEntries: [
      { Id: 'a', Message: 'one' }, { Id: 'b', Message: 'two', MessageAttributes: { x: { DataType: 'String', StringValue: 'y' } } },
      { Id: 'c', Message: 'three' }, { Id: 'd', Message: '{"default":"four"}', MessageStructure: 'json' }] }));
    assert.equal(r.Successful?.length, 4);
    assert.equal(r.Failed?.length, 0);
    const got = await receive(t.sqs, q.url, 4);
    assert.deepEqual(got.map((m) => m.Body).sort(), ['four', 'one', 'three', 'two']);
  });
});

describe('SNS durability', () => {
  it('a delivery still pending when the server stops is delivered after a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'nimbus-sns-restart-'));
    let healthy = true;
    const ep = await endpoint(() => (healthy ? 200 : 503));
    const open = async () => {
      const server = await startNimbus({ port: 0, httpPort: 0, dataDir, log: () => {}, stemCells: false });
      const sns = new SNSClient({ endpoint: server.awsUrl, region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 1 });
      return { server, sns };
    };
    const first = await open();
    const { TopicArn } = await first.sns.send(new CreateTopicCommand({ Name: 'durable' }));
    await first.sns.send(new SubscribeCommand({ TopicArn, Protocol: 'http', Endpoint: ep.url, Attributes: {
      DeliveryPolicy: JSON.stringify({ healthyRetryPolicy: { numRetries: 20, minDelayTarget: 1, maxDelayTarget: 1 } }) } }));
    await confirmByUrl(await eventually(() => ep.hits[0]));
    healthy = false;
    const p = await first.sns.send(new PublishCommand({ TopicArn, Message: 'survives' }));
    await eventually(() => ep.hits.find((h) => h.headers['x-amz-sns-message-id'] === p.MessageId)); // the first attempt failed
    first.sns.destroy();
    await first.server.stop();
    healthy = true;
    const seenBefore = ep.hits.length;
    const second = await open();
    try {
      const hit = await eventually(() => ep.hits.slice(seenBefore).find((h) => h.headers['x-amz-sns-message-id'] === p.MessageId), 15_000);
      assert.equal(JSON.parse(hit.body).Message, 'survives');
    } finally {
      second.sns.destroy();
      await second.server.stop();
      ep.server.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
