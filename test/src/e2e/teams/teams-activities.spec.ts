import { expect } from 'chai';
import { MAX_INPUT_LENGTH } from '@muster/core';
import { PRIVATE_ANSWER_NOTICE } from '@muster/teams';
import { TeamsE2E } from './teams-harness';
import {
  ANA, BOB, botAdded, cardAction, CLEO, GENERAL, message, messageDelete, messageUpdate, newActivityId, reaction, TENANT,
} from './teams-payloads';

/** The card attachment of a connector call's activity, if it has one. */
const cardOf = (body: { attachments?: { content?: unknown }[] } | undefined): Record<string, unknown> | undefined =>
  body?.attachments?.[0]?.content as Record<string, unknown> | undefined;

/** What Teams sends when a form card is submitted: the card's own submit data, with the typed values merged in. */
function submitted(card: Record<string, unknown> | undefined, values: Record<string, string>): Record<string, unknown> {
  const found = JSON.stringify(card ?? {}).match(/"verb":"muster\.form","data":(\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\})/u);
  if (!found) throw new Error(`no Muster form submit in ${JSON.stringify(card).slice(0, 300)}`);
  return { ...JSON.parse(found[1]!) as Record<string, unknown>, ...values };
}

/**
 * Teams activities through the real server: commands by @mention, the declare form as a card and its
 * Action.Execute answers, mentions as people, capture in thread and channel rooms with redeliveries,
 * edits, deletions and the highlight reaction, private answers, the install greeting, and bad input.
 */
