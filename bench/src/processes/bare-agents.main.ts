/**
 * The floor for the Teams suite: a bare Microsoft 365 Agents SDK bot (the same
 * @microsoft/agents-hosting as @muster/teams), anonymous (no app id, as the Muster server under test
 * runs with TEAMS_ANONYMOUS=true), on its own node:http server on 127.0.0.1. Each request goes
 * through the SDK's own JWT middleware (a pass in anonymous mode), then CloudAdapter.process with an
 * ActivityHandler whose message handler does nothing: the activity is acknowledged when the turn
 * ends. Whatever Muster adds on top of this is Muster's cost.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ActivityHandler, CloudAdapter, type Request, type WebResponse } from '@microsoft/agents-hosting';
import { failStart, serveDriver } from './ipc';

/** The SDK's Express-like response over node's own (this bot is served without express). */
function webResponse(res: ServerResponse): WebResponse {
  const web: WebResponse = {
    status(code) { res.statusCode = code; return web; },
    setHeader(name, value) { res.setHeader(name, value); return web; },
    send(body) {
      if (body !== undefined) res.write(typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body));
      return web;
    },
    end() { res.end(); return web; },
    get headersSent() { return res.headersSent; },
    get writableEnded() { return res.writableEnded; },
  };
  return web;
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
}

async function main(): Promise<void> {
  // No clientId anywhere, so the SDK runs anonymous.
  const adapter = new CloudAdapter();
  adapter.onTurnError = async (_context, error) => {
    throw error;
  };
  const bot = new ActivityHandler().onMessage(async (_context, next) => {
    await next();
  });

  const server = createServer((req, res) => {
    void (async () => {
      try {
        if (req.method !== 'POST' || req.url !== '/api/messages') {
          res.writeHead(404).end();
          return;
        }
        const request: Request = { method: req.method, headers: req.headers, body: await readJson(req) };
        const web = webResponse(res);
        let authorized = false;
        await adapter.authorizeRequest(request, web, () => {
          authorized = true;
        });
        if (!authorized) {
          if (!res.writableEnded) res.end();
          return;
        }
        await adapter.process(request, web, (context) => bot.run(context));
      } catch {
        if (!res.headersSent) res.writeHead(500);
        res.end();
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  serveDriver({ url: `http://127.0.0.1:${port}/api/messages` }, { cpu: () => process.cpuUsage() }, async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
}

main().catch(failStart);
