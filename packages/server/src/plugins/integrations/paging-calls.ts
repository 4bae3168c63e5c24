import { outboxMessage } from '@muster/core';
import type { PagingPort, PageRequest, PageResult, PluginPerson } from '@muster/plugin-sdk';
import { chatPeopleOf, MAX_INVITED } from './chat-people-by-email';
import type { CallContext } from './integration-call-context';
import { bounded, dedupKeyOf, statusKeys, targetName } from './integration-call';
import { checkedRef, linkOf, refOfStatus } from './remote-answers';
import { findService } from './service-lookup';

/** `page`: the on-call of a service (or one person), then the paged people found in chat are invited to the rooms. */
export async function page(ctx: CallContext<PagingPort>): Promise<void> {
  const target = ctx.call.target;
  if (!target) return;
  const name = targetName(target);
  const request: PageRequest = {
    incident: ctx.plain,
    target: target.kind === 'service'
      ? { kind: 'service', name: target.name, ...await serviceOf(ctx, target.name) }
      : { kind: 'person', person: target.person },
    dedupKey: dedupKeyOf(ctx.incident.id, name),
    urgency: ctx.call.urgency ?? 'high',
  };
  const result = await ctx.remote('main', (o) => ctx.port.page(request, o), checkedPage);
  const current = await ctx.fresh();
  const invited = await chatPeopleOf(result.paged, current, ctx.deps.directories, ctx.deps.logger);
  const names = result.paged.map((p) => p.name ?? p.email ?? p.id);
  await ctx.record(statusKeys.page(ctx.pluginId, name), 'page', {
    state: result.acknowledged ? 'acknowledged' : 'done',
    ...(result.ref && { remoteId: result.ref.id }),
    ...(result.ref && linkOf(result.ref, `${ctx.provider} page`) && { link: linkOf(result.ref, `${ctx.provider} page`) }),
    detail: names.length ? `paged ${names.join(', ')}` : `paged the on-call of ${name}`,
  }, async (tx, now) => {
    // Keyed by the rooms as they are: a room opened later gets its own invitation (the call runs again then).
    const rooms = current.snapshot().links.rooms.map((r) => r.conversationId).join(',');
    if (invited.length) await tx.outbox.enqueue([outboxMessage('room.invite', { incidentId: ctx.incident.id, people: invited }, bounded(`${ctx.call.callKey}:invite:${rooms}`, 230), now)]);
  });
}

/** `resolve_pages`: Muster's incident resolved; every page this plugin made for it is resolved at the vendor. */
export async function resolvePages(ctx: CallContext<PagingPort>): Promise<void> {
  const prefix = statusKeys.page(ctx.pluginId, '');
  for (const status of ctx.incident.integrations) {
    if (!status.key.startsWith(prefix) || !['done', 'acknowledged'].includes(status.state)) continue;
    const target = status.key.slice(prefix.length);
    const ref = refOfStatus(status);
    await ctx.remote(`resolve:${target}`, async (o) => {
      await ctx.port.resolve({ incident: ctx.plain, dedupKey: dedupKeyOf(ctx.incident.id, target), ...(ref && { ref }) }, o);
      return { resolved: true };
    }, (v) => v);
    await ctx.record(status.key, 'page', { state: 'resolved', ...(status.link && { link: status.link }), ...(status.remoteId && { remoteId: status.remoteId }), ...(status.detail && { detail: status.detail }) });
  }
}

async function serviceOf(ctx: CallContext, name: string) {
  const service = await findService(ctx.deps.repos.services, ctx.incident.tenantId, name);
  return service ? { service } : {};
}

/** A PageResult as stored: who (bounded), the remote ref when there is one. */
function checkedPage(value: unknown): PageResult {
  const result = value as Partial<PageResult> | undefined;
  if (!result || typeof result !== 'object' || !Array.isArray(result.paged)) throw new TypeError('page answered no list of paged people');
  const paged: PluginPerson[] = result.paged.slice(0, MAX_INVITED).filter((p): p is PluginPerson => !!p && typeof p.id === 'string').map((p) => ({
    platform: String(p.platform).slice(0, 40), id: p.id.slice(0, 200),
    ...(typeof p.name === 'string' && { name: p.name.slice(0, 100) }), ...(typeof p.email === 'string' && { email: p.email.slice(0, 254) }),
  }));
  return { paged, ...(result.ref !== undefined && { ref: checkedRef(result.ref, 'page') }), ...(result.acknowledged === true && { acknowledged: true }) };
}
