import type { Incident } from '../../domain/incident';
import type { SummaryResult } from '../ports/summarizer.port';
import { textFor, type RichText, type View } from './view';

/**
 * A one-line answer ("INC-42 is now mitigated"), optionally muted or marked as a warning. `prefix`
 * writes the commands in the plain fallback as the reader's platform types them.
 */
export function noticeView(text: RichText, tone: 'normal' | 'muted' | 'warning' | 'success' = 'normal', prefix?: string): View {
  return { fallback: textFor(text, prefix), blocks: [{ type: 'text', text, tone }] };
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
