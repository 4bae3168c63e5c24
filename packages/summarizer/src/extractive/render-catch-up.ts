import { formatDuration, type SummaryRequest } from '@muster/core';
import type { Redactor } from '../redaction/redact';
import { capitalise, clockTime, factLine, fitByDroppingOldest, paragraphs, quoteLine, section, spansDays } from './text-format';
import { pickSalient } from './pick-lines';
import type { ConversationLine } from './salience';
import type { TimelineFacts } from './timeline-facts';

/** A Slack text block holds 3,000 characters; the catch-up is posted as one. */
export const CATCH_UP_LIMIT = 2900;

/** The conversation's share of "What happened": enough to read in a minute, leaving room for the rest. */
export const CATCH_UP_CONVERSATION = { maxLines: 10, maxChars: 1400 } as const;

/** For someone joining the room: what happened, where it stands, who does what, what is open. */
export function renderCatchUp(request: SummaryRequest, facts: TimelineFacts, redactor: Redactor, now: Date): string {
  const i = request.incident;
  const withDate = spansDays([...facts.milestones.map(([, at]) => at), now]);
  const t = (at: Date) => clockTime(at, withDate);

  const questions = facts.openQuestions.slice(-3);
  const render = (line: ConversationLine) => factLine(line, redactor, withDate).replace(/^• /, line.highlighted ? '• ⭐ ' : '• ');
  // Questions still open have their own section; the same line twice would waste the reader's minute.
  const shownAsQuestion = (line: ConversationLine) => questions.some((q) => q.at.getTime() === line.at.getTime() && q.text === line.text);
  const picked = pickSalient(facts.conversation, { profile: 'overview', ...CATCH_UP_CONVERSATION, render, exclude: shownAsQuestion });

  const happened = [
    ...facts.milestones.map(([m, at]) => ({ at, text: `• ${t(at)} ${capitalise(m)}` })),
    ...facts.severityChanges.map((c) => ({ at: c.at, text: `• ${t(c.at)} Severity ${c.from ? `${c.from} → ` : ''}${c.to}${c.who ? ` (${c.who})` : ''}` })),
    ...facts.statusChanges.map((c) => ({ at: c.at, text: `• ${t(c.at)} Status ${c.from ? `${c.from} → ` : ''}${c.to}${c.who ? ` (${c.who})` : ''}` })),
    ...picked.map((line) => ({ at: line.at, text: render(line) })),
  ]
    .sort((a, b) => a.at.getTime() - b.at.getTime())
    .map((l) => l.text);

  const started = i.milestones.detected ?? i.milestones.declared;
  const d = request.durations;
  const status = [
    `${capitalise(i.status)}${started ? `, ${i.milestones.resolved ? 'resolved after' : 'open for'} ${formatDuration((i.milestones.resolved ?? now).getTime() - started.getTime())}` : ''}.`,
    [d.timeToAcknowledge !== undefined && `Time to acknowledge ${formatDuration(d.timeToAcknowledge)}.`, d.timeToMitigate !== undefined && `Time to mitigate ${formatDuration(d.timeToMitigate)}.`].filter(Boolean).join(' '),
    i.services.length ? `Services: ${i.services.map((s) => quoteLine(s, redactor, 60)).join(', ')}.` : '',
  ].filter(Boolean).join('\n');

  const roles = facts.roleHolders.map((r) => `• ${r.role}: ${r.name}`);
  const tail = paragraphs(
    section('Current status', [status]),
    section('Who is doing what', roles.length ? roles : ['• No roles assigned yet.']),
    section('Latest notes', facts.notes.slice(-3).map((n) => factLine(n, redactor, withDate))),
    section('Open action items', facts.openActions.slice(0, 5).map((a) => `• ${quoteLine(a.text, redactor, 150)}${a.owner ? ` (owner: ${a.owner})` : ''}`)),
    section('Open questions', questions.map((q) => factLine(q, redactor, withDate))),
  );
  const head = [
    `${facts.reference} · ${i.severity} · ${capitalise(i.status)}${i.private ? ' · private' : ''}`,
    quoteLine(i.title, redactor, 200),
    i.summary ? quoteLine(i.summary, redactor, 400) : '',
  ].filter(Boolean).join('\n');
  return fitByDroppingOldest((list) => paragraphs(head, section('What happened', list), tail), happened, CATCH_UP_LIMIT);
}
