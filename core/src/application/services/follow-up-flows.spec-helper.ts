import { CommandDispatcher } from '../commands/command-dispatcher';
import type { CommandReply, FormReply } from '../commands/command-reply';
import { InteractionRouter } from '../commands/interaction-router';
import { buildApp } from '../container/app-harness.spec-helper';
import type { MusterSettings } from '../container/settings';
import { textOf, type Block, type View } from '../views/view';

/** Everything a person reads in a view, list items and fields included. */
export const viewText = (view: View | undefined): string =>
  (view?.blocks ?? []).map((b) => (b.type === 'text' || b.type === 'context' ? textOf(b.text) : b.type === 'header' ? b.text
    : b.type === 'list' ? b.items.map(textOf).join('\n') : b.type === 'fields' ? b.fields.map((f) => `${f.label}: ${textOf(f.value)}`).join('\n') : '')).join('\n');

export const replyText = (r: CommandReply | FormReply): string =>
  'kind' in r ? (r.kind === 'done' ? viewText(r.reply.view) : Object.values(r.errors).join('\n')) : viewText(r.view);

export const buttonsOf = (view: View | undefined) =>
  (view?.blocks ?? []).flatMap((b: Block) => (b.type === 'actions' ? b.buttons : []));

/** The real core application with one public incident declared by alice, and its room. */
export async function withIncident(settings?: MusterSettings, title = 'Checkout errors') {
  const app = buildApp(settings);
  const commands = app.container.get(CommandDispatcher);
  const router = app.container.get(InteractionRouter);
  await commands.handleText(app.ctx('alice'), `declare "${title}" --sev SEV2 --service checkout`);
  await app.flush();
  const incident = (await app.store.repositories.incidents.findByNumber('default', 1))!;
  const room = incident.roomOn('console', 'local')!;
  const say = (who: string, text: string) => commands.handleText(app.ctx(who, room), text);
  return { app, commands, router, incident, room, say };
}
