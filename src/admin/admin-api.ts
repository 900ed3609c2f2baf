// The admin API under /_nimbus/ on the AWS endpoint, for the CLI and the dashboard:
// health, function logs (tail and follow), the live execution environments, and
// per-function metrics of how invocations started, and the mail the SES sink stored.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DeployOutcome } from '../deploy/deployer';
import type { LoadOptions } from '../deploy/load';
import { NimbusError } from '../kernel/errors';
import type { FunctionStartMetrics } from '../invoke/start-metrics';
import type { EnvironmentInfo } from '../pool/pool';
import type { LogCursor, LogStore, StoredLogEvent } from '../services/logs/store';
import type { MailReader } from '../services/ses';
import { mailRoute } from './mail';

export interface AdminDeps {
  logs: LogStore;
  environments: () => EnvironmentInfo[];
  /** Per function: invocations by start path (invoke/start-metrics.ts). */
  metrics: () => FunctionStartMetrics[];
  /** Makes sure batched log events are stored before they are read. */
  flushLogs: () => Promise<void>;
  deploy: (dir: string, o: Partial<LoadOptions>) => Promise<DeployOutcome>;
  /** Messages the SES mail sink stored (/_nimbus/mail). */
  mail?: MailReader;
}

export function createAdminApi(deps: AdminDeps) {
  return async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (req.method === 'POST' && url.pathname === '/_nimbus/deploy') return deploy(deps, req, res);
    if (req.method !== 'GET') return send(res, 405, { message: 'Method not allowed' });
    if (url.pathname === '/_nimbus/mail' || url.pathname.startsWith('/_nimbus/mail/')) return mailRoute(deps.mail, url, send, res);
    switch (url.pathname) {
      case '/_nimbus/health':
        return send(res, 200, { status: 'ok' });
      case '/_nimbus/environments':
        return send(res, 200, { environments: deps.environments() });
      case '/_nimbus/metrics':
        return send(res, 200, { functions: deps.metrics() });
      case '/_nimbus/logs':
        return logs(deps, url, res);
      default:
        return send(res, 404, { message: `No admin resource at ${url.pathname}` });
    }
  };
}

async function logs(deps: AdminDeps, url: URL, res: ServerResponse): Promise<void> {
  const fn = url.searchParams.get('function');
  if (!fn) return send(res, 400, { message: 'The query parameter "function" is required' });
  const group = `/aws/lambda/${fn}`;
  await deps.flushLogs();
  const limit = Number(url.searchParams.get('limit') ?? 1000);
  if (!Number.isInteger(limit) || limit < 1) return send(res, 400, { message: '"limit" must be a positive integer' });
  const after = parseCursor(url.searchParams.get('after'));
  let events: StoredLogEvent[];
  if (after === null) return send(res, 400, { message: '"after" must be a cursor returned by an earlier call' });
  if (after) events = await deps.logs.getLogEvents(group, { after, limit });
  else events = await deps.logs.tail(group, limit);
  const last = events[events.length - 1];
  const cursor = last ? `${last.timestamp}:${last.seq}:${last.logStream}` : url.searchParams.get('after') ?? '0:0:';
  send(res, 200, { events: events.map((e) => ({ timestamp: e.timestamp, logStream: e.logStream, message: e.message })), cursor });
}

/** POST {dir, stage?, stackName?, parameterOverrides?}: deploys a project directory. */
async function deploy(deps: AdminDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  let body: { dir?: unknown; stage?: string; stackName?: string; parameterOverrides?: Record<string, string> };
  try { body = JSON.parse(Buffer.concat(chunks).toString('utf8')); } catch { return send(res, 400, { message: 'The body must be JSON' }); }
  if (typeof body?.dir !== 'string') return send(res, 400, { message: 'The body must name the project directory: {"dir": "..."}' });
  try {
    send(res, 200, await deps.deploy(body.dir, { stage: body.stage, stackName: body.stackName, parameterOverrides: body.parameterOverrides }));
  } catch (err) {
    if (err instanceof NimbusError || (err as Error)?.name === 'DeployError') return send(res, 400, { message: (err as Error).message });
    if ((err as { status?: number })?.status) return send(res, 400, { message: `${(err as Error).constructor.name}: ${(err as Error).message}` });
    throw err;
  }
}

/** undefined: no cursor given; null: malformed. */
function parseCursor(text: string | null): LogCursor | undefined | null {
  if (text === null) return undefined;
  const m = /^(\d+):(\d+):(.*)$/.exec(text);
  if (!m) return null;
  return { timestamp: Number(m[1]), seq: Number(m[2]), logStream: m[3] };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
