import type { ActionItem } from './action-item';
import type { PersonRef } from './person';
import { replaceMentions } from './person-mention';
import { durationTexts } from './durations';
import { displayName, type IncidentState } from './incident';
import { integrationHead } from './integration';
import { formatReference } from './incident';
import type { TimelineEntry } from './timeline';

export type PostmortemState = 'draft' | 'in_review' | 'published';

/** Narrative sections people (or the summarizer, as a draft) write; the facts are generated from the record. */
export const NARRATIVE_SECTIONS = [
  { key: 'summary', title: 'Summary' },
  { key: 'impact', title: 'Impact' },
  { key: 'contributing_factors', title: 'Contributing factors' },
  { key: 'went_well', title: 'What went well' },
  { key: 'went_badly', title: 'What went badly' },
  { key: 'suggested_actions', title: 'Suggested action items' },
] as const;
export type NarrativeSectionKey = (typeof NARRATIVE_SECTIONS)[number]['key'];

export interface PostmortemSection {
  readonly key: NarrativeSectionKey;
  readonly title: string;
  readonly body: string;
  /** `ai` marks a draft nobody has edited yet; `extractive` one built from the timeline without a model. */
  readonly origin: 'human' | 'ai' | 'extractive' | 'empty';
  /** Counts changes to this section, so an edit made from a stale copy is noticed (absent: never changed). */
  readonly revision?: number;
  /** The last person who edited it by hand, named when a stale edit is refused. */
  readonly editedBy?: PersonRef;
}

export interface Postmortem {
  readonly id: string;
  readonly incidentId: string;
  readonly state: PostmortemState;
  readonly sections: readonly PostmortemSection[];
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly version: number;
}

export function emptyPostmortem(id: string, incidentId: string, at: Date): Postmortem {
  return {
    id, incidentId, state: 'draft', createdAt: at, updatedAt: at, version: 0,
    sections: NARRATIVE_SECTIONS.map((s) => ({ key: s.key, title: s.title, body: '', origin: 'empty' as const })),
  };
}

/**
 * Fill sections from a draft narrative, but never overwrite what a person already wrote: drafts are
 * suggestions, and regenerating after edits must not lose them.
 */
export function applyNarrativeDraft(pm: Postmortem, draft: Partial<Record<NarrativeSectionKey, string>>, origin: 'ai' | 'extractive', at: Date): Postmortem {
  const sections = pm.sections.map((s) => {
    const body = draft[s.key]?.trim();
    return body && s.origin !== 'human' ? { ...s, body, origin, revision: (s.revision ?? 0) + 1 } : s;
  });
  return { ...pm, sections, updatedAt: at };
}

/** A person's edit: the section is theirs from now on, so no later draft replaces it. */
export function editPostmortemSection(pm: Postmortem, key: NarrativeSectionKey, body: string, at: Date, by?: PersonRef): Postmortem {
  return {
    ...pm, updatedAt: at,
    sections: pm.sections.map((s) => (s.key === key ? { ...s, body: body.trim(), origin: 'human' as const, revision: (s.revision ?? 0) + 1, ...(by && { editedBy: by }) } : s)),
  };
}

export const isNarrativeSection = (key: string): key is NarrativeSectionKey => NARRATIVE_SECTIONS.some((s) => s.key === key);

export interface PostmortemMaterial {
  readonly incident: IncidentState;
  readonly postmortem: Postmortem;
  readonly timeline: readonly TimelineEntry[];
  readonly actionItems: readonly ActionItem[];
  readonly roleLabels: Readonly<Record<string, string>>;
}

