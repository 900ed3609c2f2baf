// DynamoDB Query and Scan through @aws-sdk/client-dynamodb: key conditions in DynamoDB's
// order (numbers numerically, strings by bytes), paging with Limit and LastEvaluatedKey,
// filters counted after the page, Select, indexes, parallel scan segments.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BatchWriteItemCommand, CreateTableCommand, QueryCommand, ScanCommand, waitUntilTableExists, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { QueryCommand as DocQuery, paginateQuery } from '@aws-sdk/lib-dynamodb';
import { ENGINES, failure, startTestDynamo, type TestDynamo } from './dynamodb-harness';

const NUMS = ['-1e10', '-2.5', '-2', '-0.001', '0', '0.001', '1', '1.5', '2', '10', '100', '1e20', '12345678901234567890123456789012345678'];

for (const engine of ENGINES) describe(`DynamoDB Query and Scan on ${engine}`, () => {
  let d: TestDynamo;
  before(async () => {
    d = await startTestDynamo({ engine });
    await d.ddb.send(new CreateTableCommand({ TableName: 'series', BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'n', AttributeType: 'N' }, { AttributeName: 'g', AttributeType: 'S' }, { AttributeName: 's', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'n', KeyType: 'RANGE' }],
      GlobalSecondaryIndexes: [{ IndexName: 'byG', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }, { AttributeName: 's', KeyType: 'RANGE' }], Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['x'] } }] }));
    await waitUntilTableExists({ client: d.ddb, maxWaitTime: 10, minDelay: 1, maxDelay: 1 }, { TableName: 'series' });
    const items: Record<string, AttributeValue>[] = [
      ...[...NUMS].reverse().map((n, i) => ({ pk: { S: 'nums' }, n: { N: n }, x: { N: String(i) }, odd: { BOOL: i % 2 === 1 } })),
      ...['a', 'B', 'é', 'z', 'ab', '\u{1F600}'].map((s, i) => ({ pk: { S: 'strs' }, n: { N: String(i) }, g: { S: 'G' }, s: { S: s }, x: { S: 'inc' }, y: { S: 'not' } })),
      ...Array.from({ length: 40 }, (_, i) => ({ pk: { S: `h${i}` }, n: { N: '0' } })),
    ];
    for (let i = 0; i < items.length; i += 25) {
      await d.ddb.send(new BatchWriteItemCommand({ RequestItems: { series: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }));
    }
  });
  after(async () => { await d.close(); });

  it('orders numbers numerically, both directions, with ranges', async () => {
    const q = (extra: Record<string, unknown>) => d.ddb.send(new QueryCommand({ TableName: 'series', KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: 'nums' } }, ...extra } as never));
    const all = await q({});
    assert.deepEqual(all.Items?.map((i) => i.n.N), ['-10000000000', '-2.5', '-2', '-0.001', '0', '0.001', '1', '1.5', '2', '10', '100', '100000000000000000000', '12345678901234567890123456789012345678']);
    const back = await q({ ScanIndexForward: false, Limit: 2 });
    assert.deepEqual(back.Items?.map((i) => i.n.N), ['12345678901234567890123456789012345678', '100000000000000000000']);
    assert.deepEqual(back.LastEvaluatedKey, { pk: { S: 'nums' }, n: { N: '100000000000000000000' } });
    const between = await d.ddb.send(new QueryCommand({ TableName: 'series', KeyConditionExpression: 'pk = :p AND n BETWEEN :a AND :b',
      ExpressionAttributeValues: { ':p': { S: 'nums' }, ':a': { N: '-2' }, ':b': { N: '1.5' } } }));
    assert.deepEqual(between.Items?.map((i) => i.n.N), ['-2', '-0.001', '0', '0.001', '1', '1.5']);
    const gt = await d.ddb.send(new QueryCommand({ TableName: 'series', KeyConditionExpression: 'pk = :p AND n > :a', Select: 'COUNT',
      ExpressionAttributeValues: { ':p': { S: 'nums' }, ':a': { N: '2' } } }));
    assert.equal(gt.Count, 4);
    assert.equal(gt.Items, undefined);
  });

  it('pages with Limit and ExclusiveStartKey; filters after the limit', async () => {
    const seen: string[] = [];
    let start: Record<string, AttributeValue> | undefined;
    do {
      const r = await d.ddb.send(new QueryCommand({ TableName: 'series', KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: 'nums' }, ':t': { BOOL: true } },
        FilterExpression: 'odd = :t', Limit: 4, ExclusiveStartKey: start }));
      assert.equal(r.ScannedCount, r.LastEvaluatedKey ? 4 : r.ScannedCount);
      seen.push(...(r.Items ?? []).map((i) => i.n.N as string));
      start = r.LastEvaluatedKey;
    } while (start);
    assert.equal(seen.length, 6);
    const pages = [];
    for await (const p of paginateQuery({ client: d.doc, pageSize: 5 }, { TableName: 'series', KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': 'nums' } })) pages.push(p.Items?.length);
    assert.deepEqual(pages, [5, 5, 3]);
  });

  it('queries a GSI in byte order of strings, with its projection', async () => {
    const r = await d.doc.send(new DocQuery({ TableName: 'series', IndexName: 'byG', KeyConditionExpression: 'g = :g', ExpressionAttributeValues: { ':g': 'G' } }));
    assert.deepEqual(r.Items?.map((i) => i.s), ['B', 'a', 'ab', 'z', 'é', '\u{1F600}']);
    assert.deepEqual(Object.keys(r.Items![0]).sort(), ['g', 'n', 'pk', 's', 'x']);
    const prefix = await d.doc.send(new DocQuery({ TableName: 'series', IndexName: 'byG', KeyConditionExpression: 'g = :g AND begins_with(s, :a)', ExpressionAttributeValues: { ':g': 'G', ':a': 'a' } }));
    assert.deepEqual(prefix.Items?.map((i) => i.s), ['a', 'ab']);
    const consistent = await failure(d.ddb.send(new QueryCommand({ TableName: 'series', IndexName: 'byG', ConsistentRead: true, KeyConditionExpression: 'g = :g', ExpressionAttributeValues: { ':g': { S: 'G' } } })));
    assert.equal(consistent.message, 'Consistent reads are not supported on global secondary indexes');
    const noIndex = await failure(d.ddb.send(new QueryCommand({ TableName: 'series', IndexName: 'nope', KeyConditionExpression: 'g = :g', ExpressionAttributeValues: { ':g': { S: 'G' } } })));
    assert.equal(noIndex.message, 'The table does not have the specified index: nope');
    const all = await failure(d.ddb.send(new QueryCommand({ TableName: 'series', IndexName: 'byG', Select: 'ALL_ATTRIBUTES', KeyConditionExpression: 'g = :g', ExpressionAttributeValues: { ':g': { S: 'G' } } })));
    assert.equal(all.message, 'One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index byG because its projection type is not ALL');
  });

  it('scans everything once, in pages and in parallel segments', async () => {
    const full = await d.ddb.send(new ScanCommand({ TableName: 'series' }));
    assert.equal(full.Count, NUMS.length + 6 + 40);
    const keyOf = (i: Record<string, AttributeValue>) => `${i.pk.S}/${i.n.N}`;
    const segs = await Promise.all([0, 1, 2].map(async (Segment) => {
      const out: string[] = [];
      let start: Record<string, AttributeValue> | undefined;
      do {
        const r = await d.ddb.send(new ScanCommand({ TableName: 'series', Segment, TotalSegments: 3, Limit: 7, ExclusiveStartKey: start }));
        out.push(...(r.Items ?? []).map(keyOf));
        start = r.LastEvaluatedKey;
      } while (start);
      return out;
    }));
    assert.ok(segs.every((s) => s.length > 0));
    assert.deepEqual(segs.flat().sort(), (full.Items ?? []).map(keyOf).sort());
    const bad = await failure(d.ddb.send(new ScanCommand({ TableName: 'series', Segment: 3, TotalSegments: 3 })));
    assert.equal(bad.message, 'The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: 3 is not less than TotalSegments: 3');
  });
});
