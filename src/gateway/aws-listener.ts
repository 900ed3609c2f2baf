// The one listener for every AWS API (default port 4566) and the admin API. A request
// goes to /_nimbus/... (admin) or to the first service that claims it.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AwsService } from '../protocols/aws-service';

export type AdminHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;

export interface Listener { server: Server; port: number; close(): Promise<void> }

export async function startAwsListener(opts: { port: number; host: string; services: AwsService[]; admin: AdminHandler;
  log: (m: string) => void }): Promise<Listener> {
  const server = createServer({ keepAlive: true }, (req, res) => {
    void route(req, res).catch((err) => {
      opts.log(`request ${req.method} ${req.url} failed: ${(err as Error)?.stack ?? err}`);
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json', 'x-amzn-ErrorType': 'ServiceException' });
        res.end(JSON.stringify({ Type: 'Service', message: 'Internal error in Nimbus' }));
      } else res.destroy();
    });
  });
  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname.startsWith('/_nimbus/')) return opts.admin(req, res, url);
    for (const s of opts.services) if (s.matches(req, url)) return s.handle(req, res, url);
    res.writeHead(404, { 'content-type': 'application/json', 'x-amzn-ErrorType': 'UnknownOperationException' });
    res.end(JSON.stringify({ Type: 'User', message: `Nimbus serves no AWS operation at ${req.method} ${url.pathname}` }));
  }
  return listen(server, opts.port, opts.host);
}

/** Idle keep-alive connections stay open 65 s, longer than clients leave them idle: with Node's
 * 5 s default, a client reusing a socket just as the server closed it got ECONNRESET. */
const KEEP_ALIVE_MS = 65_000;

export function listen(server: Server, port: number, host: string): Promise<Listener> {
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.headersTimeout = KEEP_ALIVE_MS + 1000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve({
        server,
        port: (server.address() as AddressInfo).port,
        close: () => new Promise<void>((r) => { server.close(() => r()); server.closeAllConnections(); }),
      });
    });
  });
}
