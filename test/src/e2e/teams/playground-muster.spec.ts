import { expect } from 'chai';
import { buttonsOf } from '../../kits/agents-playground-cards';
import { DEFAULT_TENANT, startPlayground, type Playground, type PlaygroundMessage, type SentMessage } from '../../kits/agents-playground';
import { freePort } from '../../kits/agents-playground-process';
import { eventually } from '../../kits/wait';
import { settleServer } from '../settle-server';
import { TeamsE2E } from './teams-harness';

/**
 * Muster driven by a real Teams client: Microsoft's Agents Playground, started offline, posting to the
 * real Muster server (anonymous Teams, as a laptop runs it with the Playground: the Playground sends no
 * Authorization header, and Muster replies only to its mock connector, the one trusted host). Every
 * assertion is on what the client received and shows, plus the stored incident where a user would
 * look it up.
 *
 * Capture is not here: the Playground delivers a channel message to the bot only when it @mentions
 * the bot (it has no RSC emulation), so the room's unmentioned messages, edits, deletions and
 * reactions are covered over HTTP by teams-activities.spec.ts and slack-teams-parity.spec.ts.
 */
const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';
const FILE_CONSENT = 'application/vnd.microsoft.teams.card.file.consent';
/** Teams refuses a card larger than this (the whole message, about 28 KB). */
const CARD_LIMIT_BYTES = 28 * 1024;
/** What a hostile user types as a title: a channel-wide mention, markdown and a script link. */
const HOSTILE_TITLE = '<at>everyone</at> **bold** [x](javascript:alert(1))';
const TENANT = { ...DEFAULT_TENANT, bot: { ...DEFAULT_TENANT.bot, name: 'Muster' } };

type Card = Record<string, unknown>;
const cardOf = (m: PlaygroundMessage | undefined): Card | undefined => m?.attachments.find((a) => a.contentType === ADAPTIVE)?.content as Card | undefined;
/** Whether the message's card shows `text` (every Muster message is a card). */
const shows = (m: PlaygroundMessage | undefined, text: string): boolean => { const card = cardOf(m); return card !== undefined && JSON.stringify(card).includes(text); };
const titles = (m: PlaygroundMessage | undefined): (string | undefined)[] => buttonsOf(cardOf(m)).map((b) => b.title);
const inputIds = (card: unknown): string[] => [...JSON.stringify(card).matchAll(/"type":"Input\.\w+","id":"(\w+)"/gu)].map((found) => found[1]!);

