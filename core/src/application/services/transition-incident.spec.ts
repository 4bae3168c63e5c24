import { expect } from 'chai';
import { CommandDispatcher } from '../commands/command-dispatcher';
import type { CommandReply } from '../commands/command-reply';
import { buildApp } from '../container/app-harness.spec-helper';
import { textOf, type View } from '../views/view';

const blockText = (view: View | undefined): string =>
  (view?.blocks ?? []).map((b) => (b.type === 'text' || b.type === 'context' ? textOf(b.text) : b.type === 'fields' ? b.fields.map((f) => `${f.label}: ${textOf(f.value)}`).join('\n') : '')).join('\n');
const codesIn = (reply: CommandReply): string[] =>
  (reply.view?.blocks ?? []).flatMap((b) => (b.type === 'text' ? b.text.flatMap((i) => (typeof i !== 'string' && 'code' in i ? [i.code] : [])) : []));

async function incidentAfter(moves: readonly string[]) {
  const app = buildApp();
  const commands = app.container.get(CommandDispatcher);
  await commands.handleText(app.ctx('alice'), 'declare Checkout errors --sev SEV2');
  await app.flush();
  const room = (await app.store.repositories.incidents.findByNumber('default', 1))!.roomOn('console', 'local')!;
  const say = (line: string) => commands.handleText(app.ctx('alice', room), line);
  for (const move of moves) {
    app.clock.advance(1);
    const reply = await say(move);
    expect(blockText(reply.view), `setting up with ${move}`).not.to.match(/cannot|already|only/);
  }
  return { app, say, incident: async () => (await app.store.repositories.incidents.findByNumber('default', 1))! };
}

const PATHS: Record<string, readonly string[]> = {
  triage: [], investigating: ['ack'], mitigated: ['ack', 'mitigate'], resolved: ['resolve'], 'resolved after work': ['ack', 'mitigate', 'resolve'],
  reopened: ['resolve', 'reopen'], closed: ['resolve', 'close'], declined: ['decline'],
};
const MOVES = ['ack', 'mitigate', 'resolve', 'reopen', 'decline', 'close'];

describe('lifecycle moves as people type them', () => {
  for (const [where, path] of Object.entries(PATHS)) {
    it(`every refusal when ${where} suggests only moves that then work`, async () => {
      for (const move of MOVES) {
        const { say } = await incidentAfter(path);
        const reply = await say(move);
        const said = blockText(reply.view);
        if (!/cannot|already|only for/.test(said)) continue;
        const suggested = codesIn(reply);
        if (where === 'closed' || where === 'declined') expect(said).to.match(/nothing more can change its status/);
        else expect(suggested, `${move} when ${where}: ${said}`).not.to.have.length(0);
        expect(suggested, 'the refused move is never suggested').not.to.include(move);
        for (const next of suggested) {
          const again = await incidentAfter(path);
          const answer = blockText((await again.say(next)).view);
          expect(answer, `suggested ${next} after ${move} when ${where}`).to.match(/ is (now|reopened)/);
        }
      }
    });
  }

  it('a second mitigate suggests reopen or resolve, never ack', async () => {
    const { say } = await incidentAfter(['ack', 'mitigate']);
    const reply = await say('mitigate');
    expect(blockText(reply.view)).to.match(/^INC-1 is already mitigated\. From here you can reopen or resolve it\./);
    expect(codesIn(reply)).to.deep.equal(['reopen', 'resolve']);
  });

  it('a reopen says it reopened, and ack afterwards is refused without suggesting ack', async () => {
    const { say } = await incidentAfter(['ack', 'resolve']);
    const reopened = blockText((await say('reopen')).view);
    expect(reopened).to.match(/^INC-1 is reopened and back under investigation \(by @alice\)\.$/);
    const ack = await say('ack');
    expect(blockText(ack.view)).to.match(/^INC-1 is already under investigation\. From here you can mitigate or resolve it\./);
    expect(codesIn(ack)).to.deep.equal(['mitigate', 'resolve']);
    await say('mitigate');
    expect(blockText((await say('ack')).view)).to.match(/^INC-1 is mitigated; only an incident in triage can be acknowledged\. From here you can reopen or resolve it\./);
  });
});

describe('durations say what happened', () => {
  it('resolving straight from triage is neither acknowledged nor mitigated, in the notice, the card and the postmortem', async () => {
    const { app, say, incident } = await incidentAfter([]);
    app.clock.advance(28);
    expect(blockText((await say('resolve')).view)).to.match(/Time to resolve: 28m 00s/);
    await app.flush();
    const m = (await incident()).snapshot().milestones;
    expect(m.acknowledged).to.equal(undefined);
    expect(m.mitigated).to.equal(undefined);
    const pm = await say('postmortem');
    expect(pm.document!.markdown).to.include('| Time to acknowledge | not acknowledged |');
    expect(pm.document!.markdown).to.include('| Time to mitigate | not separately mitigated |');
    expect(pm.document!.markdown).to.include('| Time to resolve | 28m 00s |');
    expect(pm.document!.markdown).not.to.match(/\| Acknowledged \|/);
    const shown = blockText(pm.view);
    expect(shown).to.include('Time to acknowledge: not acknowledged');
    expect(shown).to.include('Time to mitigate: not separately mitigated');
    const card = blockText((await say('status')).view);
    expect(card).not.to.match(/acknowledged after|mitigated after/);
    expect(card).to.match(/resolved after 28m 00s/);
  });

  it('a second mitigation after a reopen keeps time to mitigate at the first, and the timeline has both', async () => {
    const { app, say, incident } = await incidentAfter(['ack']);
    app.clock.advance(4);
    expect(blockText((await say('mitigate')).view)).to.match(/Time to mitigate: 5m 00s/);
    app.clock.advance(10);
    await say('reopen');
    app.clock.advance(30);
    const second = blockText((await say('mitigate')).view);
    expect(second).to.match(/INC-1 is now mitigated/);
    expect(second, 'not a new time to mitigate').not.to.match(/Time to mitigate: \d/);
    app.clock.advance(5);
    await say('resolve');
    await app.flush();
    const md = (await say('postmortem')).document!.markdown;
    expect(md).to.include('| Time to acknowledge | 1m 00s |');
    expect(md).to.include('| Time to mitigate | 5m 00s |');
    expect(md.match(/Status [a-z]+ → mitigated/g), 'both mitigations are on the timeline').to.have.length(2);
    expect((await incident()).snapshot().milestones.acknowledged!.getTime(), 'the reopen did not re-acknowledge').to.equal(new Date('2026-11-22T03:01:00.000Z').getTime());
  });
});
