import { effectOnce, effectStep, type Block, type ConversationRef, type Incident, type Link, type View } from '@muster/core';
import type { ConferencePort, Runbook, RunbooksPort } from '@muster/plugin-sdk';
import type { CallContext } from './integration-call-context';
import { statusKeys } from './integration-call';
import { checkedRef, linkOf, refOfStatus, safeUrl } from './remote-answers';
import { findService } from './service-lookup';

/** `post_runbook`: the service's runbook in each room of the incident (once per room), bookmarked, and on the card. */
export async function postRunbook(ctx: CallContext<RunbooksPort>): Promise<void> {
  const name = ctx.call.service;
  if (!name) return;
  const service = await findService(ctx.deps.repos.services, ctx.incident.tenantId, name);
  const runbook = await ctx.remote('main', async () => (await ctx.port.runbookFor({ name, ...(service && { service }) })) ?? null, checkedRunbook);
  if (!runbook) return;
  const url = safeUrl(runbook.url);
  await eachRoom(ctx, await ctx.fresh(), async (room, gateway, roomKey) => {
    await effectStep(ctx.deps.repos.outbox, ctx.effectKey(`post:${roomKey}`), async (uncertainSince) => ({
      ...await gateway.post(room, runbookView(runbook, url), { idempotencyKey: `${ctx.call.callKey}:${roomKey}`, ...(uncertainSince && { uncertainSince }) }),
    }));
    if (url) await effectOnce(ctx.deps.repos.outbox, ctx.effectKey(`bookmark:${roomKey}`), () => gateway.bookmark(room, { title: runbook.title, url }));
  });
  await ctx.record(statusKeys.runbook(name), 'runbook', { state: 'done', ...(url && { link: { url, title: runbook.title } }), detail: runbook.title });
}

/** `start_conference`: the bridge, on the card and bookmarked in each room. */
export async function startConference(ctx: CallContext<ConferencePort>): Promise<void> {
  const ref = await ctx.remote('main', (o) => ctx.port.start(ctx.plain, o), (v) => checkedRef(v, 'start'));
  const link = linkOf(ref, `Join the ${ctx.provider} call`);
  if (link) await bookmarkEverywhere(ctx, await ctx.fresh(), link);
  await ctx.record(statusKeys.conference(ctx.pluginId), 'conference', { state: 'done', remoteId: ref.id, ...(link && { link }), detail: ref.title ?? 'bridge open' });
}

/** `end_conference`: Muster's incident resolved; the plugin ends the meeting (or leaves it, per its config). */
export async function endConference(ctx: CallContext<ConferencePort>): Promise<void> {
  const key = statusKeys.conference(ctx.pluginId);
  const status = ctx.incident.integration(key);
  const ref = status && refOfStatus(status);
  const end = ctx.port.end?.bind(ctx.port);
  if (!status || !ref || !end) return;
  await ctx.remote('main', async (o) => { await end(ref, ctx.plain, o); return { ended: true }; }, (v) => v);
  await ctx.record(key, 'conference', { state: 'resolved', remoteId: ref.id, ...(status.link && { link: status.link }), detail: 'ended' });
}

async function bookmarkEverywhere(ctx: CallContext, incident: Incident, link: Link): Promise<void> {
  await eachRoom(ctx, incident, (room, gateway, roomKey) => effectOnce(ctx.deps.repos.outbox, ctx.effectKey(`bookmark:${roomKey}`), () => gateway.bookmark(room, link)));
}

type Gateway = NonNullable<ReturnType<NonNullable<ReturnType<CallContext['deps']['gateways']>>['get']>>;

/** In each room of the incident as given (fresh after a remote call: a room opened meanwhile is included). */
async function eachRoom(ctx: CallContext, incident: Incident, work: (room: ConversationRef, gateway: Gateway, roomKey: string) => Promise<void>): Promise<void> {
  const gateways = ctx.deps.gateways();
  for (const room of incident.snapshot().links.rooms) {
    const gateway = gateways?.get(room.platform);
    if (gateway) await work(room, gateway, `${room.platform}:${room.workspaceId}:${room.conversationId}`);
  }
}

function runbookView(runbook: Runbook, url: string | undefined): View {
  const blocks: Block[] = [{ type: 'header', text: `Runbook: ${runbook.title}` }];
  // The renderer escapes the text: a runbook's Markdown is shown as it is written, never as markup that pings.
  if (runbook.markdown) blocks.push({ type: 'text', text: [runbook.markdown] });
  if (url) blocks.push({ type: 'text', text: [{ link: { url, text: 'Open the full runbook' } }] });
  return { fallback: `Runbook: ${runbook.title}${url ? ` ${url}` : ''}`, blocks };
}

/** A Runbook as stored: bounded title and text; null when the service has none. */
function checkedRunbook(value: unknown): Runbook | null {
  if (value === null || value === undefined) return null;
  const runbook = value as Partial<Runbook>;
  if (typeof runbook !== 'object' || typeof runbook.title !== 'string' || !runbook.title.trim()) throw new TypeError('runbookFor answered a runbook without a title');
  return {
    title: runbook.title.replace(/\s+/g, ' ').trim().slice(0, 200),
    ...(safeUrl(runbook.url) && { url: safeUrl(runbook.url) }),
    ...(typeof runbook.markdown === 'string' && runbook.markdown.trim() && { markdown: runbook.markdown.slice(0, 3000) }),
  };
}
