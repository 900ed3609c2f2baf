// SNS's API end to end through @aws-sdk/client-sns (and a few calls of Debian's aws CLI over
// the query protocol): topics, attributes, subscriptions, tags, and the errors SNS answers.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  ConfirmSubscriptionCommand, CreateTopicCommand, DeleteTopicCommand, GetSubscriptionAttributesCommand, GetTopicAttributesCommand,
  ListSubscriptionsByTopicCommand, ListSubscriptionsCommand, ListTagsForResourceCommand, ListTopicsCommand, PublishBatchCommand,
  PublishCommand, SetSubscriptionAttributesCommand, SetTopicAttributesCommand, SubscribeCommand, TagResourceCommand,
  UnsubscribeCommand, UntagResourceCommand,
} from '@aws-sdk/client-sns';
import { rejectsWith } from './sqs-harness';
import { awsCli, queue, startSnsNimbus, type SnsNimbus } from './sns-harness';

const ACCOUNT = '000000000000';
const arnOf = (name: string) => `arn:aws:sns:us-east-1:${ACCOUNT}:${name}`;

describe('SNS API', () => {
  let t: SnsNimbus;
  before(async () => { t = await startSnsNimbus(); });
  after(async () => { await t.close(); });

  it('CreateTopic is idempotent; attributes, counts and SetTopicAttributes', async () => {
    const a = await t.sns.send(new CreateTopicCommand({ Name: 'orders', Attributes: { DisplayName: 'Orders' }, Tags: [{ Key: 'team', Value: 'a' }] }));
    assert.equal(a.TopicArn, arnOf('orders'));
    const again = await t.sns.send(new CreateTopicCommand({ Name: 'orders', Attributes: { DisplayName: 'Orders' } }));
    assert.equal(again.TopicArn, a.TopicArn);
    await rejectsWith(t.sns.send(new CreateTopicCommand({ Name: 'orders', Attributes: { DisplayName: 'Other' } })), 'InvalidParameterException',
      'Invalid parameter: Attributes Reason: Topic already exists with different attributes');
    await t.sns.send(new SetTopicAttributesCommand({ TopicArn: a.TopicArn, AttributeName: 'DisplayName', AttributeValue: 'Orders!' }));
    const { Attributes } = await t.sns.send(new GetTopicAttributesCommand({ TopicArn: a.TopicArn }));
    assert.equal(Attributes?.DisplayName, 'Orders!');
    assert.equal(Attributes?.TopicArn, a.TopicArn);
    assert.equal(Attributes?.Owner, ACCOUNT);
    assert.equal(Attributes?.SubscriptionsConfirmed, '0');
    assert.equal(Attributes?.SubscriptionsPending, '0');
    assert.equal(Attributes?.SubscriptionsDeleted, '0');
    assert.equal(JSON.parse(Attributes!.Policy!).Statement[0].Resource, a.TopicArn);
    assert.ok(JSON.parse(Attributes!.EffectiveDeliveryPolicy!).http.defaultHealthyRetryPolicy);
    await rejectsWith(t.sns.send(new SetTopicAttributesCommand({ TopicArn: a.TopicArn, AttributeName: 'Bogus', AttributeValue: 'x' })),
      'InvalidParameterException', 'Invalid parameter: AttributeName');
    await rejectsWith(t.sns.send(new SetTopicAttributesCommand({ TopicArn: a.TopicArn, AttributeName: 'DeliveryPolicy', AttributeValue: '{' })),
      'InvalidParameterException', 'DeliveryPolicy');
  });

  it('FIFO topics: names, attributes', async () => {
    const f = await t.sns.send(new CreateTopicCommand({ Name: 'f.fifo', Attributes: { FifoTopic: 'true', ContentBasedDeduplication: 'true' } }));
    const { Attributes } = await t.sns.send(new GetTopicAttributesCommand({ TopicArn: f.TopicArn }));
    assert.equal(Attributes?.FifoTopic, 'true');
    assert.equal(Attributes?.ContentBasedDeduplication, 'true');
    await rejectsWith(t.sns.send(new CreateTopicCommand({ Name: 'nofifo', Attributes: { FifoTopic: 'true' } })), 'InvalidParameterException',
      'Fifo Topic names must end with .fifo');
    await rejectsWith(t.sns.send(new CreateTopicCommand({ Name: 'x.fifo' })), 'InvalidParameterException', 'Invalid parameter: Topic Name');
    await rejectsWith(t.sns.send(new CreateTopicCommand({ Name: 'bad name' })), 'InvalidParameterException', 'Invalid parameter: Topic Name');
  });

  it('ListTopics pages with NextToken; DeleteTopic', async () => {
    for (let n = 0; n < 105; n++) await t.sns.send(new CreateTopicCommand({ Name: `many-${String(n).padStart(3, '0')}` }));
    const first = await t.sns.send(new ListTopicsCommand({}));
    assert.equal(first.Topics?.length, 100);
    assert.ok(first.NextToken);
    const second = await t.sns.send(new ListTopicsCommand({ NextToken: first.NextToken }));
    const all = [...first.Topics!, ...second.Topics!].map((x) => x.TopicArn);
    assert.ok(all.includes(arnOf('many-104')));
    assert.equal(new Set(all).size, all.length);
    await t.sns.send(new DeleteTopicCommand({ TopicArn: arnOf('many-104') }));
    await t.sns.send(new DeleteTopicCommand({ TopicArn: arnOf('many-104') })); // no error when gone
    await rejectsWith(t.sns.send(new GetTopicAttributesCommand({ TopicArn: arnOf('many-104') })), 'NotFoundException', 'Topic does not exist');
  });

  it('subscriptions: Subscribe, lists, attributes, Unsubscribe and counts', async () => {
    const { TopicArn } = await t.sns.send(new CreateTopicCommand({ Name: 'subs' }));
    const q = await queue(t.sqs, 'subs-q');
    const s = await t.sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: q.arn,
      Attributes: { RawMessageDelivery: 'true', FilterPolicy: '{"kind":["a"]}' } }));
    assert.match(s.SubscriptionArn!, new RegExp(`^${TopicArn}:[0-9a-f-]{36}$`));
    const same = await t.sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: q.arn, Attributes: { RawMessageDelivery: 'true' } }));
    assert.equal(same.SubscriptionArn, s.SubscriptionArn);
    const mail = await t.sns.send(new SubscribeCommand({ TopicArn, Protocol: 'email', Endpoint: 'ann@example.com' }));
    assert.equal(mail.SubscriptionArn, 'pending confirmation');
    const sms = await t.sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sms', Endpoint: '+15555550100', ReturnSubscriptionArn: true }));
    assert.match(sms.SubscriptionArn!, /^arn:aws:sns:/);
    const byTopic = await t.sns.send(new ListSubscriptionsByTopicCommand({ TopicArn }));
    assert.equal(byTopic.Subscriptions?.length, 3);
    assert.ok(byTopic.Subscriptions?.some((x) => x.Protocol === 'email' && x.SubscriptionArn === 'PendingConfirmation'));
    const all = await t.sns.send(new ListSubscriptionsCommand({}));
    assert.ok(all.Subscriptions!.some((x) => x.SubscriptionArn === s.SubscriptionArn && x.Endpoint === q.arn && x.Owner === ACCOUNT));
    const { Attributes } = await t.sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: s.SubscriptionArn }));
    assert.equal(Attributes?.RawMessageDelivery, 'true');
    assert.equal(Attributes?.FilterPolicy, '{"kind":["a"]}');
    assert.equal(Attributes?.FilterPolicyScope, 'MessageAttributes');
    assert.equal(Attributes?.PendingConfirmation, 'false');
    assert.equal(Attributes?.Protocol, 'sqs');
    await t.sns.send(new SetSubscriptionAttributesCommand({ SubscriptionArn: s.SubscriptionArn, AttributeName: 'FilterPolicyScope',
      AttributeValue: 'MessageBody' }));
    await t.sns.send(new SetSubscriptionAttributesCommand({ SubscriptionArn: s.SubscriptionArn, AttributeName: 'RedrivePolicy',
      AttributeValue: JSON.stringify({ deadLetterTargetArn: q.arn }) }));
    const after = await t.sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: s.SubscriptionArn }));
    assert.equal(after.Attributes?.FilterPolicyScope, 'MessageBody');
    assert.equal(JSON.parse(after.Attributes!.RedrivePolicy!).deadLetterTargetArn, q.arn);
    let counts = (await t.sns.send(new GetTopicAttributesCommand({ TopicArn }))).Attributes!;
    assert.deepEqual([counts.SubscriptionsConfirmed, counts.SubscriptionsPending, counts.SubscriptionsDeleted], ['2', '1', '0']);
    await t.sns.send(new UnsubscribeCommand({ SubscriptionArn: s.SubscriptionArn }));
    await rejectsWith(t.sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: s.SubscriptionArn })), 'NotFoundException',
      'Subscription does not exist');
    counts = (await t.sns.send(new GetTopicAttributesCommand({ TopicArn }))).Attributes!;
    assert.deepEqual([counts.SubscriptionsConfirmed, counts.SubscriptionsPending, counts.SubscriptionsDeleted], ['1', '1', '1']);
  });

  it('Subscribe errors as SNS answers them', async () => {
    const { TopicArn } = await t.sns.send(new CreateTopicCommand({ Name: 'suberr' }));
    const sub = (Protocol: string, Endpoint: string, Attributes?: Record<string, string>) =>
      t.sns.send(new SubscribeCommand({ TopicArn, Protocol, Endpoint, Attributes }));
    await rejectsWith(sub('ftp', 'x'), 'InvalidParameterException', 'Invalid parameter: Amazon SNS does not support this protocol string: ftp');
    await rejectsWith(sub('http', 'https://x.test/'), 'InvalidParameterException', 'Invalid parameter: Endpoint must match the specified protocol');
    await rejectsWith(sub('sqs', 'not-an-arn'), 'InvalidParameterException', 'Invalid parameter: SQS endpoint ARN');
    await rejectsWith(sub('email', 'nobody'), 'InvalidParameterException', 'Invalid parameter: Email address');
    await rejectsWith(sub('sqs', 'arn:aws:sqs:us-east-1:000000000000:q', { FilterPolicy: '{"a": "b"}' }), 'InvalidParameterException',
      'Invalid parameter: Attributes Reason: FilterPolicy: "a" must be an object or an array');
    await rejectsWith(sub('sqs', 'arn:aws:sqs:us-east-1:000000000000:q', { FilterPolicy: '{"a": [{"numeric": [">", "x"]}]}' }),
      'InvalidParameterException', 'FilterPolicy: Value of > must be numeric');
    await rejectsWith(sub('lambda', 'arn:aws:lambda:us-east-1:000000000000:function:f', { RawMessageDelivery: 'true' }),
      'InvalidParameterException', 'does not support raw message delivery');
    await rejectsWith(sub('sqs', 'arn:aws:sqs:us-east-1:000000000000:q.fifo'), 'InvalidParameterException',
      'FIFO SQS Queues can not be subscribed to standard SNS topics');
    await rejectsWith(t.sns.send(new SubscribeCommand({ TopicArn: arnOf('nope'), Protocol: 'sqs', Endpoint: 'arn:aws:sqs:us-east-1:000000000000:q' })),
      'NotFoundException', 'Topic does not exist');
    await rejectsWith(t.sns.send(new ConfirmSubscriptionCommand({ TopicArn, Token: 'deadbeef' })), 'InvalidParameterException', 'Invalid parameter: Token');
  });

  it('Publish and PublishBatch errors', async () => {
    const { TopicArn } = await t.sns.send(new CreateTopicCommand({ Name: 'puberr' }));
    await rejectsWith(t.sns.send(new PublishCommand({ TopicArn: arnOf('missing'), Message: 'x' })), 'NotFoundException', 'Topic does not exist');
    await rejectsWith(t.sns.send(new PublishCommand({ TopicArn, Message: 'x'.repeat(262_145) })), 'InvalidParameterException',
      'Invalid parameter: Message too long');
    await rejectsWith(t.sns.send(new PublishCommand({ TopicArn, Message: '' })), 'InvalidParameterException', 'Invalid parameter: Empty message');
    await rejectsWith(t.sns.send(new PublishCommand({ TopicArn, Message: '{"x":"y"}', MessageStructure: 'json' })), 'InvalidParameterException',
      'Invalid parameter: Message Structure - No default entry in JSON message body');
    await rejectsWith(t.sns.send(new PublishCommand({ TopicArn, Message: 'x', MessageGroupId: 'g' })), 'InvalidParameterException',
      'MessageGroupId Reason: The request includes MessageGroupId parameter that is not valid for this topic type');
    await rejectsWith(t.sns.send(new PublishCommand({ TopicArn, Message: 'x', MessageAttributes: { n: { DataType: 'Number', StringValue: 'abc' } } })),
      'InvalidParameterValueException', "Could not cast message attribute 'n' value to number.");
    await rejectsWith(t.sns.send(new PublishCommand({ Message: 'x' })), 'InvalidParameterException', 'TopicArn or TargetArn');
    const phone = await t.sns.send(new PublishCommand({ PhoneNumber: '+15555550100', Message: 'hi' }));
    assert.ok(phone.MessageId);
    const entries = (n: number, id = (k: number) => `e${k}`) => Array.from({ length: n }, (_, k) => ({ Id: id(k), Message: `m${k}` }));
    await rejectsWith(t.sns.send(new PublishBatchCommand({ TopicArn, PublishBatchRequestEntries: entries(11) })),
      'TooManyEntriesInBatchRequestException', 'more entries than permissible');
    await rejectsWith(t.sns.send(new PublishBatchCommand({ TopicArn, PublishBatchRequestEntries: entries(2, () => 'same') })),
      'BatchEntryIdsNotDistinctException', 'same Id');
    await rejectsWith(t.sns.send(new PublishBatchCommand({ TopicArn, PublishBatchRequestEntries: [] })), 'EmptyBatchRequestException');
    const r = await t.sns.send(new PublishBatchCommand({ TopicArn, PublishBatchRequestEntries: [{ Id: 'ok', Message: 'fine' },
      { Id: 'bad', Message: 'x', Subject: '' }] }));
    assert.deepEqual(r.Successful?.map((s) => s.Id), ['ok']);
    assert.deepEqual(r.Failed?.map((f) => [f.Id, f.Code, f.SenderFault]), [['bad', 'InvalidParameter', true]]);
  });

  it('tags: TagResource, UntagResource, ListTagsForResource', async () => {
    const { TopicArn } = await t.sns.send(new CreateTopicCommand({ Name: 'tagged', Tags: [{ Key: 'a', Value: '1' }] }));
    await t.sns.send(new TagResourceCommand({ ResourceArn: TopicArn, Tags: [{ Key: 'b', Value: '2' }, { Key: 'a', Value: '3' }] }));
    await t.sns.send(new UntagResourceCommand({ ResourceArn: TopicArn, TagKeys: ['b'] }));
    const { Tags } = await t.sns.send(new ListTagsForResourceCommand({ ResourceArn: TopicArn }));
    assert.deepEqual(Tags, [{ Key: 'a', Value: '3' }]);
    await rejectsWith(t.sns.send(new ListTagsForResourceCommand({ ResourceArn: arnOf('untagged-none') })), 'ResourceNotFoundException',
      'Resource does not exist');
    await rejectsWith(t.sns.send(new TagResourceCommand({ ResourceArn: TopicArn, Tags: [{ Key: 'k', Value: '1' }, { Key: 'k', Value: '2' }] })),
      'InvalidParameterException', 'Duplicated keys are not allowed.');
  });

  it('the aws CLI over the query protocol: create-topic, publish, list-topics', async () => {
    const created = await awsCli(t.server.awsUrl, 'sns', 'create-topic', '--name', 'cli-topic');
    assert.equal(created.code, 0, created.err);
    assert.equal(created.out.TopicArn, arnOf('cli-topic'));
    const q = await queue(t.sqs, 'cli-q');
    await t.sns.send(new SubscribeCommand({ TopicArn: created.out.TopicArn, Protocol: 'sqs', Endpoint: q.arn }));
    const published = await awsCli(t.server.awsUrl, 'sns', 'publish', '--topic-arn', created.out.TopicArn, '--message', 'from the cli',
      '--message-attributes', '{"k":{"DataType":"String","StringValue":"v"}}');
    assert.equal(published.code, 0, published.err);
    assert.match(published.out.MessageId, /^[0-9a-f-]{36}$/);
    const listed = await awsCli(t.server.awsUrl, 'sns', 'list-topics');
    assert.ok(listed.out.Topics.some((x: { TopicArn: string }) => x.TopicArn === created.out.TopicArn));
    const missing = await awsCli(t.server.awsUrl, 'sns', 'get-topic-attributes', '--topic-arn', arnOf('cli-missing'));
    assert.notEqual(missing.code, 0);
    assert.match(missing.err, /NotFound/);
  });
});
