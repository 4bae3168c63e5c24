import { expect } from 'chai';
import { join } from 'node:path';
import {
  isMusterError, outboxMessage, TOKENS, type CommandExtensions, type IncidentEvent, type IncidentEventSubscriber, type Logger, type OutboxHandler,
  type OutboxMessage, type RuntimeCommand,
} from '@muster/core';
import { createLogger, loadConfig, SERVER_TOKENS, startServer, type RunningServer } from '@muster/server';
import type { Store } from '@muster/store';
import { FakeSlackApi } from '../fakes/fake-slack-api';
import { ANA, BOB, CLEO, SIGNING_SECRET, SlackClient } from '../e2e/slack/slack-client';
import { eventually } from '../kits/wait';
import { removeDir, tempDir } from './server-support';

// A module's own topics, typed by declaration merging (core/src/application/outbox/topics.ts).
declare module '@muster/core' {
  interface TopicPayloads {
    'test.hang': { incidentId: string };
    'test.boom': { incidentId: string };
  }
}

/** The server's logger, keeping what it was told so a test can read the fields of a line. */
class KeptLogger implements Logger {
  readonly lines: { level: string; msg: string; fields?: Record<string, unknown> }[] = [];
  constructor(private readonly inner: Logger) {}
  debug(msg: string, fields?: Record<string, unknown>) { this.inner.debug(msg, fields); }
  info(msg: string, fields?: Record<string, unknown>) { this.lines.push({ level: 'info', msg, fields }); this.inner.info(msg, fields); }
  warn(msg: string, fields?: Record<string, unknown>) { this.lines.push({ level: 'warn', msg, fields }); this.inner.warn(msg, fields); }
  error(msg: string, fields?: Record<string, unknown>) { this.lines.push({ level: 'error', msg, fields }); this.inner.error(msg, fields); }
}

/** The first attempt of each message never settles (a remote call that hangs); later ones finish. */
class HangingHandler implements OutboxHandler<'test.hang'> {
  readonly topic = 'test.hang' as const;
  readonly timeoutMs = 8_000;
  readonly begun = new Set<string>();
  readonly finished = new Set<string>();
  async handle(payload: { incidentId: string }, message: OutboxMessage): Promise<void> {
    this.begun.add(payload.incidentId);
    if (message.attempts === 1) return new Promise<void>(() => {});
    this.finished.add(payload.incidentId);
  }
}

class ThrowingHandler implements OutboxHandler<'test.boom'> {
  readonly topic = 'test.boom' as const;
  attempts = 0;
  async handle(): Promise<void> {
    this.attempts++;
    throw new Error('the remote side is broken');
  }
}

/** On a declaration, asks for one hanging and one throwing side effect, beside core's own. */
const subscriber: IncidentEventSubscriber = {
  name: 'test.effects',
  effectsOf(event: IncidentEvent, incident, _origin, now) {
    if (event.type !== 'declared') return [];
    return [outboxMessage('test.hang', { incidentId: incident.id }, incident.id, now), outboxMessage('test.boom', { incidentId: incident.id }, incident.id, now)];
  },
};

/**
 * What issue 10 opens in core, on the real server (SQLite file, Bolt over signed HTTP, the fake Slack
 * Web API): a command added at run time through TOKENS.CommandExtensions, an event subscriber and
 * outbox handlers bound beside core's, one of which hangs and one of which throws.
 */
