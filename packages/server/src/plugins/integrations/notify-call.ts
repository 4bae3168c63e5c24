import type { NotifierPort } from '@muster/plugin-sdk';
import type { CallContext } from './integration-call-context';

/** `notify`: one incident event to a notifier; a published update's is sent only when the stored update is one. */
export async function notify(ctx: CallContext<NotifierPort>): Promise<void> {
  const event = ctx.call.event;
  if (!event) return;
  if (event.type === 'update.published') {
    const update = ctx.call.updateId ? await ctx.deps.repos.statusUpdates.findById(ctx.call.updateId) : undefined;
    if (update?.state !== 'published' || update.incidentId !== ctx.incident.id) return;
  }
  await ctx.remote('main', async (o) => {
    await ctx.port.notify({ type: event.type, id: event.id, occurredAt: event.occurredAt, incident: ctx.plain, detail: event.detail }, o);
    return { sent: true };
  }, (v) => v);
}
