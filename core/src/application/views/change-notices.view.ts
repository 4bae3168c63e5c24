import { durationsOf, formatDuration } from '../../domain/durations';
import type { Incident } from '../../domain/incident';
import type { PersonRef } from '../../domain/person';
import { noticeView } from './notice.view';
import type { Inline, View } from './view';

const STATUS_WORDS: Record<string, string> = {
  investigating: 'acknowledged and under investigation', mitigated: 'mitigated', resolved: 'resolved',
  postmortem: 'in postmortem', closed: 'closed', declined: 'declined as a false alarm', triage: 'in triage',
};

/**
 * Said in the room after a status change, with the duration that change completes. `command` is the
 * word that was typed: going back to investigating is an acknowledgement only from triage, and a
 * reopen must say so rather than claim the incident was just acknowledged. `prefix` is the reader's
 * platform's, for the plain fallback.
 */
export function statusNotice(incident: Incident, by: PersonRef, command?: string, prefix?: string): View {
  const s = incident.snapshot();
  const d = durationsOf(s.milestones);
  const reopened = s.status === 'investigating' && (command === 'reopen' || (command === undefined && !acknowledgedJustNow(incident)));
  const what = reopened ? 'reopened and back under investigation' : STATUS_WORDS[s.status] ?? s.status;
  const took: Inline[] = s.status === 'resolved'
    ? [` Time to resolve: ${formatDuration(d.timeToResolve)}. A postmortem draft is on its way; see it with `, { command: 'postmortem' }, '.']
    : s.status === 'mitigated' && s.milestones.mitigated?.getTime() === s.updatedAt.getTime() ? [` Time to mitigate: ${formatDuration(d.timeToMitigate)}.`]
      : s.status === 'mitigated' ? [' Time to mitigate still counts the first mitigation; this one is on the timeline.']
        : s.status === 'investigating' && !reopened && d.timeToAcknowledge !== undefined ? [` Time to acknowledge: ${formatDuration(d.timeToAcknowledge)}.`] : [];
  return noticeView([{ bold: incident.reference }, ` is ${reopened ? '' : 'now '}${what} (by `, { mention: by }, ').', ...took], s.status === 'resolved' ? 'success' : 'normal', prefix);
}

/** Entering investigating from triage stamps the acknowledgement at that moment; a reopen does not. */
const acknowledgedJustNow = (incident: Incident): boolean => {
  const s = incident.snapshot();
  return s.milestones.acknowledged?.getTime() === s.updatedAt.getTime();
};

export function severityNotice(incident: Incident, by: PersonRef): View {
  return noticeView([{ bold: incident.reference }, ` is now ${incident.severity} (set by `, { mention: by }, ').'], 'warning');
}

export function roleNotice(incident: Incident, roleLabel: string, person: PersonRef, by: PersonRef): View {
  return noticeView([{ mention: person }, ` is now ${roleLabel} on `, { bold: incident.reference }, ' (assigned by ', { mention: by }, ').']);
}
