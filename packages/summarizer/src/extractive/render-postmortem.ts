import { formatDuration, NARRATIVE_SECTIONS, type NarrativeSectionKey, type SummaryRequest } from '@muster/core';
import type { Redactor } from '../redaction/redact';
import { clockTime, factLine, quoteLine, sentence, spansDays } from './text-format';
import { pickSalient } from './pick-lines';
import type { TimelineFacts } from './timeline-facts';

/**
 * Postmortem sections from the record alone. Where only judgement could fill a section (causes),
 * it lists the evidence a reviewer should start from and says so, rather than pretending to know.
 */
export function renderPostmortemSections(request: SummaryRequest, facts: TimelineFacts, redactor: Redactor): Record<NarrativeSectionKey, string> {
  const i = request.incident;
  const d = request.durations;
  const m = i.milestones;
  const withDate = spansDays(facts.milestones.map(([, at]) => at));
  const t = (at: Date) => clockTime(at, withDate);
  const started = m.detected ?? m.declared;
  const ended = m.resolved ?? m.mitigated;
  const lines = (xs: readonly string[], none: string) => (xs.length ? xs.join('\n') : none);

  // From what people saw and said, never from Muster's own entries: a published update repeats
  // what someone already wrote, in words chosen for stakeholders, and is no evidence of a cause.
  const quote = (l: { at: Date; who?: string; text: string }) => factLine(l, redactor, withDate);
  const evidence = pickSalient(facts.conversation, { profile: 'causes', maxLines: 8, maxChars: 1600, render: quote }).map(quote);
  const contributing = evidence.length
    ? `To be established in the review. What responders saw and said:\n${evidence.join('\n')}`
    : 'To be established in the review; nobody reported symptoms or causes in the conversation.';
  const response = pickSalient(facts.conversation, { profile: 'response', maxLines: 6, maxChars: 1200, render: quote }).map(quote);

  const summary = [
    `${facts.reference} (${i.severity}): ${sentence(quoteLine(i.title, redactor))}`,
    i.summary ? sentence(quoteLine(i.summary, redactor, 600)) : '',
    [started && `Detected ${t(started)}`, m.declared && `declared ${t(m.declared)}`, m.mitigated && `mitigated ${t(m.mitigated)}`, m.resolved && `resolved ${t(m.resolved)}`]
      .filter(Boolean).join(', ') + '.',
    facts.reopened ? 'The incident was reopened after a first resolution.' : '',
  ].filter((s) => s && s !== '.').join(' ') + (response.length ? `\n\nWhat the responders did:\n${response.join('\n')}` : '');

  const impact = [
    i.services.length ? `Affected services: ${i.services.map((s) => quoteLine(s, redactor, 60)).join(', ')}.` : 'Affected services were not recorded.',
    started && ended ? `Impact lasted about ${formatDuration(ended.getTime() - started.getTime())} (until ${m.resolved ? 'resolution' : 'mitigation'}).` : '',
    facts.severityChanges.length ? `Severity changed ${facts.severityChanges.map((c) => `${c.from ? `${c.from} → ` : ''}${c.to}`).join(', ')}; it ended at ${i.severity}.` : `Severity: ${i.severity}.`,
  ].filter(Boolean).join(' ');


  const wentWell = [
    d.timeToAcknowledge !== undefined ? `• Acknowledged ${formatDuration(d.timeToAcknowledge)} after detection.` : '',
    d.timeToMitigate !== undefined ? `• Mitigated ${formatDuration(d.timeToMitigate)} after detection.` : '',
    facts.roleHolders.some((r) => /commander/i.test(r.role)) ? '• An Incident Commander was assigned.' : '',
  ].filter(Boolean);

  const wentBadly = [
    d.declarationDelay ? `• The incident was declared ${formatDuration(d.declarationDelay)} after detection.` : '',
    facts.reopened ? '• The first resolution did not hold; the incident was reopened.' : '',
    facts.severityChanges.length ? `• Severity was revised ${facts.severityChanges.length === 1 ? 'once' : `${facts.severityChanges.length} times`} during the response.` : '',
    !facts.roleHolders.length ? '• No roles were assigned.' : '',
  ].filter(Boolean);

  const actions = facts.openActions.map((a) => `• ${quoteLine(a.text, redactor, 200)}${a.owner ? ` (owner: ${a.owner})` : ''}`);

  return {
    summary,
    impact,
    contributing_factors: contributing,
    went_well: lines(wentWell, 'Nothing recorded; add what helped the response.'),
    went_badly: lines(wentBadly, 'Nothing recorded; add what slowed the response.'),
    suggested_actions: lines(actions, 'No open action items were recorded on the timeline.'),
  };
}

/** The sections as one text, titled in the postmortem's own order. */
export function joinSections(sections: Partial<Record<NarrativeSectionKey, string>>): string {
  return NARRATIVE_SECTIONS.filter((s) => sections[s.key]?.trim()).map((s) => `${s.title}\n${sections[s.key]!.trim()}`).join('\n\n');
}