describe('Teams e2e: activities into core and replies out', function () {
  this.timeout(120_000);
  let e2e: TeamsE2E;
  const THREAD_ROOM = `${GENERAL};messageid=1700000000001`;
  const CHANNEL_ROOM = '19:inc-channel@thread.tacv2';

  before(async () => {
    e2e = await TeamsE2E.start();
    const declared = await e2e.send(message(e2e.serviceUrl, ANA, 'declare Payments are timing out', { toBot: true }));
    expect(declared.status).to.equal(200);
    await e2e.linkThreadRoom(1, THREAD_ROOM.split('=')[1]);
  });
  after(() => e2e?.stop());

  describe('the declare form', () => {
    let form: Record<string, unknown>;

    it('opens as a card when `@Muster declare` has no title', async () => {
      const before = await e2e.incidentCount();
      await e2e.send(message(e2e.serviceUrl, ANA, 'declare', { toBot: true }));
      form = cardOf(e2e.connector.posted().at(-1)?.body)!;
      expect(JSON.stringify(form)).to.include('"id":"title"').and.include('"verb":"muster.form"');
      expect(await e2e.incidentCount(), 'nothing declared yet').to.equal(before);
    });

    it('answers a too-short title with the same form card, the error beside the input and what was typed kept', async () => {
      const before = await e2e.incidentCount();
      const answer = await e2e.send(cardAction(e2e.serviceUrl, ANA, submitted(form, { title: 'X', severity: 'SEV2' })));
      expect(answer.status).to.equal(200);
      expect(answer.json).to.include({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
      const card = JSON.stringify(answer.json.value);
      expect(card).to.include('Say in a few words what is wrong').and.include('"value":"X"');
      expect(await e2e.incidentCount(), 'refused, nothing declared').to.equal(before);
    });

    it('declares once the form is right', async () => {
      const before = await e2e.incidentCount();
      const answer = await e2e.send(cardAction(e2e.serviceUrl, ANA, submitted(form, { title: 'Login page blank', severity: 'SEV2', private: 'false' })));
      expect(answer.status).to.equal(200);
      expect(await e2e.incidentCount()).to.equal(before + 1);
    });
  });

  it('answers an Action.Execute button that opens a form with that form as the invoke\'s card', async () => {
    const incident = (await e2e.incident(1))!;
    const answer = await e2e.send(cardAction(e2e.serviceUrl, ANA, { muster: 'action', actionId: 'incident.severity', value: incident.id }, { conversationId: THREAD_ROOM }));
    expect(answer.json).to.include({ type: 'application/vnd.microsoft.card.adaptive' });
    expect(JSON.stringify(answer.json.value)).to.include('New severity for INC-1');
    const changed = await e2e.send(cardAction(e2e.serviceUrl, ANA, submitted(answer.json.value, { severity: 'SEV1' }), { conversationId: THREAD_ROOM }));
    expect(changed.status).to.equal(200);
    expect((await e2e.incident(1))!.severity).to.equal('SEV1');
  });

  it('answers card data that is not Muster\'s with a message, and core is not called', async () => {
    const before = (await e2e.timeline(1)).length;
    for (const data of [{ muster: 'action' }, { action: 'approve' }, 'incident.resolve', null]) {
      const answer = await e2e.send(cardAction(e2e.serviceUrl, ANA, data, { conversationId: THREAD_ROOM }));
      expect(answer.status).to.equal(200);
      expect(answer.json).to.include({ type: 'application/vnd.microsoft.activity.message' });
      expect(answer.json.value).to.match(/not one Muster can act on/);
    }
    expect((await e2e.timeline(1)).length).to.equal(before);
    expect((await e2e.incident(1))!.status).to.equal('triage');
  });

  it('turns mentions into people by their AAD object id, from the entity or else the roster (asked once)', async () => {
    // Core resolving these tokens into role holders is the seam branch's (its mention-aware parser and
    // people resolver); here the tokens are checked where they land whole: the captured timeline.
    e2e.connector.roster.set(CLEO.id, CLEO);
    await e2e.send(message(e2e.serviceUrl, ANA, '@Bob Jones and @Cleo Park: status?', { mentions: [BOB], conversationId: THREAD_ROOM }));
    for (let i = 0; i < 2; i++) {
      await e2e.send(message(e2e.serviceUrl, ANA, `@Cleo Park ping ${i}`, { mentions: [CLEO], aadInEntities: false, conversationId: THREAD_ROOM }));
    }
    const texts = (await e2e.timeline(1)).map((t) => t.text);
    expect(texts).to.include(`<@teams:${BOB.aadObjectId}|Bob Jones> and @Cleo Park: status?`);
    expect(texts).to.include.members([`<@teams:${CLEO.aadObjectId}|Cleo Park> ping 0`, `<@teams:${CLEO.aadObjectId}|Cleo Park> ping 1`]);
    expect(e2e.connector.calls.filter((c) => c.method === 'GET').map((c) => c.path)).to.deep.equal([`/v3/conversations/${GENERAL}/members/${CLEO.id}`]);
  });

  describe('capture', () => {
    it('stores a message in a thread room once, however often Teams delivers it', async () => {
      const before = (await e2e.timeline(1)).length;
      const said = message(e2e.serviceUrl, BOB, 'DB failover done &amp; verified', { conversationId: THREAD_ROOM });
      for (let i = 0; i < 3; i++) expect((await e2e.send(said)).status).to.equal(200);
      const entries = (await e2e.timeline(1)).filter((t) => t.text === 'DB failover done & verified');
      expect(entries).to.have.length(1);
      expect(entries[0]!.actor).to.deep.include({ platform: 'teams', id: BOB.aadObjectId });
      expect((await e2e.timeline(1)).length).to.equal(before + 1);
    });

    it('finds a channel room by the channel\'s id when the message is in one of its threads', async () => {
      await e2e.send(message(e2e.serviceUrl, ANA, 'declare Search is slow', { toBot: true }));
      const number = await e2e.incidentCount();
      await e2e.linkRoom(number, CHANNEL_ROOM);
      await e2e.send(message(e2e.serviceUrl, CLEO, 'p99 back under 300ms', { conversationId: `${CHANNEL_ROOM};messageid=1700000000999` }));
      expect((await e2e.timeline(number)).map((t) => t.text)).to.include('p99 back under 300ms');
    });

    it('stores and answers nothing for a message outside incident rooms', async () => {
      const calls = e2e.connector.calls.length;
      const before = (await e2e.timeline(1)).length;
      const answer = await e2e.send(message(e2e.serviceUrl, BOB, 'lunch?', { conversationId: '19:random@thread.tacv2;messageid=42' }));
      expect(answer.status).to.equal(200);
      expect(e2e.connector.calls.length, 'no answer').to.equal(calls);
      expect((await e2e.timeline(1)).length).to.equal(before);
    });

    it('reflects an edit, a deletion and the highlight reaction on the entry', async () => {
      const id = newActivityId();
      await e2e.send(message(e2e.serviceUrl, BOB, 'rollback started', { conversationId: THREAD_ROOM, id }));
      const where = { conversationId: THREAD_ROOM };
      const entry = async () => (await e2e.timeline(1)).find((t) => t.external?.messageId === id)!;
      await e2e.send(messageUpdate(e2e.serviceUrl, BOB, id, 'rollback finished', where));
      expect((await entry()).text).to.equal('rollback finished');
      await e2e.send(reaction(e2e.serviceUrl, ANA, id, 'like', true, where));
      expect((await entry()).highlighted, 'a like is not a highlight').to.not.equal(true);
      await e2e.send(reaction(e2e.serviceUrl, ANA, id, '1f4cc_pushpin', true, where));
      expect((await entry()).highlighted).to.equal(true);
      await e2e.send(messageDelete(e2e.serviceUrl, BOB, id, where));
      expect((await entry()).text).to.equal('');
      expect((await entry()).deletedAt).to.be.instanceOf(Date);
    });
  });

  describe('private answers', () => {
    it('go to a 1:1 chat with the requester, never into the channel', async () => {
      const channelId = `${GENERAL};messageid=${newActivityId()}`;
      await e2e.send(message(e2e.serviceUrl, CLEO, 'INC-1 timeline', { toBot: true, conversationId: channelId }));
      const created = e2e.connector.calls.filter((c) => c.method === 'POST' && c.path === '/v3/conversations').at(-1);
      expect(created?.body).to.deep.include({ isGroup: false, tenantId: TENANT });
      expect(created?.body.members).to.deep.equal([{ id: CLEO.id }]);
      expect(e2e.connector.posted(channelId), 'nothing in the channel').to.deep.equal([]);
      expect(JSON.stringify(e2e.connector.posted().at(-1)?.body)).to.include('INC-1');
    });

    it('reuse the requester\'s 1:1 chat: the next private answer opens no second one', async () => {
      const opened = () => e2e.connector.calls.filter((c) => c.method === 'POST' && c.path === '/v3/conversations').length;
      const before = opened();
      await e2e.send(message(e2e.serviceUrl, CLEO, 'INC-1 timeline', { toBot: true, conversationId: `${GENERAL};messageid=${newActivityId()}` }));
      expect(opened(), 'the chat opened for the first answer is used again').to.equal(before);
      expect(JSON.stringify(e2e.connector.posted().at(-1)?.body)).to.include('INC-1');
    });

    it('become a content-free notice in the channel when the 1:1 chat cannot be opened', async () => {
      e2e.connector.refuseDirectChats = 403;
      try {
        // Someone Muster has never answered privately, so no 1:1 chat is known for them.
        const dan = { id: '29:dan-bf', name: 'Dan Ruiz', aadObjectId: '0d0d0d0d-0000-4000-8000-00000000d0d0' };
        const channelId = `${GENERAL};messageid=${newActivityId()}`;
        await e2e.send(message(e2e.serviceUrl, dan, 'INC-1 timeline', { toBot: true, conversationId: channelId }));
        const said = e2e.connector.posted(channelId);
        expect(said.map((c) => c.body.text)).to.deep.equal([PRIVATE_ANSWER_NOTICE]);
        expect(JSON.stringify(said)).not.to.include('Payments');
      } finally {
        e2e.connector.refuseDirectChats = undefined;
      }
    });

    it('are plain replies in the personal chat, where every message is a command', async () => {
      const personal = 'a:personal-ana';
      await e2e.send(message(e2e.serviceUrl, ANA, 'help', { conversationId: personal, conversationType: 'personal' }));
      expect(JSON.stringify(e2e.connector.posted(personal).at(-1)?.body)).to.include('Muster commands').and.include('@Muster');
    });
  });

  it('greets once when added to a team, and keeps the conversation reference current', async () => {
    const added = botAdded(e2e.serviceUrl, ANA);
    await e2e.send(added);
    await e2e.send(added);
    const hellos = e2e.connector.posted(GENERAL).filter((c) => JSON.stringify(c.body).includes('Muster commands'));
    expect(hellos).to.have.length(1);
    expect(await e2e.conversations.find('teams', TENANT, GENERAL)).to.deep.include({ serviceUrl: e2e.serviceUrl, teamId: '19:team-e2e@thread.tacv2', channelId: GENERAL, kind: 'channel' });
    const moved = `${e2e.serviceUrl}emea/`;
    await e2e.send({ ...message(moved, ANA, 'lunch?'), conversation: { id: `${GENERAL};messageid=77`, conversationType: 'channel', tenantId: TENANT } });
    expect((await e2e.conversations.find('teams', TENANT, GENERAL))?.serviceUrl).to.equal(moved);
  });

  describe('bad input gets a clear 4xx or a clear reply, never a 5xx', () => {
    const cases: Record<string, (body: ReturnType<typeof message>) => { body?: unknown; raw?: string; status: number }> = {
      'a body that is not JSON': () => ({ raw: '{"type":"message",', status: 400 }),
      'a JSON array': () => ({ raw: '[]', status: 400 }),
      'no conversation': (a) => ({ body: { ...a, conversation: undefined }, status: 400 }),
      'no tenant anywhere': (a) => ({ body: { ...a, conversation: { id: GENERAL }, channelData: {} }, status: 400 }),
      'a message without an id': (a) => ({ body: { ...a, id: undefined }, status: 400 }),
      'a serviceUrl that is not a URL': (a) => ({ body: { ...a, serviceUrl: 'javascript:alert(1)' }, status: 400 }),
      'a number where the text goes': (a) => ({ body: { ...a, text: 42 }, status: 400 }),
      // Fields Muster does not read, but the SDK's own schema refuses before the turn begins.
      'a locale that is not text': (a) => ({ body: { ...a, locale: 5 }, status: 400 }),
      'attachments that are not a list': (a) => ({ body: { ...a, attachments: 5 }, status: 400 }),
      'a body larger than any activity': (a) => ({ body: { ...a, text: 'x'.repeat(300_000) }, status: 413 }),
    };
    for (const [what, make] of Object.entries(cases)) {
      it(`refuses ${what}`, async () => {
        const incidents = await e2e.incidentCount();
        const made = make(message(e2e.serviceUrl, ANA, 'declare Should not happen', { toBot: true }));
        const answer = await e2e.send(made.body as never ?? message(e2e.serviceUrl, ANA, 'x'), made.raw ? { rawBody: made.raw } : { rawBody: JSON.stringify(made.body) });
        expect(answer.status).to.equal(made.status);
        expect(answer.text).not.to.match(/at [\w.]+ \(|node_modules/);
        expect(await e2e.incidentCount()).to.equal(incidents);
      });
    }

    it('answers a command longer than core accepts with core\'s own error, posted', async () => {
      const incidents = await e2e.incidentCount();
      const answer = await e2e.send(message(e2e.serviceUrl, ANA, `declare ${'a'.repeat(MAX_INPUT_LENGTH + 10)}`, { toBot: true }));
      expect(answer.status).to.equal(200);
      expect(JSON.stringify(e2e.connector.posted().at(-1)?.body)).to.match(/too long|characters/i);
      expect(await e2e.incidentCount()).to.equal(incidents);
    });

    it('answers an invoke it does not handle without a 5xx', async () => {
      const answer = await e2e.send({ ...cardAction(e2e.serviceUrl, ANA, {}), name: 'task/fetch' });
      expect(answer.status).to.equal(200);
    });
  });
});
