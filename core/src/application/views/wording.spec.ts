import { expect } from 'chai';
import { CommandDispatcher } from '../commands/command-dispatcher';
import type { CommandReply } from '../commands/command-reply';
import { buildApp } from '../container/app-harness.spec-helper';
import { helpView } from './help.view';
import { textOf, type View } from './view';

const shown = (view: View | undefined): string =>
  (view?.blocks ?? []).map((b) => (b.type === 'text' || b.type === 'context' ? textOf(b.text) : b.type === 'list' ? b.items.map(textOf).join('\n') : '')).join('\n');
const codes = (reply: CommandReply): string[] =>
  (reply.view?.blocks ?? []).flatMap((b) => (b.type === 'text' || b.type === 'context' ? b.text : []))
    .flatMap((i) => (typeof i === 'object' && 'code' in i ? [i.code] : []));
const plainStrings = (view: View | undefined): string[] =>
  (view?.blocks ?? []).flatMap((b) => (b.type === 'text' || b.type === 'context' ? b.text : b.type === 'list' ? b.items.flat() : []))
    .filter((i): i is string => typeof i === 'string');

async function room() {
  const app = buildApp();
  const commands = app.container.get(CommandDispatcher);
  await commands.handleText(app.ctx('alice'), 'declare Checkout errors');
  await app.flush();
  const where = (await app.store.repositories.incidents.findByNumber('default', 1))!.roomOn('console', 'local')!;
  return { app, say: (who: string, line: string) => commands.handleText(app.ctx(who, where), line) };
}

describe('what people read in answers', () => {
  it('names roles with the same words in help and in errors, from the role catalogue', async () => {
    const { say } = await room();
    const helpWords = /Give a role \(([^)]+)\)/.exec(shown(helpView('assign')))![1].split(', ');
    expect(helpWords).to.deep.equal(['commander', 'comms', 'ops', 'scribe', 'sme']);
    const refused = await say('alice', 'assign captain @bob');
    const errorWords = codes(refused).filter((c) => !c.includes(' '));
    expect(errorWords).to.deep.equal(helpWords);
    expect(shown(refused.view)).not.to.match(/\bic\b|\bnotes\b|\bexpert\b/);
  });

  it('accepts a severity by the label the card shows', async () => {
    const { say } = await room();
    expect(shown((await say('alice', 'sev critical')).view)).to.match(/INC-1 is now SEV1/);
    expect(shown((await say('alice', 'sev Major')).view)).to.match(/INC-1 is now SEV2/);
  });

  it('shows code as code, never as backticks in plain text, in errors and notices', async () => {
    const { app, say } = await room();
    for (const line of ['sev SEV9', 'sev', 'mitigate', 'resolve', 'frobnicate', 'assign captain @bob']) {
      const reply = await say('alice', line);
      for (const part of plainStrings(reply.view)) expect(part, `${line}: ${part}`).not.to.include('`');
      expect(reply.view!.fallback, `fallback of ${line}`).not.to.include('`');
    }
    await app.flush();
    for (const post of app.gateway.posts) for (const part of plainStrings(post.view)) expect(part).not.to.include('`');
  });

  it('points to help after a mistyped command, not after a refusal', async () => {
    const { say } = await room();
    const helpLine = (reply: CommandReply) => shown(reply.view).includes('/incident help for all commands');
    expect(helpLine(await say('alice', 'frobnicate'))).to.equal(true);
    expect(helpLine(await say('alice', 'sev'))).to.equal(true);
    const refused = await say('mallory', 'resolve');
    expect(shown(refused.view)).to.match(/Only the Incident Commander/);
    expect(helpLine(refused), 'a permission refusal already says what to do').to.equal(false);
    await say('alice', 'resolve');
    expect(helpLine(await say('alice', 'mitigate')), 'nor an impossible move').to.equal(false);
  });

  it('shows every role of the catalogue on the card, vacant ones as vacant and every SME', async () => {
    const { say } = await room();
    await say('alice', 'assign sme @bob');
    await say('alice', 'assign sme @carol');
    const card = (await say('alice', 'status')).view!;
    const fields = card.blocks.flatMap((b) => (b.type === 'fields' ? b.fields : [])).map((f) => [f.label, textOf(f.value)]);
    expect(fields).to.deep.include.members([
      ['Incident Commander', '@alice'], ['Communications Lead', 'vacant'], ['Operations Lead', 'vacant'],
      ['Scribe', 'vacant'], ['Subject-Matter Experts', '@bob, @carol'],
    ]);
  });

  it('labels drafts by who wrote them, in the postmortem and on the approval card', async () => {
    const { app, say } = await room();
    await say('alice', 'update internal');
    await app.flush();
    const approval = app.gateway.posts.map((p) => shown(p.view)).find((t) => t.includes('Needs approval'))!;
    expect(approval).to.match(/Draft from the timeline \(no AI\), asked for by @alice/);
    await say('alice', 'resolve');
    await app.flush();
    const pm = await say('alice', 'postmortem');
    expect(pm.document!.markdown).to.include('**draft from the timeline**');
    expect(pm.document!.markdown).not.to.match(/\*\*ai draft\*\*|AI draft\)_/);
    expect(shown(pm.view)).to.include('Summary (draft from the timeline)');
  });
});
