// CreateTable, DescribeTable, ListTables, DeleteTable, DescribeLimits, DescribeEndpoints.
import type { Input, Operation } from './context';
import { ValidationException, constraint, constraintErrors } from './errors';
import type { StreamSettings, Table } from './model';
import { checkCreateTable, checkTableName } from './table-input';
import { checkTags } from './tags';

export function streamSettings(spec: Input | undefined, now: number, current?: StreamSettings): StreamSettings | undefined {
  if (!spec) return current;
  if (spec.StreamEnabled === true) {
    const types = ['KEYS_ONLY', 'NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES'];
    if (!types.includes(spec.StreamViewType)) throw new ValidationException('One or more parameter values were invalid: You must specify a StreamViewType when enabling a stream');
    if (current?.enabled) throw new ValidationException(`Table already has an enabled stream: ${current.label}`);
    return { enabled: true, viewType: spec.StreamViewType, label: new Date(now).toISOString().replace('Z', '') };
  }
  if (spec.StreamViewType !== undefined) throw new ValidationException('One or more parameter values were invalid: Stream view type cannot be specified when disabling a stream');
  return current?.label ? { enabled: false, label: current.label } : { enabled: false };
}

export const createTable: Operation = async (ctx, input) => {
  const name = checkTableName(input.TableName);
  const shape = checkCreateTable(input);
  const tags = input.Tags ? checkTags(input.Tags) : {};
  const extra: Partial<Table> = { tags, stream: streamSettings(input.StreamSpecification, ctx.clock.now()),
    deletionProtection: input.DeletionProtectionEnabled === true, tableClass: input.TableClass };
  const t = await ctx.tables.create(name, shape, extra);
  return { TableDescription: await ctx.tables.describe(t) };
};

export const describeTable: Operation = async (ctx, input) => {
  const t = ctx.tables.named(checkTableName(input.TableName));
  return { Table: await ctx.tables.describe(t) };
};

export const listTables: Operation = async (ctx, input) => {
  const errs: string[] = [];
  const limit = input.Limit ?? 100;
  if (typeof limit !== 'number' || limit < 1) errs.push(constraint(limit, 'limit', 'Member must have value greater than or equal to 1'));
  else if (limit > 100) errs.push(constraint(limit, 'limit', 'Member must have value less than or equal to 100'));
  const e = constraintErrors(errs);
  if (e) throw e;
  const start = input.ExclusiveStartTableName as string | undefined;
  const names = ctx.tables.names().filter((n) => start === undefined || n > start);
  const page = names.slice(0, limit);
  return { TableNames: page, LastEvaluatedTableName: names.length > limit ? page[page.length - 1] : undefined };
};

export const deleteTable: Operation = async (ctx, input) => {
  const name = checkTableName(input.TableName);
  const t = ctx.tables.named(name);
  if (t.deletionProtection) throw new ValidationException(`Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.`);
  const description = await ctx.tables.describe(t);
  const deleted = await ctx.tables.delete(name);
  return { TableDescription: { ...description, TableStatus: deleted.status } };
};

export const describeLimits: Operation = async () => ({
  AccountMaxReadCapacityUnits: 80000, AccountMaxWriteCapacityUnits: 80000,
  TableMaxReadCapacityUnits: 40000, TableMaxWriteCapacityUnits: 40000,
});

export const describeEndpoints: Operation = async (ctx) => ({
  Endpoints: [{ Address: `dynamodb.${ctx.account.region}.amazonaws.com`, CachePeriodInMinutes: 1440 }],
});
