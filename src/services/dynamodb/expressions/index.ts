// DynamoDB's expression language, as DynamoDB: parse and check condition, filter, key
// condition, update and projection expressions (errors are ExpressionError with DynamoDB's
// ValidationException message), evaluate and apply them, and the legacy parameters as the
// same ASTs. Pure functions; the only import the DynamoDB service uses.
export type {
  AttributeValue, Item, AttributeType, ExpressionInput, Parsed, DocumentPath, Operand, Comparator, Condition,
  ConditionFunction, KeyCondition, KeyRangeOp, SetValue, UpdateAction, UpdatePlan,
} from './model';
export { ExpressionError } from './errors';
export { parseCondition, conditionPaths } from './condition-check';
export { evaluateCondition, sizeOf } from './condition-evaluate';
export { parseKeyCondition } from './key-condition';
export { parseUpdate } from './update-parse';
export { applyUpdate, UPDATE_RUNTIME_ERRORS } from './update-apply';
export { parseProjection, project, legacyProjection } from './projection';
export { checkUnused, validateExpressionInput } from './semantics';
export { legacyCondition, legacyKeyCondition, legacyUpdate, type LegacyCondition, type LegacyUpdate } from './legacy';
export { compareValues, valuesEqual, typeOf, attributeValueError, canonical } from './attribute-values';
export { numbers, NUMBER_ERRORS } from './numbers';
export { itemSize, valueSize, MAX_ITEM_SIZE } from './item-size';
export { isReservedWord } from './reserved-words';
