import assert from 'node:assert/strict';
import { Agent, request } from 'node:http';
import type { Socket } from 'node:net';
import { test } from 'node:test';
import { startAwsListener } from './aws-listener';

function get(agent: Agent, port: number): Promise<{ status: number; socket: Socket }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/nothing', agent }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode!, socket: req.socket! }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('an idle keep-alive connection outlives Node\'s 5 s default, so a client reusing it is not reset', async () => {
  const listener = await startAwsListener({ port: 0, host: '127.0.0.1', services: [], admin: async () => {}, log: () => {} });
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const first = await get(agent, listener.port);
    assert.equal(first.status, 404);
    await new Promise((r) => setTimeout(r, 7000));
    const second = await get(agent, listener.port);
    assert.equal(second.status, 404);
    assert.equal(second.socket, first.socket, 'the second request went over the same connection');
  } finally {
    agent.destroy();
    await listener.close();
  }
});
