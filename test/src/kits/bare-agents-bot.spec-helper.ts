/**
 * A bare Microsoft 365 Agents SDK bot (CloudAdapter + AgentApplication, anonymous: no app id), the
 * smallest real bot the Playground kit can be proved against, and the baseline for the Teams bench.
 * - a message is echoed (`echo: <text>`) and answered with a counter card: Action.Execute `count`
 *   (data `{ count }`) and Action.Submit `{ submitted: true }`, with an input `note`;
 * - the `count` invoke answers with the card counting one more and naming who pressed, in place;
 * - an Action.Submit arrives as a message with a value and is answered `submitted: <json>`;
 * - `boom` makes the bot fail (HTTP 500), to see what the client gets from a broken bot.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AgentApplication, CardFactory, CloudAdapter, MemoryStorage, MessageFactory, type AdaptiveCard, type TurnContext, type WebResponse } from '@microsoft/agents-hosting';

export interface BareBot {
  readonly endpoint: string;
  /** Every activity the bot received, in order (its SDK's view, after mention normalisation). */
  readonly received: Record<string, unknown>[];
  stop(): Promise<void>;
}

export function counterCard(count: number, pressedBy?: string): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
      { type: 'TextBlock', text: `Count: ${count}`, weight: 'Bolder' },
      ...(pressedBy ? [{ type: 'TextBlock', text: `Pressed by ${pressedBy}` }] : []),
      { type: 'Input.Text', id: 'note', label: 'Note', value: 'first note' },
    ],
    actions: [
      { type: 'Action.Execute', title: 'Count', verb: 'count', data: { count } },
      { type: 'Action.Submit', title: 'Send', data: { submitted: true } },
    ],
  };
}

/** The SDK's WebResponse over node's ServerResponse (we serve without express). */
function webResponse(res: ServerResponse): WebResponse {
  const web: WebResponse = {
    status(code) { res.statusCode = code; return web; },
    setHeader(name, value) { res.setHeader(name, value); return web; },
    send(body) { if (body !== undefined) res.write(typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body)); return web; },
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

export async function startBareAgentsBot(): Promise<BareBot> {
  const received: Record<string, unknown>[] = [];
  // No clientId in the environment, so the SDK runs anonymous: what the Playground speaks.
  const adapter = new CloudAdapter();
  // The SDK's default turns an error into chat messages; a bare bot should answer 500 instead.
  adapter.onTurnError = async (_ctx, error) => { throw error; };
  const app = new AgentApplication({ storage: new MemoryStorage() });

  app.onActivity('message', async (ctx: TurnContext) => {
    const { text, value } = ctx.activity;
    if (value !== undefined) {
      await ctx.sendActivity(`submitted: ${JSON.stringify(value)}`);
      return;
    }
    if (text?.trim() === 'boom') throw new Error('the bare bot was told to fail');
    await ctx.sendActivity(`echo: ${text}`);
    await ctx.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(counterCard(0))));
  });
  // The SDK (1.8.1) hands the handler the whole action, not its data: read the data from it.
  app.adaptiveCards.actionExecute('count', async (ctx, _state, action: { data?: { count?: number } }) =>
    counterCard((action.data?.count ?? 0) + 1, ctx.activity.from?.name));

  const server = createServer((req, res) => {
    void (async () => {
      try {
        if (req.method !== 'POST' || req.url !== '/api/messages') {
          res.writeHead(404).end();
          return;
        }
        const body = await readJson(req);
        received.push(body);
        await adapter.process({ body, headers: req.headers, method: req.method }, webResponse(res), (ctx) => app.run(ctx));
      } catch {
        if (!res.headersSent) res.writeHead(500);
        res.end();
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}/api/messages`,
    received,
    stop: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
