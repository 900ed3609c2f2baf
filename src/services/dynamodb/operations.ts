// Every DynamoDB operation this service answers, by its API name.
import { batchGetItem, batchWriteItem } from './batch';
import type { Operation } from './context';
import { deleteItem, getItem, putItem, updateItem } from './items';
import { batchExecuteStatement, executeStatement, executeTransaction } from './partiql';
import { query, scan } from './query-scan';
import { createTable, deleteTable, describeEndpoints, describeLimits, describeTable, listTables } from './table-ops';
import { listTagsOfResource, tagResource, untagResource } from './tags';
import { transactGetItems, transactWriteItems } from './transact';
import { describeTimeToLive, updateTimeToLive } from './ttl';
import { updateTable } from './update-table';

export const DYNAMODB_OPERATIONS: Readonly<Record<string, Operation>> = {
  CreateTable: createTable, DescribeTable: describeTable, ListTables: listTables, UpdateTable: updateTable, DeleteTable: deleteTable,
  UpdateTimeToLive: updateTimeToLive, DescribeTimeToLive: describeTimeToLive,
  TagResource: tagResource, UntagResource: untagResource, ListTagsOfResource: listTagsOfResource,
  DescribeLimits: describeLimits, DescribeEndpoints: describeEndpoints,
  PutItem: putItem, GetItem: getItem, UpdateItem: updateItem, DeleteItem: deleteItem,
  BatchGetItem: batchGetItem, BatchWriteItem: batchWriteItem, TransactWriteItems: transactWriteItems, TransactGetItems: transactGetItems,
  Query: query, Scan: scan,
  ExecuteStatement: executeStatement, BatchExecuteStatement: batchExecuteStatement, ExecuteTransaction: executeTransaction,
};
