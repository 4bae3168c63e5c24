/**
 * The floor for the Teams suite: a bare Microsoft 365 Agents SDK bot (the same
 * @microsoft/agents-hosting as @muster/teams), anonymous (no app id, as the Muster server under test
 * runs with TEAMS_ANONYMOUS=true), on its own node:http server on 127.0.0.1. Each request goes
 * through the SDK's own JWT middleware (a pass in anonymous mode), then CloudAdapter.process with an
 * ActivityHandler whose message handler does nothing: the activity is acknowledged when the turn
 * ends. Whatever Muster adds on top of this is Muster's cost.
 *
 * A diagnostic second endpoint, `/api/messages/private-reply`, answers an @mention of the bot the
 * way Muster answers `@Muster status` in a channel (Teams has no ephemeral messages there): it opens
 * the 1:1 chat with the sender and sends one line to it through the Bot Connector, then acks. That
 * separates the cost of the two Bot Connector round trips from the rest of Muster's work.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ActivityHandler, CloudAdapter, type ConnectorClient, MessageFactory, type Request, type TurnContext, type WebResponse } from '@microsoft/agents-hosting';
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

const PATHS = { ackOnly: '/api/messages', privateReply: '/api/messages/private-reply' } as const;

/** The sender's 1:1 chat opened and one line sent to it, with the SDK's own Bot Connector client for this turn. */
async function answerPrivately(context: TurnContext): Promise<void> {
  const { from, recipient, conversation } = context.activity;
  if (!from || !recipient || !conversation) return;
  const connector = context.turnState.get<ConnectorClient>(context.adapter.ConnectorClientKey);
  const tenantId = conversation.tenantId;
  const created = await connector.createConversation({
    isGroup: false, agent: recipient, members: [{ id: from.id }], tenantId, channelData: { tenant: { id: tenantId } },
    // Teams opens a 1:1 chat without a first activity; the message follows.
    activity: undefined as unknown as Parameters<ConnectorClient['createConversation']>[0]['activity'],
  });
  const reply = MessageFactory.text('Only you can see this answer.');
  reply.from = recipient;
  reply.conversation = { id: created.id, isGroup: false, tenantId, conversationType: 'personal', name: '' };
  await connector.sendToConversation(created.id, reply);
}

const mentionsBot = (context: TurnContext): boolean =>
  (context.activity.entities ?? []).some((e) => e.type === 'mention' && (e as { mentioned?: { id?: string } }).mentioned?.id === context.activity.recipient?.id);

async function main(): Promise<void> {
  // No clientId anywhere, so the SDK runs anonymous.
  const adapter = new CloudAdapter();
  adapter.onTurnError = async (_context, error) => {
    throw error;
  };
  const ackOnly = new ActivityHandler().onMessage(async (_context, next) => {
    await next();
  });
  const privateReply = new ActivityHandler().onMessage(async (context, next) => {
    if (mentionsBot(context)) await answerPrivately(context);
    await next();
  });

  const server = createServer((req, res) => {
    void (async () => {
      try {
        const bot = req.url === PATHS.ackOnly ? ackOnly : req.url === PATHS.privateReply ? privateReply : undefined;
        if (req.method !== 'POST' || !bot) {
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
  serveDriver({ url: `http://127.0.0.1:${port}${PATHS.ackOnly}`, privateReplyUrl: `http://127.0.0.1:${port}${PATHS.privateReply}` }, { cpu: () => process.cpuUsage() }, async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
}

main().catch(failStart);
