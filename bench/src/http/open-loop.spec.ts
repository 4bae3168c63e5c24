import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { runOpenLoop } from './open-loop';

describe('runOpenLoop', () => {
  let server: Server;
  let url: string;
  let holdUntil = 0;

  before(async () => {
    // Answers nothing until `holdUntil` (a stall), then everything at once; `/never` is never answered.
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        if (req.url === '/never') return;
        setTimeout(() => res.end('ok'), Math.max(0, holdUntil - Date.now()));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });

  it('charges a stall to every request scheduled during it, from its scheduled time (no coordinated omission)', async () => {
    holdUntil = Date.now() + 300;
    const outcome = await runOpenLoop({ url: `${url}/`, rate: 100, requests: 40, timeoutMs: 2_000, build: () => ({ body: 'x', headers: {} }) });
    expect(outcome.ok).to.equal(40);
    // Request 0 waited the whole stall; request 10 (due 100 ms later) about 100 ms less; the ones after it little.
    expect(outcome.latencyByRequest[0]).to.be.within(250, 450);
    expect(outcome.latencyByRequest[0] - outcome.latencyByRequest[10]).to.be.within(60, 140);
    expect(outcome.latencyByRequest[39]).to.be.below(100);
  });

  it('keeps the offered rate while answers are late: every request is sent on schedule', async () => {
    holdUntil = Date.now() + 300;
    const started = Date.now();
    const outcome = await runOpenLoop({ url: `${url}/`, rate: 200, requests: 100, timeoutMs: 2_000, build: () => ({ body: 'x', headers: {} }) });
    expect(outcome.ok).to.equal(100);
    // 100 requests at 200/s take 0.5 s to offer, stall or not.
    expect(Date.now() - started).to.be.below(1_000);
    expect(outcome.achievedPerSecond).to.be.within(150, 210);
  });

  it('counts a request unanswered within the timeout as a timeout, not a latency', async () => {
    const outcome = await runOpenLoop({ url: `${url}/never`, rate: 50, requests: 5, timeoutMs: 200, build: () => ({ body: 'x', headers: {} }) });
    expect(outcome.timeouts).to.equal(5);
    expect(outcome.ok).to.equal(0);
    expect([...outcome.latencyByRequest].every(Number.isNaN)).to.equal(true);
  });
});
