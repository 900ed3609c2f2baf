// What DynamoDB Streams needs to know of the tables (a port: services never import each
// other): each table's key schema and current stream. `tableCatalog` reads it through
// DynamoDB's operations by name (ListTables, DescribeTable), which main passes in; answers
// are cached for a second, since GetRecords asks on every call.
import type { KeySchemaElement } from './store';
import type { StreamViewType } from './records';

export interface StreamTable {
  tableName: string;
  keySchema: KeySchemaElement[];
  /** The table's latest stream (enabled or not). */
  streamArn?: string;
  label?: string;
  enabled: boolean;
  viewType?: StreamViewType;
}

export interface TableCatalog {
  tables(): Promise<StreamTable[]>;
  /** `fresh`: ask DynamoDB now, not the cache (the table's stream may have just changed). */
  table(name: string, fresh?: boolean): Promise<StreamTable | undefined>;
}

type Invoke = (operation: string, input: Record<string, unknown>) => Promise<unknown>;

const CACHE_MS = 1000;

export function tableCatalog(invoke: Invoke, now: () => number = Date.now, cacheMs = CACHE_MS): TableCatalog {
  const cache = new Map<string, { at: number; table: StreamTable | undefined }>();
  const table = async (name: string, fresh = false): Promise<StreamTable | undefined> => {
    const hit = cache.get(name);
    if (hit && !fresh && now() - hit.at < cacheMs) return hit.table;
    let t: StreamTable | undefined;
    try {
      const d = ((await invoke('DescribeTable', { TableName: name })) as { Table: Record<string, any> }).Table;
      t = { tableName: d.TableName, keySchema: d.KeySchema, streamArn: d.LatestStreamArn, label: d.LatestStreamLabel,
        enabled: d.StreamSpecification?.StreamEnabled === true && d.TableStatus !== 'DELETING', viewType: d.StreamSpecification?.StreamViewType };
    } catch (e) {
      if (!String((e as { code?: string }).code ?? '').endsWith('ResourceNotFoundException')) throw e;
    }
    cache.set(name, { at: now(), table: t });
    return t;
  };
  return {
    table,
    async tables() {
      const names: string[] = [];
      let start: string | undefined;
      do {
        const page = (await invoke('ListTables', start ? { ExclusiveStartTableName: start } : {})) as { TableNames: string[]; LastEvaluatedTableName?: string };
        names.push(...page.TableNames);
        start = page.LastEvaluatedTableName;
      } while (start);
      return (await Promise.all(names.map((n) => table(n)))).filter((t): t is StreamTable => t !== undefined);
    },
  };
}