describe('server: commands and side effects added beside core (SQLite, Slack over signed HTTP)', function () {
  this.timeout(120_000);
  let dir: string;
  let slack: FakeSlackApi;
  let server: RunningServer;
  let client: SlackClient;
  let logger: KeptLogger;
  const hang = new HangingHandler();
  const boom = new ThrowingHandler();
  const pages: { args: string; incident?: string }[] = [];
  const store = () => server.container.get<Store>(SERVER_TOKENS.Store);
  const outboxRows = async (topic: string) => (await store().repositories.outbox.deadLetters(100)).filter((m) => m.topic === topic);

  before(async () => {
    dir = tempDir('extensions');
    slack = await FakeSlackApi.start();
    for (const user of [ANA, BOB, CLEO]) slack.addUser({ id: user.id, name: user.name, displayName: user.name });
    const general = { id: slack.addChannel({ name: 'general', members: [ANA.id, BOB.id, CLEO.id] }), name: 'general' };
    const env = {
      MUSTER_PORT: '0', MUSTER_CONSOLE: 'off', MUSTER_AUTO_MIGRATE: 'on', MUSTER_DATABASE_URL: `sqlite:${join(dir, 'muster.db')}`,
      SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: slack.botToken, SLACK_API_URL: slack.url,
    };
    logger = new KeptLogger(createLogger({ level: 'info', file: join(dir, 'server.log') }));
    server = await startServer(loadConfig({ env, cwd: dir, interactive: false }), {
      logger, contributions: { outboxHandlers: [hang, boom], eventSubscribers: [subscriber] },
    });
    client = new SlackClient(slack, server.port, general);
    const page: RuntimeCommand = {
      name: 'page', syntax: 'page <service|@person>', summary: 'Page the on-call of a service.', examples: ['page checkout'], takesIncident: true,
      async run(_ctx, args, incident) {
        pages.push({ args, incident: incident?.reference });
        return { visibility: 'in_channel', view: { fallback: `Paged ${args} for ${incident?.reference}`, blocks: [{ type: 'text', text: [`Paged ${args} for ${incident?.reference}`] }] } };
      },
    };
    const extensions = server.container.get<CommandExtensions>(TOKENS.CommandExtensions);
    // The host's own `page` (plugins/integrations) gives the word to this test's command.
    extensions.unregisterAll('integrations');
    extensions.register('test-pager', page);
  });

  after(async () => {
    await server?.stop();
    await slack?.close();
    removeDir(dir);
  });

  it('lists a run-time command in help under Plugins and suggests it for a typo, running nothing', async () => {
    const help = await client.command('help', BOB);
    expect(help.json).to.include({ response_type: 'ephemeral' });
    expect(help.text).to.include('Plugins').and.include('Page the on-call of a service.');
    const typo = await client.command('pgae checkout', BOB);
    expect(typo.text).to.include('Did you mean').and.include('/incident page');
    expect(pages).to.deep.equal([]);
  });

  it('refuses a run-time command that would shadow a built-in, and the built-in answers as before', async () => {
    const extensions = server.container.get<CommandExtensions>(TOKENS.CommandExtensions);
    let refused: unknown;
    try {
      extensions.register('evil', { name: 'resolve', syntax: 'resolve', summary: 'Not the real one.', examples: [], takesIncident: false, run: async () => ({ visibility: 'in_channel' }) });
    } catch (error) {
      refused = error;
    }
    expect(isMusterError(refused, 'conflict')).to.equal(true);
    const answer = await client.command('resolve', BOB);
    expect(answer.text).to.include('not an incident room').and.not.include('Not the real one');
  });

  it('runs an incident command from outside a private incident for nobody but its participants, and leaks nothing', async () => {
    const declared = await client.command('declare "Payroll data exposed" --sev SEV3 --private', ANA);
    expect(declared.json).to.include({ response_type: 'ephemeral' });
    const answer = await client.command('INC-1 page payroll', CLEO);
    expect(answer.status).to.equal(200);
    expect(answer.json).to.include({ response_type: 'ephemeral' });
    expect(answer.text).to.match(/no incident INC-1 that you can see/).and.not.match(/payroll data/i);
    expect(pages, 'the plugin never heard of it').to.deep.equal([]);

    const allowed = await client.command('INC-1 page payroll', ANA);
    expect(allowed.json, 'asked outside its room: only the asker sees it').to.include({ response_type: 'ephemeral' });
    expect(allowed.text).to.include('Paged payroll for INC-1');
    expect(pages).to.deep.equal([{ args: 'payroll', incident: 'INC-1' }]);
  });

  it('completes every other side effect while one hangs, retries the hung one after its time limit, and a throwing one harms nothing', async () => {
    const declared = await client.command('declare "Checkout errors" --sev SEV1', ANA);
    expect(declared.json).to.include({ response_type: 'in_channel' });
    const { id } = (await store().repositories.incidents.findByNumber('default', 2))!;
    await eventually('the hanging side effect to begin', () => (hang.begun.has(id) ? true : undefined));

    // While it hangs: the room opens with its card, and a later change reaches the card too.
    const incident = await eventually('the room to open', async () => {
      const found = await store().repositories.incidents.findById(id);
      return found?.roomOn('slack', slack.teamId)?.cardMessageId ? found : undefined;
    });
    const room = incident.roomOn('slack', slack.teamId)!;
    const ack = await client.command('ack', ANA, { id: room.conversationId, name: room.name ?? room.conversationId });
    expect(ack.text).to.include('INC-2');
    await eventually('the card to show the acknowledgement', () =>
      (slack.calls('chat.update').some((c) => c.args.channel === room.conversationId && JSON.stringify(c.args).includes('Investigating')) ? true : undefined));
    expect(hang.finished.has(id), 'the hung attempt was still hanging all along').to.equal(false);

    // Past its time limit it is a failed attempt, logged with topic and id, and the retry finishes it.
    await eventually('the hung side effect to be retried and finish', () => (hang.finished.has(id) ? true : undefined), 60_000);
    const timedOut = logger.lines.find((l) => l.level === 'warn' && l.fields?.topic === 'test.hang');
    expect(timedOut?.fields).to.include({ attempt: 1 }).and.to.have.property('id').that.is.a('string');
    expect(String(timedOut?.fields?.error)).to.match(/did not finish within 8 s/);

    // The throwing one failed on its own and is waiting for its next attempt; nothing else is dead.
    expect(boom.attempts).to.be.greaterThan(0);
    expect(logger.lines.some((l) => l.level === 'warn' && l.fields?.topic === 'test.boom' && l.fields.error === 'the remote side is broken')).to.equal(true);
    expect(await store().repositories.outbox.deadLetterCount(), 'no side effect of core was given up').to.equal(0);
    expect(await outboxRows('test.hang')).to.deep.equal([]);
    expect(slack.messagesIn(room.conversationId).filter((m) => m.bot_id && JSON.stringify(m.blocks ?? []).includes('Checkout errors')), 'one card in the room').to.have.length(1);
  });
});
