// `nimbus tables` lists the DynamoDB tables with their keys, status, item count and stream;
// `nimbus scan <table>` prints a table's items as plain JSON, one per line. Both talk to the
// server's DynamoDB API (AWS JSON 1.0) like any client.
import { CliError, findEndpoint, request } from './endpoint';
import type { ClientOptions } from './commands';

type AttributeValue = Record<string, unknown>;

async function call(endpoint: string, operation: string, input: unknown): Promise<any> {
  const res = await request(endpoint, '/', { method: 'POST', body: JSON.stringify(input),
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `DynamoDB_20120810.${operation}` } });
  const body = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new CliError(`${String(body.__type ?? res.status).split('#').pop()}: ${body.message ?? body.Message ?? ''}`.trim());
  return body;
}

export async function tablesCommand(o: ClientOptions, out: NodeJS.WritableStream): Promise<number> {
  const endpoint = findEndpoint(o);
  const names: string[] = [];
  let start: string | undefined;
  do {
    const page = await call(endpoint, 'ListTables', start ? { ExclusiveStartTableName: start } : {});
    names.push(...page.TableNames);
    start = page.LastEvaluatedTableName;
  } while (start);
  if (names.length === 0) { out.write('No tables. Create one with the DynamoDB API (CreateTable) or a deployed project.\n'); return 0; }
  const rows = [['NAME', 'KEYS', 'STATUS', 'ITEMS', 'STREAM']];
  for (const name of names) {
    const t = (await call(endpoint, 'DescribeTable', { TableName: name })).Table;
    const types = new Map((t.AttributeDefinitions as { AttributeName: string; AttributeType: string }[]).map((a) => [a.AttributeName, a.AttributeType]));
    const keys = (t.KeySchema as { AttributeName: string; KeyType: string }[])
      .map((k) => `${k.AttributeName} (${types.get(k.AttributeName)}, ${k.KeyType === 'HASH' ? 'hash' : 'range'})`).join(', ');
    rows.push([name, keys, t.TableStatus, String(t.ItemCount ?? 0), t.StreamSpecification?.StreamEnabled ? t.StreamSpecification.StreamViewType : '-']);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const r of rows) out.write(r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd() + '\n');
  return 0;
}

export async function scanCommand(table: string, o: ClientOptions & { limit?: number }, out: NodeJS.WritableStream): Promise<number> {
  const endpoint = findEndpoint(o);
  let left = o.limit ?? Infinity;
  let start: unknown;
  do {
    const page = await call(endpoint, 'Scan', { TableName: table, ...(start ? { ExclusiveStartKey: start } : {}),
      ...(Number.isFinite(left) ? { Limit: Math.min(left, 1000) } : {}) });
    for (const item of page.Items as Record<string, AttributeValue>[]) out.write(JSON.stringify(plain({ M: item })) + '\n');
    left -= page.Items.length;
    start = page.LastEvaluatedKey;
  } while (start && left > 0);
  return 0;
}

/** DynamoDB's typed JSON → plain JSON (numbers as numbers when exact, binaries as base64, sets as arrays). */
export function plain(v: AttributeValue): unknown {
  const [type, value] = Object.entries(v)[0] ?? ['NULL', true];
  switch (type) {
    case 'N': return Number.isSafeInteger(Number(value)) || String(Number(value)) === value ? Number(value) : value;
    case 'NS': return (value as string[]).map((n) => plain({ N: n }));
    case 'NULL': return null;
    case 'L': return (value as AttributeValue[]).map(plain);
    case 'M': return Object.fromEntries(Object.entries(value as Record<string, AttributeValue>).map(([k, x]) => [k, plain(x)]));
    default: return value; // S, B, BOOL, SS, BS
  }
}
