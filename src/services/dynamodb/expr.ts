// The expression language as this service uses it: src/services/dynamodb/expressions/.
export * from './expressions';
