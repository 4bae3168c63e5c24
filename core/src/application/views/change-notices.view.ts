import { durationsOf, formatDuration } from '../../domain/durations';
import type { Incident } from '../../domain/incident';
import type { PersonRef } from '../../domain/person';
import { noticeView } from './notice.view';
import type { View } from './view';

const STATUS_WORDS: Record<string, string> = {
  investigating: 'acknowledged and under investigation', mitigated: 'mitigated', resolved: 'resolved',
  postmortem: 'in postmortem', closed: 'closed', declined: 'declined as a false alarm', triage: 'in triage',
};

/** Said in the room after a status change, with the duration that change completes. */
export function statusNotice(incident: Incident, by: PersonRef): View {
  const s = incident.snapshot();
  const d = durationsOf(s.milestones);
  const took = s.status === 'resolved' ? ` Time to resolve: ${formatDuration(d.timeToResolve)}. A postmortem draft is on its way; see it with \`/incident postmortem\`.`
    : s.status === 'mitigated' ? ` Time to mitigate: ${formatDuration(d.timeToMitigate)}.`
      : s.status === 'investigating' && d.timeToAcknowledge !== undefined && !s.milestones.resolved ? ` Time to acknowledge: ${formatDuration(d.timeToAcknowledge)}.` : '';
  return noticeView([{ bold: incident.reference }, ` is now ${STATUS_WORDS[s.status] ?? s.status} (by `, { mention: by }, `).${took}`], s.status === 'resolved' ? 'success' : 'normal');
}

export function severityNotice(incident: Incident, by: PersonRef): View {
  return noticeView([{ bold: incident.reference }, ` is now ${incident.severity} (set by `, { mention: by }, ').'], 'warning');
}

export function roleNotice(incident: Incident, roleLabel: string, person: PersonRef, by: PersonRef): View {
  return noticeView([{ mention: person }, ` is now ${roleLabel} on `, { bold: incident.reference }, ' (assigned by ', { mention: by }, ').']);
}
