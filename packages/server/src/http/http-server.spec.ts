import { expect } from 'chai';
import { request, Agent } from 'node:http';
import { HttpServer, KEEP_ALIVE_MS } from './http-server';
import { json } from './response';
import { Router } from './router';

const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

function get(port: number, agent: Agent): Promise<{ status: number; keepAlive: string | undefined; socket: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request({ port, path: '/ping', agent }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, keepAlive: res.headers['keep-alive'] as string | undefined, socket: req.socket }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('HttpServer keep-alive behind a load balancer', () => {
  it('tells clients it keeps idle connections longer than a balancer keeps its own (60 s), and serves several requests on one socket', async () => {
    const server = new HttpServer({ router: new Router().get('/ping', async () => json(200, { ok: true })), logger: quiet });
    const port = await server.listen(0);
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await get(port, agent);
      const second = await get(port, agent);
      expect(first.status).to.equal(200);
      expect(first.keepAlive).to.equal(`timeout=${KEEP_ALIVE_MS / 1000}`);
      expect(KEEP_ALIVE_MS).to.be.greaterThan(60_000);
      expect(second.socket, 'the second request reused the first connection').to.equal(first.socket);
    } finally {
      agent.destroy();
      await server.close(1_000);
    }
  });

  it('still stops at once with an idle keep-alive connection open', async () => {
    const server = new HttpServer({ router: new Router().get('/ping', async () => json(200, { ok: true })), logger: quiet });
    const port = await server.listen(0);
    const agent = new Agent({ keepAlive: true });
    try {
      await get(port, agent);
      const { drained } = await server.close(30_000);
      expect(drained).to.equal(true);
    } finally {
      agent.destroy();
    }
  });
});
