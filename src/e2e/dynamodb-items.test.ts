// DynamoDB items through @aws-sdk/client-dynamodb and the Document client: Put/Get/Update/
// Delete with conditions and ReturnValues, capacity, validation messages, batches,
// transactions, and a few boto3 calls against the same endpoint.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import {
  BatchGetItemCommand, BatchWriteItemCommand, CreateTableCommand, DeleteItemCommand, GetItemCommand, PutItemCommand,
  TransactGetItemsCommand, TransactWriteItemsCommand, UpdateItemCommand, waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ENGINES, failure, startTestDynamo, type TestDynamo } from './dynamodb-harness';

for (const engine of ENGINES) describe(`DynamoDB items on ${engine}`, () => {
  let d: TestDynamo;
  before(async () => {
    d = await startTestDynamo({ engine });
    await d.ddb.send(new CreateTableCommand({ TableName: 'users', BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }] }));
    await d.ddb.send(new CreateTableCommand({ TableName: 'events', BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'N' }, { AttributeName: 'kind', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
      LocalSecondaryIndexes: [{ IndexName: 'byKind', KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'kind', KeyType: 'RANGE' }], Projection: { ProjectionType: 'KEYS_ONLY' } }] }));
    for (const t of ['users', 'events']) await waitUntilTableExists({ client: d.ddb, maxWaitTime: 10, minDelay: 1, maxDelay: 1 }, { TableName: t });
  });
  after(async () => { await d.close(); });

  it('puts, gets, updates and deletes with conditions and ReturnValues', async () => {
    const put = await d.ddb.send(new PutItemCommand({ TableName: 'users', Item: { id: { S: 'u1' }, name: { S: 'Ann' }, n: { N: '01.50' }, blank: { S: '' } },
      ConditionExpression: 'attribute_not_exists(id)', ReturnConsumedCapacity: 'TOTAL' }));
    assert.deepEqual(put.ConsumedCapacity, { TableName: 'users', CapacityUnits: 1, WriteCapacityUnits: 1 });
    const got = await d.ddb.send(new GetItemCommand({ TableName: 'users', Key: { id: { S: 'u1' } }, ReturnConsumedCapacity: 'TOTAL' }));
    assert.deepEqual(got.Item, { id: { S: 'u1' }, name: { S: 'Ann' }, n: { N: '1.5' }, blank: { S: '' } });
    assert.equal(got.ConsumedCapacity?.CapacityUnits, 0.5);
    const dup = await failure(d.ddb.send(new PutItemCommand({ TableName: 'users', Item: { id: { S: 'u1' } }, ConditionExpression: 'attribute_not_exists(id)',
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD' })));
    assert.equal(dup.name, 'ConditionalCheckFailedException');
    assert.equal(dup.message, 'The conditional request failed');
    assert.deepEqual((dup as { Item?: unknown }).Item, { id: { S: 'u1' }, name: { S: 'Ann' }, n: { N: '1.5' }, blank: { S: '' } });
    const upd = await d.ddb.send(new UpdateItemCommand({ TableName: 'users', Key: { id: { S: 'u1' } }, UpdateExpression: 'SET #n = #n + :one, tags = :t REMOVE blank',
      ExpressionAttributeNames: { '#n': 'n' }, ExpressionAttributeValues: { ':one': { N: '1' }, ':t': { SS: ['a', 'b'] } }, ReturnValues: 'UPDATED_NEW' }));
    assert.deepEqual(upd.Attributes, { n: { N: '2.5' }, tags: { SS: ['a', 'b'] } });
    const old = await d.ddb.send(new UpdateItemCommand({ TableName: 'users', Key: { id: { S: 'u1' } }, UpdateExpression: 'SET #nm = :x',
      ExpressionAttributeNames: { '#nm': 'name' }, ExpressionAttributeValues: { ':x': { S: 'Bo' } }, ReturnValues: 'UPDATED_OLD' }));
    assert.deepEqual(old.Attributes, { name: { S: 'Ann' } });
    await d.ddb.send(new UpdateItemCommand({ TableName: 'users', Key: { id: { S: 'u1' } }, UpdateExpression: 'SET addr = :a',
      ExpressionAttributeValues: { ':a': { M: { city: { S: 'Oslo' }, zip: { S: '0150' } } } } }));
    const nested = await d.ddb.send(new UpdateItemCommand({ TableName: 'users', Key: { id: { S: 'u1' } }, UpdateExpression: 'SET addr.city = :c',
      ExpressionAttributeValues: { ':c': { S: 'Bergen' } }, ReturnValues: 'UPDATED_OLD' }));
    assert.deepEqual(nested.Attributes, { addr: { M: { city: { S: 'Oslo' } } } }, 'only the nested path the update named');
    const created = await d.ddb.send(new UpdateItemCommand({ TableName: 'users', Key: { id: { S: 'u2' } }, UpdateExpression: 'SET c = :c',
      ExpressionAttributeValues: { ':c': { N: '1' } }, ReturnValues: 'ALL_NEW' }));
    assert.deepEqual(created.Attributes, { id: { S: 'u2' }, c: { N: '1' } });
    const del = await d.ddb.send(new DeleteItemCommand({ TableName: 'users', Key: { id: { S: 'u2' } }, ReturnValues: 'ALL_OLD' }));
    assert.deepEqual(del.Attributes, { id: { S: 'u2' }, c: { N: '1' } });
    const delCond = await failure(d.ddb.send(new DeleteItemCommand({ TableName: 'users', Key: { id: { S: 'u1' } }, ConditionExpression: 'n = :v',
      ExpressionAttributeValues: { ':v': { N: '99' } } })));
    assert.equal(delCond.name, 'ConditionalCheckFailedException');
  });

  it('validates keys, values and sizes as DynamoDB', async () => {
    const cases: [() => Promise<unknown>, string, string][] = [
      [() => d.ddb.send(new GetItemCommand({ TableName: 'users', Key: { id: { N: '1' } } })), 'ValidationException', 'The provided key element does not match the schema'],
      [() => d.ddb.send(new GetItemCommand({ TableName: 'users', Key: { id: { S: 'a' }, x: { S: 'b' } } })), 'ValidationException', 'The provided key element does not match the schema'],
      [() => d.ddb.send(new PutItemCommand({ TableName: 'users', Item: { name: { S: 'x' } } })), 'ValidationException', 'One or more parameter values were invalid: Missing the key id in the item'],
      [() => d.ddb.send(new PutItemCommand({ TableName: 'users', Item: { id: { N: '1' } } })), 'ValidationException', 'One or more parameter values were invalid: Type mismatch for key id expected: S actual: N'],
      [() => d.ddb.send(new PutItemCommand({ TableName: 'users', Item: { id: { S: '' } } })), 'ValidationException', 'One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: id'],
      [() => d.ddb.send(new PutItemCommand({ TableName: 'users', Item: { id: { S: 'a' }, s: { SS: [] } } })), 'ValidationException', 'One or more parameter values were invalid: An string set  may not be empty'],
      [() => d.ddb.send(new PutItemCommand({ TableName: 'users', Item: { id: { S: 'a' }, s: { SS: ['x', 'x'] } } })), 'ValidationException', 'One or more parameter values were invalid: Input collection [x, x] contains duplicates.'],
      [() => d.ddb.send(new PutItemCommand({ TableName: 'users', Item: { id: { S: 'a' }, n: { N: '1'.repeat(39) } } })), 'ValidationException', 'Attempting to store more than 38 significant digits in a Number'],
      [() => d.ddb.send(new PutItemCommand({ TableName: 'users', Item: { id: { S: 'a' }, n: { N: '1e126' } } })), 'ValidationException', 'Number overflow. Attempting to store a number with magnitude larger than supported range'],
      [() => d.ddb.send(new PutItemCommand({ TableName: 'users', Item: { id: { S: 'a' }, big: { S: 'x'.repeat(400 * 1024) } } })), 'ValidationException', 'Item size has exceeded the maximum allowed size'],
      [() => d.ddb.send(new PutItemCommand({ TableName: 'users', Item: { id: { S: 'a' } }, ReturnValues: 'ALL_NEW' })), 'ValidationException', 'ReturnValues can only be ALL_OLD or NONE'],
      [() => d.ddb.send(new PutItemCommand({ TableName: 'nosuch', Item: { id: { S: 'a' } } })), 'ResourceNotFoundException', 'Requested resource not found'],
      [() => d.ddb.send(new UpdateItemCommand({ TableName: 'users', Key: { id: { S: 'a' } }, UpdateExpression: 'SET id = :v', ExpressionAttributeValues: { ':v': { S: 'b' } } })),
        'ValidationException', 'One or more parameter values were invalid: Cannot update attribute id. This attribute is part of the key'],
      [() => d.ddb.send(new PutItemCommand({ TableName: 'users', Item: { id: { S: 'a' } }, ExpressionAttributeValues: { ':unused': { S: 'x' } }, ConditionExpression: 'attribute_exists(id)' })),
        'ValidationException', 'Value provided in ExpressionAttributeValues unused in expressions: keys: {:unused}'],
    ];
    for (const [p, name, message] of cases) {
      const e = await failure(p());
      assert.equal(e.name, name, message);
      assert.equal(e.message, message);
    }
  });

  it('works through the Document client', async () => {
    await d.doc.send(new PutCommand({ TableName: 'users', Item: { id: 'doc', age: 30, tags: new Set(['x']), profile: { city: 'Oslo', langs: ['no', 'en'] } } }));
    const u = await d.doc.send(new UpdateCommand({ TableName: 'users', Key: { id: 'doc' }, UpdateExpression: 'SET age = age + :d, profile.city = :c',
      ExpressionAttributeValues: { ':d': 1, ':c': 'Bergen' }, ReturnValues: 'ALL_NEW' }));
    assert.equal(u.Attributes?.age, 31);
    assert.equal(u.Attributes?.profile.city, 'Bergen');
    const g = await d.doc.send(new GetCommand({ TableName: 'users', Key: { id: 'doc' }, ProjectionExpression: 'profile.langs[1], age' }));
    assert.deepEqual(g.Item, { profile: { langs: ['en'] }, age: 31 });
    await d.doc.send(new DeleteCommand({ TableName: 'users', Key: { id: 'doc' } }));
    assert.equal((await d.doc.send(new GetCommand({ TableName: 'users', Key: { id: 'doc' } }))).Item, undefined);
  });

  it('batches gets and writes', async () => {
    const puts = Array.from({ length: 25 }, (_, i) => ({ PutRequest: { Item: { id: { S: `b${i}` }, i: { N: String(i) } } } }));
    const w = await d.ddb.send(new BatchWriteItemCommand({ RequestItems: { users: puts } }));
    assert.deepEqual(w.UnprocessedItems, {});
    const tooMany = await failure(d.ddb.send(new BatchWriteItemCommand({ RequestItems: { users: [...puts, { DeleteRequest: { Key: { id: { S: 'x' } } } }] } })));
    assert.equal(tooMany.name, 'ValidationException');
    const dupes = await failure(d.ddb.send(new BatchWriteItemCommand({ RequestItems: { users: [puts[0], { DeleteRequest: { Key: { id: { S: 'b0' } } } }] } })));
    assert.equal(dupes.message, 'Provided list of item keys contains duplicates');
    const g = await d.ddb.send(new BatchGetItemCommand({ RequestItems: { users: { Keys: [{ id: { S: 'b1' } }, { id: { S: 'b2' } }, { id: { S: 'none' } }], ProjectionExpression: 'i' } } }));
    assert.deepEqual(g.Responses?.users.map((x) => x.i.N).sort(), ['1', '2']);
    assert.deepEqual(g.UnprocessedKeys, {});
  });

  it('runs transactions all or nothing', async () => {
    await d.ddb.send(new TransactWriteItemsCommand({ ClientRequestToken: 'tok-1', TransactItems: [
      { Put: { TableName: 'users', Item: { id: { S: 't1' }, bal: { N: '10' } } } },
      { Put: { TableName: 'users', Item: { id: { S: 't2' }, bal: { N: '0' } } } },
    ] }));
    const cancel = await failure(d.ddb.send(new TransactWriteItemsCommand({ TransactItems: [
      { Update: { TableName: 'users', Key: { id: { S: 't1' } }, UpdateExpression: 'SET bal = bal - :a', ConditionExpression: 'bal >= :a', ExpressionAttributeValues: { ':a': { N: '50' } } } },
      { Update: { TableName: 'users', Key: { id: { S: 't2' } }, UpdateExpression: 'SET bal = bal + :a', ExpressionAttributeValues: { ':a': { N: '50' } } } },
    ] })));
    assert.equal(cancel.name, 'TransactionCanceledException');
    assert.equal(cancel.message, 'Transaction cancelled, please refer cancellation reasons for specific reasons [ConditionalCheckFailed, None]');
    assert.deepEqual((cancel as { CancellationReasons?: { Code: string }[] }).CancellationReasons?.map((r) => r.Code), ['ConditionalCheckFailed', 'None']);
    await d.ddb.send(new TransactWriteItemsCommand({ TransactItems: [
      { ConditionCheck: { TableName: 'users', Key: { id: { S: 't1' } }, ConditionExpression: 'bal = :ten', ExpressionAttributeValues: { ':ten': { N: '10' } } } },
      { Update: { TableName: 'users', Key: { id: { S: 't2' } }, UpdateExpression: 'SET bal = bal + :a', ExpressionAttributeValues: { ':a': { N: '5' } } } },
    ] }));
    const same = await failure(d.ddb.send(new TransactWriteItemsCommand({ TransactItems: [
      { Delete: { TableName: 'users', Key: { id: { S: 't1' } } } }, { Delete: { TableName: 'users', Key: { id: { S: 't1' } } } }] })));
    assert.equal(same.message, 'Transaction request cannot include multiple operations on one item');
    const r = await d.ddb.send(new TransactGetItemsCommand({ TransactItems: [{ Get: { TableName: 'users', Key: { id: { S: 't1' } } } }, { Get: { TableName: 'users', Key: { id: { S: 't2' } } } }] }));
    assert.deepEqual(r.Responses?.map((x) => x.Item?.bal.N), ['10', '5']);
    // Same token, same request within 10 minutes: not applied again.
    await d.ddb.send(new TransactWriteItemsCommand({ ClientRequestToken: 'tok-1', TransactItems: [
      { Put: { TableName: 'users', Item: { id: { S: 't1' }, bal: { N: '10' } } } },
      { Put: { TableName: 'users', Item: { id: { S: 't2' }, bal: { N: '0' } } } },
    ] }));
    assert.equal((await d.ddb.send(new GetItemCommand({ TableName: 'users', Key: { id: { S: 't2' } } }))).Item?.bal.N, '5');
  });

  it('reports item collection metrics and index capacity on a table with an LSI', async () => {
    const r = await d.ddb.send(new PutItemCommand({ TableName: 'events', Item: { pk: { S: 'p' }, sk: { N: '1' }, kind: { S: 'click' } },
      ReturnConsumedCapacity: 'INDEXES', ReturnItemCollectionMetrics: 'SIZE' }));
    assert.deepEqual(r.ItemCollectionMetrics?.ItemCollectionKey, { pk: { S: 'p' } });
    assert.equal(r.ConsumedCapacity?.CapacityUnits, 2);
    assert.equal(r.ConsumedCapacity?.LocalSecondaryIndexes?.byKind.CapacityUnits, 1);
  });

  it('answers boto3', async () => {
    const py = `
import boto3, json
t = boto3.resource('dynamodb', endpoint_url='${d.url}', region_name='us-east-1', aws_access_key_id='x', aws_secret_access_key='x').Table('users')
t.put_item(Item={'id': 'py', 'n': 5, 'tags': {'a'}})
item = t.get_item(Key={'id': 'py'})['Item']
try:
    t.put_item(Item={'id': 'py'}, ConditionExpression='attribute_not_exists(id)')
    err = None
except Exception as e:
    err = e.response['Error']['Code']
from boto3.dynamodb.conditions import Key
ev = boto3.resource('dynamodb', endpoint_url='${d.url}', region_name='us-east-1', aws_access_key_id='x', aws_secret_access_key='x').Table('events')
for i in range(3): ev.put_item(Item={'pk': 'q', 'sk': i, 'kind': 'k%d' % i})
q = ev.query(KeyConditionExpression=Key('pk').eq('q') & Key('sk').gt(0), ScanIndexForward=False)
print(json.dumps({'n': int(item['n']), 'tags': sorted(item['tags']), 'err': err, 'q': [int(x['sk']) for x in q['Items']]}))
`;
    const out = JSON.parse((await promisify(execFile)('python3', ['-c', py], { encoding: 'utf8', timeout: 60_000 })).stdout);
    assert.deepEqual(out, { n: 5, tags: ['a'], err: 'ConditionalCheckFailedException', q: [2, 1] });
  });
});
