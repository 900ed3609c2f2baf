// The client commands: invoke, functions, logs. Each talks to a running server over
// its public APIs (the Lambda API and the admin API).
import { readFileSync } from 'node:fs';
import { CliError, expectOk, findEndpoint, request } from './endpoint';

export interface ClientOptions { endpoint?: string; dataDir?: string }

export async function invokeCommand(fn: string, o: ClientOptions & { payload?: string; qualifier?: string; log?: boolean;
  async?: boolean }, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  const endpoint = findEndpoint(o);
  let payload = o.payload ?? '{}';
  if (payload.startsWith('@')) {
    try { payload = readFileSync(payload.slice(1), 'utf8'); } catch (e) {
      throw new CliError(`Cannot read the payload file ${payload.slice(1)}: ${(e as Error).message}`);
    }
  }
  try { JSON.parse(payload); } catch { throw new CliError('--payload must be JSON (or @file with JSON in it)'); }
  const q = o.qualifier ? `?Qualifier=${encodeURIComponent(o.qualifier)}` : '';
  const res = await expectOk(await request(endpoint, `/2015-03-31/functions/${encodeURIComponent(fn)}/invocations${q}`, {
    method: 'POST', body: payload,
    headers: { 'content-type': 'application/json', 'x-amz-invocation-type': o.async ? 'Event' : 'RequestResponse',
      'x-amz-log-type': o.log ? 'Tail' : 'None' },
  }));
  const body = await res.text();
  if (o.async) { out.write(`accepted (${res.status})\n`); return 0; }
  const logResult = res.headers.get('x-amz-log-result');
  if (o.log && logResult) err.write(Buffer.from(logResult, 'base64').toString('utf8').replace(/\r/g, '\n'));
  out.write(body + '\n');
  return res.headers.get('x-amz-function-error') ? 1 : 0;
}

export async function functionsCommand(o: ClientOptions, out: NodeJS.WritableStream): Promise<number> {
  const endpoint = findEndpoint(o);
  const rows: string[][] = [];
  let marker: string | undefined;
  do {
    const res = await expectOk(await request(endpoint, `/2015-03-31/functions/${marker ? `?Marker=${encodeURIComponent(marker)}` : ''}`));
    const page = (await res.json()) as { Functions: Record<string, unknown>[]; NextMarker?: string };
    for (const f of page.Functions) rows.push([String(f.FunctionName), String(f.Runtime), `${f.MemorySize} MB`, `${f.Timeout} s`, String(f.LastModified)]);
    marker = page.NextMarker;
  } while (marker);
  if (rows.length === 0) { out.write('No functions. Create one with the Lambda API, or start with --example.\n'); return 0; }
  const table = [['NAME', 'RUNTIME', 'MEMORY', 'TIMEOUT', 'LAST MODIFIED'], ...rows];
  const widths = table[0].map((_, i) => Math.max(...table.map((r) => r[i].length)));
  for (const r of table) out.write(r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd() + '\n');
  return 0;
}

export async function logsCommand(fn: string, o: ClientOptions & { follow?: boolean; limit?: number },
  out: NodeJS.WritableStream, signal?: AbortSignal): Promise<number> {
  const endpoint = findEndpoint(o);
  let cursor: string | undefined;
  for (;;) {
    const q = new URLSearchParams({ function: fn, limit: String(o.limit ?? 100) });
    if (cursor) q.set('after', cursor);
    const res = await expectOk(await request(endpoint, `/_nimbus/logs?${q}`));
    const page = (await res.json()) as { events: { message: string }[]; cursor: string };
    for (const e of page.events) out.write(e.message.replace(/\r/g, '\n') + '\n');
    cursor = page.cursor;
    if (!o.follow || signal?.aborted) return 0;
    await new Promise((r) => setTimeout(r, 500));
    if (signal?.aborted) return 0;
  }
}
