// The runtime's minimal HTTP/1.1 client against a plain node:http server: framing (length,
// chunked, until close), one request at a time on one socket, and reconnecting.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { HttpConnection, type HttpReply } from './http-connection';

async function withServer(fn: (conn: HttpConnection, server: Server) => Promise<void>) {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      if (req.url === '/chunked') {
        res.writeHead(200, { 'X-Kind': 'chunked' });
        res.write('hel');
        setTimeout(() => res.end('lo, wörld'), 5);
      } else if (req.url === '/close') {
        res.writeHead(200, { Connection: 'close' });
        res.end('until close');
      } else {
        res.writeHead(201, { 'Content-Type': 'text/plain', 'X-Method': req.method ?? '' });
        res.end(`${req.method} ${req.url} ${body} port=${req.socket.remotePort}`);
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const conn = new HttpConnection('127.0.0.1', (server.address() as AddressInfo).port);
  try {
    await fn(conn, server);
  } finally {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
}

const call = (conn: HttpConnection, method: string, path: string, body = '') =>
  new Promise<HttpReply>((resolve, reject) => conn.request(method, path, '', body, (err, reply) => (err ? reject(err) : resolve(reply as HttpReply))));

describe('HttpConnection', () => {
  it('reads Content-Length and chunked replies and keeps one socket for sequential requests', () => withServer(async (conn) => {
    const [a, b] = await Promise.all([call(conn, 'POST', '/x', 'héllo'), call(conn, 'GET', '/y')]);
    assert.equal(a.status, 201);
    assert.equal(a.headers['x-method'], 'POST');
    const port = a.body.toString().split('port=')[1];
    assert.equal(a.body.toString(), `POST /x héllo port=${port}`);
    assert.equal(b.body.toString(), `GET /y  port=${port}`);
    const c = await call(conn, 'GET', '/chunked');
    assert.equal(c.headers['x-kind'], 'chunked');
    assert.equal(c.body.toString(), 'hello, wörld');
    assert.equal((await call(conn, 'GET', '/z')).body.toString(), `GET /z  port=${port}`);
  }));

  it('reads a reply that ends with the connection, then reconnects', () => withServer(async (conn) => {
    assert.equal((await call(conn, 'GET', '/close')).body.toString(), 'until close');
    assert.match((await call(conn, 'GET', '/after')).body.toString(), /^GET \/after {2}port=\d+$/);
  }));

  it('reads a body without length or chunking until the server closes', async () => {
    const raw = createTcpServer((socket) => socket.once('data', () => {
      socket.write('HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nraw ');
      setTimeout(() => socket.end('body'), 5);
    }));
    await new Promise<void>((r) => raw.listen(0, '127.0.0.1', r));
    try {
      const reply = await call(new HttpConnection('127.0.0.1', (raw.address() as AddressInfo).port), 'GET', '/');
      assert.equal(reply.body.toString(), 'raw body');
    } finally {
      await new Promise((r) => raw.close(r));
    }
  });

  it('fails a request when the server is unreachable', async () => {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    await new Promise((r) => server.close(r));
    await assert.rejects(call(new HttpConnection('127.0.0.1', port), 'GET', '/'), /ECONNREFUSED/);
  });
});
