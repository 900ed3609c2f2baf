// DynamoDB's pure parts: the table state machine, capacity arithmetic, CreateTable checks.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { consumed, readUnits, writeUnits, writeUsage } from './capacity';
import type { Table } from './model';
import { checkCreateTable } from './table-input';
import { servesItems, transition } from './table-state';

describe('table state machine', () => {
  it('allows only its transitions, with DynamoDB messages otherwise', () => {
    assert.equal(transition('CREATING', 'created', 't'), 'ACTIVE');
    assert.equal(transition('ACTIVE', 'update', 't'), 'UPDATING');
    assert.equal(transition('UPDATING', 'updated', 't'), 'ACTIVE');
    assert.equal(transition('ACTIVE', 'delete', 't'), 'DELETING');
    assert.throws(() => transition('CREATING', 'delete', 't'), { message: 'Attempt to change a resource which is still in use: Table is being created: t' });
    assert.throws(() => transition('UPDATING', 'update', 't'), { message: 'Attempt to change a resource which is still in use: Table is being updated: t' });
    assert.throws(() => transition('DELETING', 'delete', 't'), { message: 'Attempt to change a resource which is still in use: Table is being deleted: t' });
    assert.deepEqual((['CREATING', 'ACTIVE', 'UPDATING', 'DELETING'] as const).map(servesItems), [false, true, true, false]);
  });
});

describe('capacity units', () => {
  it('counts 4 KB reads (half when eventual) and 1 KB writes, indexes apart', () => {
    assert.deepEqual([readUnits(0, true), readUnits(4096, true), readUnits(4097, true), readUnits(4097, false)], [1, 1, 2, 1]);
    assert.deepEqual([writeUnits(0), writeUnits(1024), writeUnits(1025)], [1, 1, 2]);
    const t = { name: 't', hash: { name: 'pk', type: 'S' }, indexes: [{ name: 'g', kind: 'GSI', hash: { name: 'x', type: 'S' }, projection: { type: 'ALL' }, status: 'ACTIVE' }] } as unknown as Table;
    const moved = writeUsage(t, { pk: { S: 'a' }, x: { S: '1' } }, { pk: { S: 'a' }, x: { S: '2' } });
    assert.deepEqual(consumed('INDEXES', t, moved), { TableName: 't', CapacityUnits: 3, WriteCapacityUnits: 3, Table: { CapacityUnits: 1, WriteCapacityUnits: 1 },
      GlobalSecondaryIndexes: { g: { CapacityUnits: 2, WriteCapacityUnits: 2 } } });
    assert.equal(consumed('NONE', t, moved), undefined);
  });
});

describe('CreateTable checks', () => {
  const base = { AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], BillingMode: 'PAY_PER_REQUEST' };
  it('rejects what DynamoDB rejects', () => {
    assert.throws(() => checkCreateTable({ ...base, AttributeDefinitions: [...base.AttributeDefinitions, { AttributeName: 'x', AttributeType: 'S' }] }),
      { message: 'One or more parameter values were invalid: Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions' });
    assert.throws(() => checkCreateTable({ ...base, KeySchema: [{ AttributeName: 'pk', KeyType: 'RANGE' }] }), { message: 'Invalid KeySchema: The first KeySchemaElement is not a HASH key type' });
    assert.throws(() => checkCreateTable({ ...base, ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 } }),
      { message: 'One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST' });
    assert.throws(() => checkCreateTable({ ...base, LocalSecondaryIndexes: [{ IndexName: 'lsi', KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } }] }),
      { message: 'One or more parameter values were invalid: Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex' });
    const ok = checkCreateTable({ ...base, AttributeDefinitions: [...base.AttributeDefinitions, { AttributeName: 'g', AttributeType: 'N' }],
      GlobalSecondaryIndexes: [{ IndexName: 'byG', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }], Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['a'] } }] });
    assert.deepEqual(ok.indexes[0].projection, { type: 'INCLUDE', nonKey: ['a'] });
  });
});
