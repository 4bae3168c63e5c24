import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPlayground, type Playground, type PlaygroundMessage } from '../../kits/agents-playground';
import { resolvePlaygroundCli } from '../../kits/agents-playground-process';
import { startBareAgentsBot, type BareBot } from '../../kits/bare-agents-bot.spec-helper';

/** Microsoft's Agents Playground, really started, driving a bare Agents SDK bot as a Teams user would. */
const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';
const cardOf = (m: PlaygroundMessage) => m.attachments.find((a) => a.contentType === ADAPTIVE)?.content as { body: { text?: string }[] } | undefined;
const cardText = (m: PlaygroundMessage) => (cardOf(m)?.body ?? []).map((b) => b.text).filter(Boolean).join(' | ');
const inConversation = (id: string) => (ms: readonly PlaygroundMessage[]) => ms.filter((m) => m.conversationId === id);

const portRefuses = (port: number) => new Promise<boolean>((resolve) => {
  const socket = connect(port, '127.0.0.1');
  socket.once('connect', () => { socket.destroy(); resolve(false); }).once('error', () => resolve(true));
});

describe('the Agents Playground kit against a bare Agents SDK bot', function () {
  this.timeout(90_000);
  let bot: BareBot;
  let pg: Playground;

  before(async () => {
    bot = await startBareAgentsBot();
    pg = await startPlayground({ botEndpoint: bot.endpoint });
  });
  after(async () => {
    await pg?.stop();
    await bot?.stop();
  });

  it('delivers a personal-chat message as a Teams activity with the mock connector as serviceUrl, and shows the echo and the card', async () => {
    const sent = await pg.say('hello from the playground');
    const [echo, card] = await pg.waitFor('the echo and the card', (ms) => {
      const replies = pg.repliesTo(sent, ms);
      return replies.length >= 2 ? replies : undefined;
    });
    expect(echo!.text).to.equal('echo: hello from the playground');
    expect(cardText(card!)).to.equal('Count: 0');
    const activity = bot.received.find((a) => a.type === 'message' && a.text === 'hello from the playground')!;
    expect(activity).to.deep.include({ channelId: 'msteams', serviceUrl: pg.serviceUrl });
    expect(activity.conversation).to.deep.include({ id: pg.tenant.personalChatId, conversationType: 'personal', tenantId: pg.tenant.tenantId });
    expect(activity.from).to.deep.include({ id: pg.tenant.me.id, aadObjectId: pg.tenant.me.aadObjectId, name: pg.tenant.me.name });
    expect(activity.recipient).to.deep.include({ id: pg.tenant.bot.id });
    // The bot's two posts to the mock connector, each answered 201 Created.
    const posts = await waitForExchanges(pg, (e) => e.direction === 'from-bot' && (e.activity.conversation as { id: string }).id === sent.conversationId, 2);
    expect(posts.map((e) => e.status)).to.deep.equal([201, 201]);
  });

  it('refreshes the card in place when its Action.Execute button is pressed, without posting anything new', async () => {
    const sent = await pg.say('press me');
    const card = await pg.waitFor('the counter card', (ms) => pg.repliesTo(sent, ms).find((m) => cardOf(m)));
    const before = pg.received().length;
    const answer = await pg.pressButton(card.id, { title: 'Count' });
    expect(answer).to.deep.include({ status: 200, type: ADAPTIVE });
    const shown = pg.received().find((m) => m.id === card.id)!;
    expect(cardText(shown)).to.equal(`Count: 1 | Pressed by ${pg.tenant.me.name}`);
    expect(shown.updates).to.equal(1);
    const again = await pg.pressButton(card.id, { verb: 'count' });
    expect((again.value as { body: { text: string }[] }).body[0]!.text).to.equal('Count: 2');
    expect(pg.received()).to.have.length(before);
    // What Teams sends for Action.Execute, with the card's input merged into the button's data.
    const invoke = bot.received.filter((a) => a.type === 'invoke').at(-1)!;
    expect(invoke).to.deep.include({ name: 'adaptiveCard/action', replyToId: card.id });
    expect(invoke.value).to.deep.equal({ action: { type: 'Action.Execute', title: 'Count', verb: 'count', data: { count: 1, note: 'first note' } } });
  });

  it('sends what the user typed into the card, and an Action.Submit as a message with a value', async () => {
    const sent = await pg.say('a form');
    const card = await pg.waitFor('the counter card', (ms) => pg.repliesTo(sent, ms).find((m) => cardOf(m)));
    expect((await pg.pressButton(card.id, { title: 'Send', inputs: { note: 'typed <b>here</b>' } })).status).to.equal(200);
    const reply = await pg.waitFor('the submit answer', (ms) => pg.repliesTo(sent, ms).find((m) => m.text?.startsWith('submitted:')));
    expect(JSON.parse(reply.text!.slice('submitted: '.length))).to.deep.equal({ submitted: true, note: 'typed <b>here</b>' });
  });

  it('reaches the bot in a channel only with an @mention, opening a thread the answers go to', async () => {
    const ignored = await pg.say('nobody mentioned the bot', 'team');
    const sent = await pg.say(`${pg.atBot} status please`, 'team');
    expect(sent.conversationId).to.equal(`${pg.tenant.team.id};messageid=${sent.messageId}`);
    const echo = await pg.waitFor('the echo in the thread', (ms) => pg.repliesTo(sent, ms).find((m) => m.text));
    // The SDK strips the mention of itself from the text before the bot sees it.
    expect(echo.text).to.equal('echo: status please');
    const activity = bot.received.find((a) => a.type === 'message' && (a.conversation as { id: string }).id === sent.conversationId)!;
    expect(activity.entities).to.deep.include({ type: 'mention', mentioned: { id: pg.tenant.bot.id, name: pg.tenant.bot.name }, text: pg.atBot });
    expect(activity.channelData).to.deep.include({ team: { id: pg.tenant.team.id }, channel: { id: pg.tenant.team.id } });
    expect(bot.received.some((a) => (a.conversation as { id: string }).id === ignored.conversationId)).to.equal(false);
    expect(inConversation(ignored.conversationId)(pg.received())).to.deep.equal([]);
  });

  it('mentions people by display name in a group chat, and refuses a name nobody has', async () => {
    const sent = await pg.say(`${pg.atBot} assign lead <at>Megan Bowen</at>`, 'group');
    await pg.waitFor('the echo in the group chat', (ms) => pg.repliesTo(sent, ms).find((m) => m.text?.startsWith('echo:')));
    const activity = bot.received.find((a) => (a.conversation as { id: string }).id === pg.tenant.groupChat.id && a.type === 'message')!;
    expect(activity.entities).to.deep.include({ type: 'mention', mentioned: { id: pg.tenant.others[0]!.id, name: 'Megan Bowen' }, text: '<at>Megan Bowen</at>' });
    const count = bot.received.length;
    await expectRejection(pg.say(`${pg.atBot} hi <at>Mallory</at>`, 'group'), 'Cannot mention "Mallory"');
    expect(bot.received).to.have.length(count);
  });

  it('lets another member press a button in the group chat, and refuses a person who is not in the chat', async () => {
    const sent = await pg.say(`${pg.atBot} group card`, 'group');
    const card = await pg.waitFor('the group card', (ms) => pg.repliesTo(sent, ms).find((m) => cardOf(m)));
    const pressed = await pg.pressButton(card.id, { title: 'Count' }, { as: 'Adele Vance' });
    expect((pressed.value as { body: { text: string }[] }).body[1]!.text).to.equal('Pressed by Adele Vance');
    // Megan is not in the personal chat: the client refuses, and the bot never hears of it.
    const personal = await pg.say('mine');
    const mine = await pg.waitFor('the personal card', (ms) => pg.repliesTo(personal, ms).find((m) => cardOf(m)));
    const invokes = bot.received.filter((a) => a.type === 'invoke').length;
    const refused = await pg.pressButton(mine.id, { title: 'Count' }, { as: 'Megan Bowen' });
    expect(refused.status).to.equal(400);
    expect(refused.error).to.include('UserNotFound');
    expect(bot.received.filter((a) => a.type === 'invoke')).to.have.length(invokes);
    expect(cardText(pg.received().find((m) => m.id === mine.id)!)).to.equal('Count: 0');
  });

  it('says which buttons a card has when asked for one it lacks, and sends nothing', async () => {
    const card = pg.received().find((m) => cardOf(m))!;
    const count = bot.received.length;
    await expectRejection(pg.pressButton(card.id, { title: 'Approve' }), 'no button titled "Approve"', '"Count" (Action.Execute count)', '"Send" (Action.Submit)');
    await expectRejection(pg.pressButton(card.id, { title: 'Count', inputs: { severity: 'SEV1' } }), 'no input "severity"', 'note');
    await expectRejection(pg.pressButton('no-such-message', { title: 'Count' }), 'shows no bot message no-such-message');
    await expectRejection(pg.say('lost', { conversationId: 'no-such-conversation' }), 'HTTP 404', 'ConversationNotFound');
    expect(bot.received).to.have.length(count);
  });

  it('shows nothing from a bot that fails, and records its 500', async () => {
    const sent = await pg.say('boom');
    const exchange = await waitForExchange(pg, (e) => e.direction === 'to-bot' && e.activity.text === 'boom');
    expect(exchange.status).to.equal(500);
    expect(pg.repliesTo(sent)).to.deep.equal([]);
  });

  it('installs the bot in the team (installationUpdate, then conversationUpdate adding the bot), and redelivers an activity with the same id', async () => {
    await pg.install('team');
    await waitForExchange(pg, (e) => e.activity.type === 'conversationUpdate');
    const install = bot.received.find((a) => a.type === 'installationUpdate')!;
    expect(install).to.deep.include({ action: 'add' });
    const update = bot.received.find((a) => a.type === 'conversationUpdate')!;
    expect(update.membersAdded).to.deep.equal([{ id: pg.tenant.bot.id }]);
    expect(update.channelData).to.deep.include({ eventType: 'teamMemberAdded' });

    const first = await pg.sendActivity({ type: 'messageReaction', reactionsAdded: [{ type: 'like' }], replyToId: 'root-1' }, 'team');
    await pg.sendActivity(first, 'team');
    const reactions = await waitForExchanges(pg, (e) => e.activity.type === 'messageReaction', 2);
    expect(reactions.map((e) => e.activity.id)).to.deep.equal([first.id, first.id]);
  });
});

