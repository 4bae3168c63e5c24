import { formatDuration } from '../../domain/durations';
import type { ChatPlatform } from '../../domain/person';
import type { IncidentListPage, IncidentListQuery } from '../services/list-incidents';
import type { Inline, RichText, View } from './view';

/**
 * `list`: reference, severity, status, title, age and room of each incident the requester may see.
 * `more` counts only incidents they may see, so nothing private is hinted at.
 */
export function incidentListView(page: IncidentListPage, query: IncidentListQuery, now: Date, platform?: ChatPlatform, workspaceId?: string): View {
  const what = `${query.scope === 'all' ? 'All' : 'Open'} incidents${describe(query)}`;
  const items = page.incidents.map((i): RichText => {
    const s = i.snapshot();
    const room = platform ? i.roomOn(platform, workspaceId) : undefined;
    const where: Inline[] = room ? [' · ', room.url ? { link: { url: room.url, text: room.name ?? 'room' } } : (room.name ?? 'room')] : [];
    const age = formatDuration(now.getTime() - (s.milestones.declared ?? now).getTime());
    return [{ bold: i.reference }, ` · ${i.severity} · ${i.status} · `, i.title, ` · ${age} ago`, ...(i.isPrivate ? [' · 🔒'] : []), ...where];
  });
  if (items.length === 0) {
    const hint = query.scope === 'open' ? ['Nothing open that you can see. ', { command: 'list all' }, ' includes closed ones.'] : ['No incidents that you can see match.'];
    return { fallback: `${what}: none`, blocks: [{ type: 'header', text: what }, { type: 'text', text: hint, tone: 'muted' }] };
  }
  return {
    fallback: `${what}: ${page.incidents.length + page.more}`,
    blocks: [
      { type: 'header', text: what },
      { type: 'list', items },
      ...(page.more ? [{ type: 'context' as const, text: [`and ${page.more} more. Narrow it with `, { code: '--sev' }, ', ', { code: '--service' }, ' or ', { code: '--mine' }, '.'] }] : []),
    ],
  };
}

function describe(q: IncidentListQuery): string {
  const parts = [q.severity, q.service && `service ${q.service}`, q.mine && 'yours'].filter(Boolean);
  return parts.length ? ` (${parts.join(', ')})` : '';
}