/** The postmortem as a Markdown document: facts from the record, then the narrative sections. */
export function renderPostmortemMarkdown(m: PostmortemMaterial): string {
  const { incident } = m;
  const d = durationTexts(incident.milestones, incident.status);
  const lines: string[] = [];
  lines.push(`# Postmortem: ${formatReference(incident.number)} ${md(incident.title)}`, '');
  lines.push(`| | |`, `|---|---|`);
  lines.push(`| Severity | ${incident.severity} |`);
  lines.push(`| Status | ${incident.status} |`);
  lines.push(`| Services | ${incident.services.length ? incident.services.map(cell).join(', ') : '—'} |`);
  for (const [milestone, at] of Object.entries(incident.milestones)) {
    if (at) lines.push(`| ${capitalise(milestone)} | ${iso(at)} |`);
  }
  lines.push(`| Time to acknowledge | ${d.acknowledge} |`, `| Time to mitigate | ${d.mitigate} |`, `| Time to resolve | ${d.resolve} |`, '');

  lines.push('## People', '');
  if (incident.roles.length === 0) lines.push('_No roles were assigned._');
  for (const r of incident.roles) lines.push(`- **${m.roleLabels[r.role] ?? r.role}**: ${md(displayName(r.person))}`);
  lines.push('');

  // The ticket, the page, the call, the runbook and the public incident, as the card linked them.
  const links = [
    ...(incident.links.integrations ?? []).flatMap((i) => (i.link ? [`- ${md(integrationHead(i))}: [${md(i.link.title)}](${i.link.url})`] : [])),
    ...incident.links.external.map((l) => `- ${md(l.kind)}: [${md(l.title)}](${l.url})`),
  ];
  if (links.length) lines.push('## Links', '', ...links, '');

  const marks = [
    ...(m.postmortem.sections.some((s) => s.origin === 'ai') ? ['marked _(AI draft)_ were drafted by AI from the incident record'] : []),
    ...(m.postmortem.sections.some((s) => s.origin === 'extractive') ? ['marked _(from the timeline)_ were assembled from it without AI'] : []),
  ];
  if (marks.length) lines.push(`> Sections ${marks.join(', those ')}. Review them before publishing.`, '');
  for (const s of m.postmortem.sections) {
    const mark = s.origin === 'ai' ? ' _(AI draft)_' : s.origin === 'extractive' ? ' _(from the timeline)_' : '';
    lines.push(`## ${s.title}${mark}`, '');
    lines.push(s.body ? md(s.body) : '_To be written._');
    lines.push('');
  }

  lines.push('## Action items', '');
  if (m.actionItems.length === 0) lines.push('_None recorded._');
  for (const a of m.actionItems) {
    const owner = a.owner ? ` (owner: ${md(displayName(a.owner))})` : '';
    const ticket = a.ticket ? ` [${md(a.ticket.title)}](${a.ticket.url})` : '';
    lines.push(`- [${a.state === 'done' ? 'x' : ' '}] ${md(a.text)}${owner}${ticket}${a.state === 'cancelled' ? ' _(cancelled)_' : ''}`);
  }
  lines.push('');

  lines.push('## Timeline', '', '_All times UTC._', '');
  for (const e of m.timeline) {
    const who = e.actor ? `${md(displayName(e.actor))}: ` : '';
    const text = e.deletedAt ? '_(message deleted)_' : md(e.text).replace(/\n+/g, ' ');
    const edited = e.revisions.length ? ' _(edited)_' : '';
    const star = e.highlighted ? '⭐ ' : '';
    lines.push(`- \`${iso(e.occurredAt)}\` ${star}**${kindLabel(e)}** ${who}${text}${edited}`);
  }
  lines.push('');
  return lines.join('\n');
}

/** Drafts are labelled by who wrote them: only a model's draft is an AI draft. */
const kindLabel = (e: TimelineEntry): string => {
  if (e.kind !== 'ai_draft') return e.kind.replace(/_/g, ' ');
  const model = typeof e.data.model === 'string' ? e.data.model : undefined;
  if (e.actor) return 'draft written';
  return model && model !== 'extractive' ? `AI draft (${md(model)})` : 'draft from the timeline';
};
const iso = (d: Date) => d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** Keep user text from turning into headings, tables or HTML when the document is rendered. */
// Mention tokens read as @name in the document; what is left of < and > is escaped.
const md = (s: string) => replaceMentions(s, (p) => `@${p.name ?? p.id}`).replace(/[<>]/g, (c) => (c === '<' ? '&lt;' : '&gt;')).replace(/^(#+|>|-{3,})/gm, '\\$1');
const cell = (s: string) => md(s).replace(/\|/g, '\\|');
