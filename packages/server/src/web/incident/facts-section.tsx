import { durationTexts, MILESTONES, TOKENS, type Clock } from '@muster/core';
import { When } from '../when';
import { ExternalLink } from './change-form';
import type { IncidentSection } from './incident-section';

const MILESTONE_LABELS = { detected: 'Detected', declared: 'Declared', acknowledged: 'Acknowledged', mitigated: 'Mitigated', resolved: 'Resolved', closed: 'Closed' } as const;
const LINK_LABELS: Record<string, string> = { ticket: 'Ticket', call: 'Call', status_page: 'Status page', runbook: 'Runbook', dashboard: 'Dashboard' };

/** The card's facts: status, severity, services, privacy, milestones with durations, and where things are. */
export const factsSection: IncidentSection = {
  id: 'facts',
  async render({ incident, deps }) {
    const s = incident.snapshot();
    const now = deps.container.get<Clock>(TOKENS.Clock).now();
    const d = durationTexts(s.milestones, s.status);
    return (
      <section class="panel" aria-labelledby="facts-h">
        <h2 id="facts-h">Facts</h2>
        <dl class="facts">
          <div><dt>Status</dt><dd>{s.status}</dd></div>
          <div><dt>Severity</dt><dd><span class={`badge sev-${s.severity}`}>{s.severity}</span></dd></div>
          <div><dt>Services</dt><dd>{s.services.join(', ') || 'none named'}</dd></div>
          <div><dt>Visibility</dt><dd>{s.private ? 'Private: participants and admins only' : 'Visible to everyone in the organization'}</dd></div>
          {MILESTONES.filter((m) => s.milestones[m]).map((m) => <div><dt>{MILESTONE_LABELS[m]}</dt><dd><When at={s.milestones[m]} now={now} /></dd></div>)}
          <div><dt>Time to acknowledge</dt><dd>{d.acknowledge}</dd></div>
          <div><dt>Time to mitigate</dt><dd>{d.mitigate}</dd></div>
          <div><dt>Time to resolve</dt><dd>{d.resolve}</dd></div>
        </dl>
        {s.summary && <p>{s.summary}</p>}
        <h3>Links</h3>
        <ul>
          {s.links.rooms.map((room) => (
            <li>Room on {room.platform}: {room.url ? <ExternalLink url={room.url}>{room.name ?? room.conversationId}</ExternalLink> : (room.name ?? room.conversationId)}</li>
          ))}
          {s.links.external.map((link) => <li>{LINK_LABELS[link.kind] ?? link.kind}: <ExternalLink url={link.url}>{link.title}</ExternalLink></li>)}
          {s.links.rooms.length === 0 && s.links.external.length === 0 && <li class="muted">No room or links yet.</li>}
        </ul>
      </section>
    );
  },
};
