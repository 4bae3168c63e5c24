import type { Incident } from '../../domain/incident';
import type { SummaryResult } from '../ports/summarizer.port';
import { durationTexts } from '../../domain/durations';
import type { Postmortem } from '../../domain/postmortem';
import { textOf, type Block, type RichText, type View } from './view';

/** A one-line answer ("INC-42 is now mitigated"), optionally muted or marked as a warning. */
export function noticeView(text: RichText, tone: 'normal' | 'muted' | 'warning' | 'success' = 'normal'): View {
  return { fallback: textOf(text), blocks: [{ type: 'text', text, tone }] };
}

export function summaryView(incident: Incident, result: SummaryResult): View {
  const paragraphs = result.text.split(/\n{2,}/).map((p) => p.trim()).filter(Boolean);
  const origin = result.producedBy === 'extractive'
    ? `Assembled from the timeline without AI${result.fallbackReason ? `: ${reasonSentence(result.fallbackReason)}` : ''}.`
    : `Summarized by AI (${result.producedBy}); check anything important against the timeline.`;
  return {
    fallback: `Catch-up on ${incident.reference}: ${paragraphs[0] ?? ''}`,
    blocks: [
      { type: 'header', text: `Catch-up · ${incident.reference} · ${incident.title}` },
      ...paragraphs.map((p) => ({ type: 'text' as const, text: [p] })),
      { type: 'context', text: [origin] },
    ],
  };
}

/** Fallback reasons are `code: sentence`; people get the sentence. */
const reasonSentence = (reason: string): string => reason.replace(/^[a-z_]+:\s*/, '').replace(/\.$/, '');

/** `elsewhere`: asked outside the incident's rooms, where the document with its timeline is not attached. */
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
          { label: 'State', value: [postmortem.state.replace('_', ' ')] },
        ],
      },
      ...postmortem.sections.flatMap((s): Block[] => [
        { type: 'text', text: [{ bold: s.title }, ...(s.body && s.origin === 'ai' ? [' ', { italic: '(AI draft)' }] : s.body && s.origin === 'extractive' ? [' ', { italic: '(draft from the timeline)' }] : [])] },
        { type: 'text', text: [s.body || 'To be written.'], tone: s.body ? 'normal' : 'muted' },
      ]),
      where === 'room'
        ? { type: 'context', text: ['The full document with the timeline is attached as Markdown, and served at ', { code: `GET /api/v1/incidents/${incident.reference}/postmortem` }, '.'] }
        : { type: 'context', text: ['Ask for it in the incident\'s room to get the full document with the timeline there; it is also served at ', { code: `GET /api/v1/incidents/${incident.reference}/postmortem` }, '.'] },
    ],
  };
}
