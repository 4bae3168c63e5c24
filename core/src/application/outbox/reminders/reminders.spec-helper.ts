import type { Incident } from '../../../domain/incident';
import type { PersonRef } from '../../../domain/person';
import { CommandDispatcher } from '../../commands/command-dispatcher';
import { InteractionRouter } from '../../commands/interaction-router';
import { buildApp } from '../../container/app-harness.spec-helper';
import { defaultSettings, DEFAULT_REMINDERS, type MusterSettings, type ReminderSettings } from '../../container/settings';
import { TOKENS } from '../../container/tokens';
import type { OutboxHandler } from '../outbox-handler';
import type { OutboxMessage } from '../../ports/outbox.port';
import { ACTIONS } from '../../views/action-ids';
import { draftVersionRef } from '../../views/status-update.view';
import { textOf, type View } from '../../views/view';

/** Only the reminders under test: the others switched off unless asked for. */
export const reminderSettings = (reminders: Partial<ReminderSettings>, more: Partial<MusterSettings> = {}): MusterSettings =>
  defaultSettings({ reminders: { ...DEFAULT_REMINDERS, ...reminders }, ...more });

/**
 * The core application with an incident declared by alice from the lobby, its room open, and the
 * clock in hand: `pass(minutes)` moves time and runs whatever fell due, as the server's pump would.
 */
export async function reminderScene(settings: MusterSettings, declare = 'declare "Checkout errors" --sev SEV1') {
  const app = buildApp(settings);
  const commands = app.container.get(CommandDispatcher);
  const router = app.container.get(InteractionRouter);
  await commands.handleText(app.ctx('alice'), declare);
  await app.flush();
  const reload = async (): Promise<Incident> => (await app.store.repositories.incidents.findByNumber('default', 1))!;
  const incident = await reload();
  const room = incident.roomOn('console', 'local')!;
  const say = async (who: string, text: string) => {
    const reply = await commands.handleText(app.ctx(who, room), text);
    await app.flush();
    return reply;
  };
  const pass = async (minutes: number) => {
    app.clock.advance(minutes);
    await app.flush();
  };
  /** Reminder posts of one kind (`update_due`, `commander_vacant`, `action_item_due`, `postmortem`), in order. */
  const reminders = (kind: string) => app.gateway.posts.filter((p) => p.key.startsWith(`reminder.${kind}:`));
  const timers = (kind: string) => [...app.store.database.outbox.values()].filter((r) => r.topic === `reminder.${kind}`);
  /** Runs a timer's handler again, as a redelivery after its lease ran out would. */
  const redeliver = async (kind: string) => {
    const handler = app.container.getAll<OutboxHandler>(TOKENS.OutboxHandler).find((h) => h.topic === `reminder.${kind}`)!;
    for (const row of timers(kind)) {
      const message: OutboxMessage = { id: row.id, topic: row.topic, payload: row.payload, idempotencyKey: row.idempotencyKey, attempts: 1, availableAt: row.availableAt, createdAt: row.createdAt };
      if (row.availableAt.getTime() <= app.clock.now().getTime()) await handler.handle(row.payload as never, message);
    }
  };
  const timelineReminders = async () => (await app.store.repositories.timeline.list(incident.id)).filter((e) => e.kind === 'reminder');
  /** Drafts an internal update in the room as alice (the commander) and approves it: it is published. */
  const publishUpdate = async () => {
    await say('alice', 'update internal');
    const draft = (await app.store.repositories.statusUpdates.listByIncident(incident.id)).find((u) => u.state === 'pending_approval')!;
    await router.handleAction(app.ctx('alice', room), ACTIONS.approveUpdate, draftVersionRef(draft));
    await app.flush();
  };
  return { app, commands, router, incident, room, say, pass, reminders, timers, redeliver, timelineReminders, publishUpdate, reload };
}

export const mentionsIn = (view: View): PersonRef[] =>
  view.blocks.flatMap((b) => (b.type === 'text' ? b.text.flatMap((i) => (typeof i === 'object' && 'mention' in i ? [i.mention] : [])) : []));

export const textIn = (view: View): string => view.blocks.map((b) => (b.type === 'text' ? textOf(b.text) : '')).join('\n');

export const buttonsIn = (view: View) => view.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : []));