describe('the Agents Playground kit when the Playground cannot run', function () {
  this.timeout(30_000);
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'muster-pg-kit-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('says how to install the package when it is missing', () => {
    expect(() => resolvePlaygroundCli(dir)).to.throw(/is not installed.*npm install/);
    expect(resolvePlaygroundCli()).to.match(/m365agentsplayground[/\\]cli\.js$/);
  });

  it('fails with the tail of its stderr when it exits while starting', async () => {
    const cli = join(dir, 'broken-cli.js');
    writeFileSync(cli, "process.stderr.write('Error: config file invalid at line 3\\n'); process.exit(3);\n");
    await expectRejection(startPlayground({ botEndpoint: 'http://127.0.0.1:9/api/messages', cli }), 'exited (code 3) before it listened', 'config file invalid at line 3');
  });

  it('gives up within its bound when it never listens, and leaves no process behind', async () => {
    const cli = join(dir, 'silent-cli.js');
    writeFileSync(cli, `require('node:fs').writeFileSync(${JSON.stringify(join(dir, 'pid'))}, String(process.pid)); setInterval(() => {}, 1000);\n`);
    await expectRejection(startPlayground({ botEndpoint: 'http://127.0.0.1:9/api/messages', cli, startTimeoutMs: 1_500 }), 'did not listen within 1500 ms');
    const pid = Number(readFileSync(join(dir, 'pid'), 'utf8'));
    expect(() => process.kill(pid, 0)).to.throw();
  });

  it('stops the real Playground completely: its port refuses connections afterwards', async () => {
    const pg = await startPlayground({ botEndpoint: 'http://127.0.0.1:9/api/messages' });
    const port = Number(new URL(pg.url).port);
    expect(await portRefuses(port)).to.equal(false);
    await pg.stop();
    expect(await portRefuses(port)).to.equal(true);
  });
});

async function expectRejection(promise: Promise<unknown>, ...parts: string[]): Promise<void> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error, 'it should have failed').to.be.instanceOf(Error);
  for (const part of parts) expect((error as Error).message).to.include(part);
}

function waitForExchange(pg: Playground, match: (e: ReturnType<Playground['exchanges']>[number]) => boolean) {
  return waitForExchanges(pg, match, 1).then((found) => found[0]!);
}

/** The log stream has its own timing: the same bounded wait, over the exchanges. */
async function waitForExchanges(pg: Playground, match: (e: ReturnType<Playground['exchanges']>[number]) => boolean, count: number) {
  return pg.waitFor(`${count} matching exchange(s) with the bot`, () => {
    const found = pg.exchanges().filter(match);
    return found.length >= count ? found : undefined;
  });
}
