import { expect } from 'chai';
import {
  deliverReply, textFor, type ChatGateway, type ConversationRef, type MessageRef, type ReplySurface, type RequestContext, type View,
} from '@muster/core';
import { OutboxPump, readJsonBody, SERVER_TOKENS, type MountContext, type PlatformFactory, type PlatformHealth, type PlatformIntegration } from '@muster/server';
import { call, removeDir, startInProcess, tempDir, type InProcessServer } from './server-support';

/** A chat platform that needs no SaaS: it posts into memory and hears `POST /loopback/command`. */
class LoopbackPlatform implements PlatformIntegration {
  readonly platform = 'teams' as const;
  readonly events: string[] = [];
  readonly posted: View[] = [];
  healthNow: PlatformHealth = { ok: true };
  readonly gateway: ChatGateway;

  constructor() {
    let n = 0;
    const message = (conversation: ConversationRef): MessageRef => ({ conversation, messageId: `m${++n}` });
    this.gateway = {
      platform: 'teams', prefix: '@Muster',
      createRoom: async (r) => ({ platform: 'teams', workspaceId: r.workspaceId, conversationId: `room-${++n}`, name: r.name }),
      post: async (c, view) => { this.posted.push(view); return message(c); },
      update: async () => undefined, postEphemeral: async () => undefined, invite: async () => undefined, setTopic: async () => undefined,
      pin: async () => undefined, bookmark: async () => undefined, archive: async () => undefined,
    };
  }

  mount(router: Parameters<PlatformIntegration['mount']>[0], context: MountContext): void {
    this.events.push('mount');
    let requests = 0;
    router.post('/loopback/command', async (request) => {
      const text = String((await readJsonBody(request.req)).text ?? '');
      const ctx: RequestContext = {
        actor: { platform: 'teams', id: 'aad-ana', name: 'Ana' }, platform: 'teams', workspaceId: 'tenant-1', idempotencyKey: `teams:c1:${++requests}`,
        conversation: { platform: 'teams', workspaceId: 'tenant-1', conversationId: 'c1' }, prefix: '@Muster',
      };
      const shown: string[] = [];
      const surface: ReplySurface = { show: async (view) => { shown.push(view.blocks.map((b) => (b.type === 'text' || b.type === 'context' ? textFor(b.text, '@Muster') : '')).join(' ')); } };
      await deliverReply(await context.inbound.command(ctx, text), surface, { prefix: '@Muster' });
      context.onWorkQueued();
      return { status: 200, json: { shown } };
    });
  }

  async start(): Promise<void> { this.events.push('start'); }
  async stop(): Promise<void> { this.events.push('stop'); }
  async idle(): Promise<void> { this.events.push('idle'); }
  async health(): Promise<PlatformHealth> { return this.healthNow; }
}

describe('server: chat platforms plug in through PlatformIntegration', function () {
  this.timeout(60_000);
  let dir: string;
  let server: InProcessServer;
  const loopback = new LoopbackPlatform();
  const factory: PlatformFactory = () => loopback;

  before(async () => {
    dir = tempDir('platforms');
    server = await startInProcess(dir, {}, { platforms: [factory] });
  });

  after(async () => {
    await server?.stop();
    removeDir(dir);
  });

  it('mounts and starts the platform, and its requests reach core through the inbound port with its prefix', async () => {
    expect(loopback.events.slice(0, 2)).to.deep.equal(['mount', 'start']);
    const help = await call(`${server.url}/loopback/command`, { json: { text: 'reslove' } });
    expect(help.status).to.equal(200);
    expect(help.body.shown.join(' ')).to.include('@Muster resolve').and.not.match(/\/incident(?!s)/);
    const declared = await call(`${server.url}/loopback/command`, { json: { text: 'declare "Loopback checkout errors" --sev SEV2' } });
    expect(declared.body.shown.join(' ')).to.include('INC-1 declared');
  });

  it('binds its gateway for the outbox: the room set-up posts there', async () => {
    await server.running.idle();
    const until = Date.now() + 20_000;
    const pump = server.running.container.get<OutboxPump>(SERVER_TOKENS.OutboxPump);
    while (loopback.posted.length === 0 && Date.now() < until) await pump.drainUntilIdle(2_000);
    expect(loopback.posted.length).to.be.greaterThan(0);
    expect(JSON.stringify(loopback.posted)).to.include('Loopback checkout errors').and.not.match(/\/incident(?!s)/);
  });

  it('is part of readiness: its health shows, and an unhealthy platform makes the server not ready, saying why', async () => {
    const ready = await call(`${server.url}/readyz`);
    expect(ready.status).to.equal(200);
    expect(ready.body).to.deep.equal({ status: 'ready', database: 'reachable', platforms: { teams: { ok: true } } });
    loopback.healthNow = { ok: false, detail: 'the bot cannot reach its service' };
    const sick = await call(`${server.url}/readyz`);
    expect(sick.status).to.equal(503);
    expect(sick.body.error.message).to.equal('Not ready: teams: the bot cannot reach its service.');
    loopback.healthNow = { ok: true };
  });

  it('stops the platform on shutdown', async () => {
    await server.stop();
    expect(loopback.events).to.include('stop');
  });
});
