import type { Incident } from '../../domain/incident';
import type { SummaryResult } from '../ports/summarizer.port';
import type { View } from './view';

/** The catch-up posted once the summarizer is done, saying whether AI wrote it. */
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
