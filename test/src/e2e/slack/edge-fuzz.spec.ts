import { expect } from 'chai';
import fc from 'fast-check';
import { BOB, SlackE2E } from './harness';
import { entryPoints, type FuzzTargets } from './fuzz-entry-points';
import { applyMutations, encode, garbage, mutationsFor, noise, type WireRequest } from './fuzz-mutations';
import type { SlackChannel } from './slack-payloads';

/** Cases per entry point (15 of them) and of bodies that are no payload at all: 10,400 in all. */
const RUNS_PER_ENTRY_POINT = 640;
const GARBAGE_RUNS = 800;
const CONCURRENCY = 8;
/** What Muster does in Slack when it acts on a payload; none of it may follow an unusable one. */
const ACTING_METHODS = ['chat.postMessage', 'chat.update', 'chat.postEphemeral', 'views.open', 'views.update', 'views.push', 'pins.add', 'conversations.create', 'conversations.invite'];

describe('Slack e2e: hostile payloads at POST /slack/events (fuzzed, signed, real Bolt stack)', function () {
  this.timeout(180_000);
  let e2e: SlackE2E;
  let room: SlackChannel;
  let targets: FuzzTargets;

  before(async () => {
    e2e = await SlackE2E.start();
    await e2e.command('declare "Fuzzed edge"');
    await e2e.settle();
    room = await e2e.roomOf(1);
    const [card] = e2e.postsMentioning(room.id, 'Acknowledge');
    await e2e.command('declare');
    await e2e.settle();
    const { message } = await e2e.say(room.id, BOB, 'Target of the fuzz: untouched by anything valid');
    // A copy: the fake updates the card in place once it is acknowledged, and its buttons change.
    targets = { room, message, card: structuredClone(card!), view: e2e.openedView('incident.declare') };
  });
  after(() => e2e?.stop());

  const actingCalls = () => ACTING_METHODS.reduce((n, method) => n + e2e.slack.calls(method).length, 0);
  const snapshot = async () => ({
    timeline: JSON.stringify(await e2e.timeline(1)),
    incidents: (await e2e.store.repositories.incidents.list()).length,
    acting: actingCalls(),
    responses: e2e.slack.responses().length,
  });

  it('processes each entry point\'s unmutated payload (the templates the fuzz breaks are valid)', async () => {
    const { message: control } = await e2e.say(room.id, BOB, 'Control message for the valid payloads');
    for (const entry of entryPoints(e2e, { ...targets, message: control })) {
      const wire = encode(entry, entry.build(), 'none');
      const answer = await e2e.sender.send(wire.body, wire.contentType);
      expect(answer.status, entry.name).to.equal(200);
      if (entry.name === 'url_verification') expect(answer.json).to.deep.equal({ challenge: 'fuzz-challenge' });
      if (entry.name === 'message_changed') {
        expect((await e2e.timeline(1)).find((e) => e.external?.messageId === control.ts)?.text).to.equal('fuzzed edit');
      }
    }
    await e2e.settle();
    const entries = await e2e.timeline(1);
    for (const text of ['fuzzed note', 'fuzzed message', 'fuzzed reply', 'fuzzed file']) {
      expect(entries.some((e) => e.text.includes(text)), text).to.equal(true);
    }
    const edited = entries.find((e) => e.external?.messageId === control.ts);
    expect(edited?.deletedAt, 'message_deleted deleted it').to.be.instanceOf(Date);
    expect(e2e.slack.calls('views.open').length, 'the global shortcut opened the declare form').to.be.greaterThan(1);
  });

  it('answers every mutated payload below 500, stays up, and stores, posts or opens nothing for any of them', async () => {
    const before = await snapshot();
    const statuses = new Map<number, number>();
    const send = async (wire: WireRequest) => {
      const answer = await e2e.sender.send(wire.body, wire.contentType);
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      return answer.status;
    };
    // Generated up front and sent a few at a time (as Slack does under load); a failure names its case and the seed.
    const seed = Date.now();
    const cases: { what: string; wire: () => WireRequest }[] = [];
    for (const entry of entryPoints(e2e, targets)) {
      for (const [mutations, extra] of fc.sample(fc.tuple(mutationsFor(entry), noise), { numRuns: RUNS_PER_ENTRY_POINT, seed })) {
        cases.push({ what: `${entry.name}: ${JSON.stringify(mutations).slice(0, 300)} noise=${extra}`, wire: () => encode(entry, applyMutations(entry.build(), mutations), extra) });
      }
    }
    for (const wire of fc.sample(garbage, { numRuns: GARBAGE_RUNS, seed })) cases.push({ what: `garbage: ${wire.body.slice(0, 200)}`, wire: () => wire });
    const failures: string[] = [];
    const started = performance.now();
    let next = 0;
    await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
      while (next < cases.length) {
        const item = cases[next++]!;
        const status = await send(item.wire());
        if (status >= 500) failures.push(`${status} ${item.what}`);
      }
    }));
    expect(failures.slice(0, 5), `seed ${seed}`).to.deep.equal([]);
    const seconds = (performance.now() - started) / 1000;
    const total = [...statuses.values()].reduce((a, b) => a + b, 0);
    console.log(`      edge fuzz: ${total} cases in ${seconds.toFixed(1)} s, by status ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`);

    expect(total).to.be.at.least(10_000);
    expect([...statuses.keys()].filter((s) => s >= 500)).to.deep.equal([]);
    await e2e.settle();
    expect(await snapshot(), 'no timeline entry, incident, post, modal or response_url answer came from an unusable payload').to.deep.equal(before);
    expect(({} as Record<string, unknown>).polluted, 'Object.prototype untouched').to.equal(undefined);
    const alive = await e2e.command('status', undefined, room);
    expect(alive.status, 'the server still answers').to.equal(200);
  });
});
