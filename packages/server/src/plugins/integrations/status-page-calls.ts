import type { StatusPagePort } from '@muster/plugin-sdk';
import type { CallContext } from './integration-call-context';
import { statusKeys } from './integration-call';
import { checkedRef, linkOf, refOfStatus } from './remote-answers';

/**
 * `publish_status_page`: an approved external update to the public page. The stored update is read
 * again: only an external one, of this incident, that Muster published goes out — never a draft or a
 * rejected one, whatever the message says. The second update adds to the public incident the first made.
 */
export async function publishStatusPage(ctx: CallContext<StatusPagePort>): Promise<void> {
  const update = ctx.call.updateId ? await ctx.deps.repos.statusUpdates.findById(ctx.call.updateId) : undefined;
  if (update?.state !== 'published' || update.incidentId !== ctx.incident.id || update.audience !== 'external') {
    ctx.deps.logger.warn('status page call skipped: the update is not a published external update of this incident', { plugin: ctx.pluginId });
    return;
  }
  // Made private after the update was approved: the public page must not hear of it.
  if (ctx.incident.isPrivate) {
    ctx.deps.logger.warn('status page call skipped: the incident is private', { plugin: ctx.pluginId });
    return;
  }
  const key = statusKeys.statusPage(ctx.pluginId);
  const before = ctx.incident.integration(key);
  const earlier = before && refOfStatus(before);
  const ref = await ctx.remote('main', (o) => ctx.port.publish(ctx.plain, { id: update.id, body: update.body }, earlier, o), (v) => checkedRef(v, 'publish'));
  const link = linkOf(ref, `${ctx.provider} incident`);
  await ctx.record(key, 'status_page', { state: 'done', remoteId: ref.id, ...(link && { link }), detail: ref.title ?? 'published' });
}

/** `resolve_status_page`: Muster's incident resolved; the public incident too, when there is one. */
export async function resolveStatusPage(ctx: CallContext<StatusPagePort>): Promise<void> {
  const key = statusKeys.statusPage(ctx.pluginId);
  const status = ctx.incident.integration(key);
  const ref = status && refOfStatus(status);
  if (!status || !ref) return;
  await ctx.remote('main', async (o) => { await ctx.port.resolve(ctx.plain, ref, o); return { resolved: true }; }, (v) => v);
  await ctx.record(key, 'status_page', { state: 'resolved', remoteId: ref.id, ...(status.link && { link: status.link }), detail: 'resolved' });
}