describe('Teams e2e: Muster in Microsoft\'s Agents Playground, used as a Teams user would', function () {
  this.timeout(180_000);
  let muster: TeamsE2E;
  let pg: Playground;
  /** The incident room: the thread Muster opened in the channel, and the incident card in it. */
  let room: string;
  let card: PlaygroundMessage;
  let draft: PlaygroundMessage;

  before(async () => {
    const port = await freePort();
    muster = await TeamsE2E.start({ anonymous: true, env: { TEAMS_TRUSTED_HOSTS: `127.0.0.1:${port}` } });
    pg = await startPlayground({ botEndpoint: muster.url, port, tenant: TENANT });
  });
  after(async () => {
    await pg?.stop();
    await muster?.stop();
  });

  const shown = (id: string) => pg.received().find((m) => m.id === id);
  const replyShowing = (sent: SentMessage, text: string) => pg.waitFor(`a reply showing "${text}"`, (ms) => pg.repliesTo(sent, ms).find((m) => shows(m, text)));
  const inRoomShowing = (text: string, after = 0) => pg.waitFor(`a message in the room showing "${text}"`, (ms) => ms.slice(after).find((m) => m.conversationId === room && shows(m, text)));
  const fromBot = () => pg.exchanges().filter((e) => e.direction === 'from-bot');

  it('greets once with the help card when installed in a team, though Teams says so twice at once', async () => {
    await pg.install('team');
    // installationUpdate and conversationUpdate arrive together; both answered means both were handled.
    await pg.waitFor('both install activities answered', () => {
      const answered = pg.exchanges().filter((e) => e.direction === 'to-bot' && ['installationUpdate', 'conversationUpdate'].includes(String(e.activity.type)) && e.status !== undefined);
      return answered.length === 2 ? answered : undefined;
    });
    const hellos = fromBot().filter((e) => JSON.stringify(e.activity).includes('Muster commands'));
    expect(hellos, 'one greeting').to.have.length(1);
    const hello = await pg.waitFor('the greeting', (ms) => ms.find((m) => shows(m, 'Muster commands')));
    expect(hello.conversationId.startsWith(TENANT.team.id)).to.equal(true);
    expect(JSON.stringify(cardOf(hello))).to.include('@Muster help');
  });

  it('answers `@Muster help` in a channel privately, in the personal chat, and says nothing in the channel', async () => {
    const seen = pg.received().length;
    const sent = await pg.say(`${pg.atBot} help`, 'team');
    const help = await pg.waitFor('the help card', (ms) => ms.slice(seen).find((m) => shows(m, 'Muster commands')));
    expect(help.conversationId).to.equal(TENANT.personalChatId);
    expect(JSON.stringify(cardOf(help))).to.include('@Muster help').and.not.include('/incident');
    await settleServer(muster.server);
    expect(pg.repliesTo(sent), 'nothing in the thread').to.deep.equal([]);
  });

  it('declares from a channel, answers in its thread, and opens the room as a new thread in the channel with the incident card', async () => {
    const sent = await pg.say(`${pg.atBot} declare Checkout down --sev SEV2`, 'team');
    const declared = await replyShowing(sent, 'INC-1 declared');
    expect(JSON.stringify(cardOf(declared))).to.include('Checkout down').and.include('SEV2');
    const ready = await replyShowing(sent, 'has its room');
    const incident = (await muster.incident(1))!;
    expect(incident.severity).to.equal('SEV2');
    const link = incident.snapshot().links.rooms.find((r) => r.platform === 'teams')!;
    // A thread: `<channel>;messageid=<its root post>`, in the channel it was declared in, not the declare thread.
    const [channel, root] = link.conversationId.split(';messageid=');
    expect(channel).to.equal(TENANT.team.id);
    expect(root).to.not.equal(sent.messageId);
    room = link.conversationId;
    const header = pg.received().find((m) => m.id === root)!;
    expect(shows(header, 'inc-1-checkout-down'), 'the thread\'s root names the room').to.equal(true);
    expect(JSON.stringify(cardOf(ready))).to.include(encodeURIComponent(channel!)).and.include(root);
    card = await inRoomShowing('Acknowledge');
    expect(titles(card)).to.include.members(['Acknowledge', 'Change severity', 'Assign role', 'Resolve']);
  });

  it('acknowledges from the card\'s button: the presser is told, and the card is refreshed in place', async () => {
    const posted = pg.received().length;
    const answer = await pg.pressButton(card.id, { title: 'Acknowledge' });
    // The presser's answer is the refreshed card itself (Universal Actions), not a message beside it.
    expect(answer).to.deep.include({ status: 200, type: ADAPTIVE });
    expect(JSON.stringify(answer.value)).to.include('Investigating').and.not.include('"title":"Acknowledge"');
    const refreshed = await pg.waitFor('the card without Acknowledge', () => (titles(shown(card.id)).includes('Acknowledge') ? undefined : shown(card.id)));
    expect(shows(refreshed, 'Investigating')).to.equal(true);
    expect((await muster.incident(1))!.status).to.equal('investigating');
    // The room hears it once, as a message; no second incident card.
    const news = pg.received().slice(posted).filter((m) => m.conversationId === room);
    expect(news.filter((m) => titles(m).includes('Resolve'))).to.deep.equal([]);
    expect(news.filter((m) => shows(m, 'acknowledged'))).to.have.length(1);
  });

  it('opens the severity form in place of the card, and after it is submitted shows the refreshed card', async () => {
    const form = await pg.pressButton(card.id, { title: 'Change severity' });
    expect(form).to.deep.include({ status: 200, type: ADAPTIVE });
    expect(inputIds(form.value)).to.deep.equal(['severity']);
    expect(inputIds(cardOf(shown(card.id))), 'the client shows the form where the card was').to.deep.equal(['severity']);
    const changed = await pg.pressButton(card.id, { title: 'Change', inputs: { severity: 'SEV1' } });
    expect(changed).to.deep.include({ status: 200, type: ADAPTIVE });
    expect(JSON.stringify(changed.value), 'the refreshed card comes back in the answer').to.include('SEV1').and.include('"title":"Resolve"');
    const refreshed = await pg.waitFor('the incident card back, at SEV1', () => {
      const now = shown(card.id);
      return inputIds(cardOf(now)).length === 0 && shows(now, 'SEV1') ? now : undefined;
    });
    expect(titles(refreshed)).to.include('Resolve');
    expect((await muster.incident(1))!.severity).to.equal('SEV1');
  });

  it('answers `@Muster declare` with no title with the declare form, and declares once it is submitted, a hostile title kept literal', async () => {
    const sent = await pg.say(`${pg.atBot} declare`, 'team');
    const form = await replyShowing(sent, 'Declare an incident');
    expect(inputIds(cardOf(form))).to.include.members(['title', 'severity']);
    expect(await muster.incidentCount(), 'nothing declared yet').to.equal(1);
    const answer = await pg.pressButton(form.id, { title: 'Declare', inputs: { title: HOSTILE_TITLE, severity: 'SEV3' } });
    expect(answer.status).to.equal(200);
    expect((await muster.incident(2))?.title).to.equal(HOSTILE_TITLE);
    await replyShowing(sent, 'INC-2 declared');
    await replyShowing(sent, 'has its room');
    const aboutIt = pg.received().filter((m) => shows(m, 'INC-2'));
    expect(aboutIt.length).to.be.greaterThan(2);
    for (const m of aboutIt) {
      const json = JSON.stringify(cardOf(m));
      expect(json, 'no mention markup survives').not.to.include('<at>everyone</at>');
      expect(json).not.to.include('**bold**').and.not.to.include('[x](javascript:');
      expect(m.mentions, 'no mention entity on the message').to.deep.equal([]);
      // The cards mention only Muster's own people (the declarer), never "everyone".
      const entities = [...json.matchAll(/"mentioned":\{"id":"([^"]+)"/gu)].map((found) => found[1]);
      for (const id of entities) expect(id).to.equal(TENANT.me.aadObjectId);
    }
  });

  it('drafts a stakeholder update for `@Muster update` in the room, shown with Approve and Edit', async () => {
    const seen = pg.received().length;
    await pg.say(`${pg.atBot} update`, { conversationId: room });
    draft = await inRoomShowing('pending approval', seen);
    expect(titles(draft)).to.include.members(['Approve & publish', 'Edit', 'Reject']);
    const [update] = await muster.store.repositories.statusUpdates.listByIncident((await muster.incident(1))!.id);
    expect(update?.state).to.equal('pending_approval');
  });

  it('refuses the draft\'s Approve to a member who may not approve it, and nothing is posted', async () => {
    // Work the earlier steps queued (card redraws) may still be finishing: count from a quiet server.
    await settleServer(muster.server);
    const seen = pg.received().length;
    const posts = fromBot().length;
    const answer = await pg.pressButton(draft.id, { title: 'Approve & publish' }, { as: 'Megan Bowen' });
    expect(answer).to.deep.include({ status: 200 });
    expect(String(answer.value)).to.include('Only the Incident Commander or Communications Lead');
    await settleServer(muster.server);
    expect(fromBot(), 'no post, no update').to.have.length(posts);
    expect(pg.received()).to.have.length(seen);
    expect(shown(draft.id)!.updates, 'the draft is as it was').to.equal(0);
    const [update] = await muster.store.repositories.statusUpdates.listByIncident((await muster.incident(1))!.id);
    expect(update?.state).to.equal('pending_approval');
  });

  it('publishes the update once the Incident Commander approves it: the card refreshed in place, the update posted once in the room', async () => {
    const seen = pg.received().length;
    const answer = await pg.pressButton(draft.id, { title: 'Approve & publish' });
    expect(answer).to.deep.include({ status: 200, type: ADAPTIVE });
    expect(JSON.stringify(answer.value)).to.include('Approved by').and.not.include('Approve & publish');
    expect(titles(shown(draft.id)), 'no buttons left on the draft').to.deep.equal([]);
    // The presser sees the invoke's card; everyone else sees the message updated (a PUT the client accepts).
    const update = await pg.waitFor('the draft updated for everyone', () => fromBot().find((e) => e.activity.id === draft.id && e.status !== undefined));
    expect(update.status).to.equal(200);
    const incident = (await muster.incident(1))!;
    const stored = await eventually('the update published', async () => {
      const [found] = await muster.store.repositories.statusUpdates.listByIncident(incident.id);
      return found?.state === 'published' ? found : undefined;
    });
    const published = pg.received().slice(seen).filter((m) => m.conversationId === room && shows(m, stored.body.split('\n')[0]!));
    expect(published, 'published once, in the room').to.have.length(1);
    expect(titles(published[0])).to.deep.equal([]);
  });

  it('resolves from the room and shows the postmortem; the Markdown document is offered in the 1:1 chat with a file-consent card', async () => {
    const seen = pg.received().length;
    await pg.say(`${pg.atBot} resolve`, { conversationId: room });
    await inRoomShowing('is now resolved', seen);
    await inRoomShowing('The postmortem for', seen);
    expect((await muster.incident(1))!.status).to.equal('resolved');
    const asked = pg.received().length;
    await pg.say(`${pg.atBot} postmortem`, { conversationId: room });
    const postmortem = await inRoomShowing('Postmortem · INC-1', asked);
    expect(JSON.stringify(cardOf(postmortem))).to.include('Time to acknowledge').and.include('Checkout down');
    // Teams lets a bot send a file only in the 1:1 chat, once the person accepts it there.
    const offer = await pg.waitFor('the file offer', (ms) => ms.slice(asked).find((m) => m.attachments.some((a) => a.contentType === FILE_CONSENT)));
    expect(offer.conversationId).to.equal(TENANT.personalChatId);
    // The Playground's view keeps an attachment's content, not its name (the fake Bot Connector suite checks that).
    const consent = offer.attachments.find((a) => a.contentType === FILE_CONSENT)!.content as { description?: unknown; sizeInBytes?: unknown };
    expect(consent.description).to.equal('Postmortem INC-1');
    expect(consent.sizeInBytes).to.be.a('number').above(0);
    expect(pg.received().slice(asked).filter((m) => shows(m, 'be attached')), 'no "fetch it from the REST API" fallback').to.deep.equal([]);
  });

  it('sent only cards under Teams\' size limit, each one message (no text beside a card), and never failed a request', () => {
    for (const m of pg.received()) {
      const content = cardOf(m);
      if (content) expect(Buffer.byteLength(JSON.stringify(content)), `card ${m.id}`).to.be.below(CARD_LIMIT_BYTES);
    }
    for (const e of fromBot()) {
      const attachments = e.activity.attachments as unknown[] | undefined;
      if (attachments?.length) expect(e.activity.text, 'a card message carries its words as the summary').to.equal(undefined);
      expect(e.status, 'the client accepted every post and update').to.be.within(200, 299);
    }
    for (const e of pg.exchanges().filter((x) => x.direction === 'to-bot')) expect(e.status, String(e.activity.type)).to.equal(200);
    const problems = muster.log().split('\n').filter((line) => /"level":50/u.test(line));
    expect(problems, 'no error logged').to.deep.equal([]);
  });
});
