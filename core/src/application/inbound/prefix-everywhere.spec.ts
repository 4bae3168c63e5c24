import { expect } from 'chai';
import { buildApp } from '../container/app-harness.spec-helper';
import type { CommandReply } from '../commands/command-reply';
import { TOKENS } from '../container/tokens';
import { textFor, type Block, type View } from '../views/view';
import type { InboundPort } from './inbound.port';

/** Everything a Teams reader sees of a view: each block with the `@Muster` prefix, and the plain fallback. */
function readAsTeams(view: View): string {
  const rich = (b: Block): string => {
    if (b.type === 'text' || b.type === 'context') return textFor(b.text, '@Muster');
    if (b.type === 'list') return b.items.map((i) => textFor(i, '@Muster')).join('\n');
    if (b.type === 'fields') return b.fields.map((f) => `${f.label}: ${textFor(f.value, '@Muster')}`).join('\n');
    if (b.type === 'header') return b.text;
    return '';
  };
  return [view.fallback, ...view.blocks.map(rich)].join('\n');
}

const viewsOf = (reply: CommandReply): View[] => [reply.view, reply.form].filter((v): v is View => !!v);

describe('the invocation prefix in every message', () => {
  it('writes every command a Teams user is told to type as @Muster, in replies and in what the outbox posts', async () => {
    const app = buildApp(undefined, { prefix: '@Muster' });
    const inbound = app.container.get<InboundPort>(TOKENS.InboundPort);
    const seen: View[] = [];
    const say = async (text: string, where = app.lobby) => {
      const reply = await inbound.command(app.ctx('alice', where), text);
      seen.push(...viewsOf(reply));
      await app.flush();
      return reply;
    };
    await say('declare "Checkout errors" --sev SEV2');
    const incident = (await app.store.repositories.incidents.findByNumber('default', 1))!;
    const room = incident.roomOn('console', 'local')!;
    for (const text of [
      'help', 'help postmortem', 'help assign', 'status', 'list', 'list all', 'actions', 'ack', 'note', 'note Rolled back', 'reslove', 'sev', 'assign',
      'action Add a canary stage', 'actions', 'resolve', 'postmortem', 'postmortem start', 'postmortem', 'postmortem done', 'timeline', 'bogus words',
    ]) await say(text, room);
    await say('status');
    await say('list --sev SEV1');
    seen.push(...app.gateway.posts.map((p) => p.view));

    const everything = seen.map(readAsTeams).join('\n');
    expect(seen.length).to.be.greaterThan(25);
    expect(everything).to.include('@Muster postmortem done').and.include('@Muster help').and.include('@Muster postmortem');
    // `/incident` as a command, not the REST path /api/v1/incidents/… the postmortem view names.
    const slashCommand = /\/incident(?!s)/;
    expect(everything, 'not one /incident left for a Teams reader').to.not.match(slashCommand);
    expect(JSON.stringify(seen), 'views carry commands, not a prefix').to.not.match(slashCommand);
  });
});
