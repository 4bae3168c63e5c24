import { durationTexts } from '../../domain/durations';
import type { Incident } from '../../domain/incident';
import type { Postmortem, PostmortemSection, PostmortemState } from '../../domain/postmortem';
import { MAX_SECTION_LENGTH } from '../services/postmortem-editing';
import { ACTIONS, FORMS } from './action-ids';
import type { Block, FormView, RichText, View } from './view';

export const POSTMORTEM_STATE_LABELS: Readonly<Record<PostmortemState, string>> = { draft: 'draft', in_review: 'in review', published: 'reviewed' };

const DRAFT_MARK: Partial<Record<PostmortemSection['origin'], string>> = { ai: ' (AI draft)', extractive: ' (draft from the timeline)' };

/**
 * The postmortem in chat, with an Edit button under each section. `elsewhere`: asked outside the
 * incident's rooms, where the document with its timeline is not attached.
 */
export function postmortemView(incident: Incident, postmortem: Postmortem, where: 'room' | 'elsewhere' = 'room'): View {
  const d = durationTexts(incident.snapshot().milestones, incident.status);
  return {
    fallback: `Postmortem of ${incident.reference}`,
    blocks: [
      { type: 'header', text: `Postmortem · ${incident.reference} · ${incident.title}` },
      {
        type: 'fields',
        fields: [
          { label: 'Time to acknowledge', value: [d.acknowledge] },
          { label: 'Time to mitigate', value: [d.mitigate] },
          { label: 'Time to resolve', value: [d.resolve] },
          { label: 'State', value: [POSTMORTEM_STATE_LABELS[postmortem.state]] },
        ],
      },
      ...postmortem.sections.flatMap((s): Block[] => [
        { type: 'text', text: [{ bold: s.title }, DRAFT_MARK[s.origin] ?? ''] },
        { type: 'text', text: [s.body || 'To be written.'], tone: s.body ? 'normal' : 'muted' },
        { type: 'actions', buttons: [{ actionId: ACTIONS.editPostmortemSection, label: `Edit ${s.title}`, value: sectionRef(incident.id, s.key) }] },
      ]),
      { type: 'context', text: nextStep(incident, postmortem) },
      where === 'room'
        ? { type: 'context', text: ['The full document with the timeline comes as a Markdown file, and is served at ', { code: `GET /api/v1/incidents/${incident.reference}/postmortem` }, '.'] }
        : { type: 'context', text: ['Ask for it in the incident\'s room to get the full document with the timeline there; it is also served at ', { code: `GET /api/v1/incidents/${incident.reference}/postmortem` }, '.'] },
    ],
  };
}

function nextStep(incident: Incident, postmortem: Postmortem): RichText {
  if (postmortem.state === 'published') return ['Reviewed. ', { command: 'close' }, ' finishes the incident.'];
  if (incident.status === 'postmortem') return ['When it has been reviewed: ', { command: 'postmortem done' }, '.'];
  if (incident.status === 'resolved') return [{ command: 'postmortem start' }, ' moves the incident to its postmortem stage.'];
  return ['Edit sections any time; the postmortem stage starts after the incident is resolved.'];
}

/** The form behind a section's Edit button; the metadata names the revision the editor starts from. */
export function editSectionFormView(incident: Incident, section: PostmortemSection): FormView {
  return {
    formId: FORMS.editPostmortemSection, title: 'Edit the postmortem', submitLabel: 'Save', fallback: `Edit "${section.title}" of the ${incident.reference} postmortem`,
    privateMetadata: `${sectionRef(incident.id, section.key)}|${section.revision ?? 0}`,
    blocks: [{
      type: 'input', id: 'body', label: `${section.title} (Markdown)`, optional: true,
      hint: DRAFT_MARK[section.origin] ? 'This is a draft; once you save it, it is yours and no later draft replaces it.' : undefined,
      element: { kind: 'text', multiline: true, maxLength: MAX_SECTION_LENGTH, initial: section.body },
    }],
  };
}

/** `<incident id>|<section key>`; ids are looked up and checked, never trusted. */
export const sectionRef = (incidentId: string, key: string): string => `${incidentId}|${key}`;

export function parseSectionRef(value: string): { incidentId: string; key: string; revision: number } {
  const [incidentId = '', key = '', revision] = value.split('|');
  return { incidentId, key, revision: revision === undefined || !/^\d{1,9}$/.test(revision) ? -1 : Number(revision) };
}
