import { formatDuration, type IncidentStatus, type SummaryRequest } from '@muster/core';
import type { Redactor } from '../redaction/redact';
import { capitalise, clockTime, factLine, paragraphs, quoteLine, section, sentence, spansDays } from './text-format';
import { pickSalient } from './pick-lines';
import type { TimelineFacts } from './timeline-facts';

/** Internal register: impact, status, what changed since the last update, who leads. */
export function renderInternalUpdate(request: SummaryRequest, facts: TimelineFacts, redactor: Redactor, now: Date): string {
  const i = request.incident;
  const withDate = spansDays([...facts.milestones.map(([, at]) => at), now]);
  const since = facts.lastUpdatePublishedAt;
  const recent = <T extends { at: Date }>(items: readonly T[]) => (since ? items.filter((x) => x.at > since) : items);
  const changes = [
    ...recent(facts.severityChanges).map((c) => ({ at: c.at, text: `• ${clockTime(c.at, withDate)} Severity ${c.from ? `${c.from} → ` : ''}${c.to}` })),
    ...recent(facts.statusChanges).map((c) => ({ at: c.at, text: `• ${clockTime(c.at, withDate)} ${capitalise(c.to)}` })),
    ...pickSalient(recent(facts.conversation), { profile: 'overview', maxLines: 5, maxChars: 900, render: (l) => factLine(l, redactor, withDate) })
      .map((l) => ({ at: l.at, text: factLine(l, redactor, withDate) })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime()).map((c) => c.text);
  const commander = facts.roleHolders.filter((r) => /commander/i.test(r.role)).map((r) => r.name)[0];
  const started = i.milestones.detected ?? i.milestones.declared;
  return paragraphs(
    `${facts.reference} update: ${capitalise(i.status)} (${i.severity})\n${quoteLine(i.title, redactor)}`,
    [
      i.summary ? `Impact: ${sentence(quoteLine(i.summary, redactor, 400))}` : '',
      i.services.length ? `Affected services: ${i.services.map((s) => quoteLine(s, redactor, 60)).join(', ')}.` : '',
      started ? `Detected ${clockTime(started, withDate)}; ${i.milestones.resolved ? `resolved after ${formatDuration(i.milestones.resolved.getTime() - started.getTime())}` : `ongoing for ${formatDuration(now.getTime() - started.getTime())}`}.` : '',
      commander ? `Incident Commander: ${commander}.` : '',
    ].filter(Boolean).join('\n'),
    section(since ? 'Since the last update' : 'Key events', changes.slice(-8)),
    section('Latest note', facts.notes.slice(-1).map((n) => factLine(n, redactor, withDate))),
  );
}

/**
 * External register, built from status, severity and milestones only: no title, services, names or
 * chat, because any of them may carry internal names a customer must not see. A person edits this
 * draft before approving it anyway; it must be safe to approve as is.
 */
export function renderExternalUpdate(request: SummaryRequest, now: Date): string {
  const i = request.incident;
  const m = i.milestones;
  const started = m.detected ?? m.declared;
  const withDate = spansDays([started, m.resolved, now]);
  const t = (at: Date) => clockTime(at, withDate);
  const impact = impactPhrase(i.severity);
  const body = EXTERNAL_STATUS[i.status](impact);
  const timing = [
    started ? `The issue began at about ${t(started)}.` : '',
    m.mitigated && !m.resolved ? `Recovery began at ${t(m.mitigated)}.` : '',
    m.resolved && started ? `It was resolved at ${t(m.resolved)} (duration ${formatDuration(m.resolved.getTime() - started.getTime())}).` : '',
  ].filter(Boolean).join(' ');
  return paragraphs(body, timing);
}

const EXTERNAL_STATUS: Readonly<Record<IncidentStatus, (impact: string) => string>> = {
  triage: (impact) => `We are looking into reports of ${impact}. We will share more as soon as we know more.`,
  investigating: (impact) => `We are investigating ${impact}. Our team is working to identify the cause and restore normal service. We will post another update as soon as we have more information.`,
  mitigated: (impact) => `We have applied a fix for ${impact} and are seeing recovery. We are monitoring closely and will confirm once the issue is fully resolved.`,
  resolved: () => 'This incident is resolved and our services are operating normally. We apologise for the disruption.',
  postmortem: () => 'This incident is resolved and our services are operating normally. We are reviewing what happened to keep it from happening again.',
  closed: () => 'This incident is resolved and our services are operating normally.',
  declined: () => 'After investigation we found no ongoing impact on our services. No action is needed on your side.',
};

/**
 * Severity ids are configurable; the default catalogue (and most installations) number them from
 * 1 = most severe, so the trailing digit is the best available signal without the catalogue.
 */
function impactPhrase(severity: string): string {
  const level = /(\d+)\s*$/.exec(severity)?.[1];
  if (level === '0' || level === '1') return 'an issue causing a major disruption to some of our services';
  if (level === '2') return 'an issue degrading some of our services';
  return 'an issue affecting some of our services';
}
