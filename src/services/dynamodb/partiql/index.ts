// PartiQL for DynamoDB: ExecuteStatement, BatchExecuteStatement and ExecuteTransaction, compiled
// to the service's own item operations. The parser and compilers are pure (partiql.test.ts).
export { executeStatement } from './execute';
export { batchExecuteStatement, executeTransaction } from './multi';
export { parseStatement } from './parse';
