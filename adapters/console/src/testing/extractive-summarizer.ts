import type { Summarizer, SummaryRequest, SummaryResult } from '@muster/core';

/**
 * A stand-in for @muster/summarizer (written elsewhere at the same time): picks timeline lines rather
 * than writing prose, like the real package's offline fallback, so flows can run without a model.
 */
export class ExtractiveSummarizer implements Summarizer {
  async summarize(request: SummaryRequest): Promise<SummaryResult> {
    const { incident, timeline } = request;
    const said = timeline.filter((e) => e.kind === 'message' || e.kind === 'note').slice(-3).map((e) => e.text);
    const latest = said.length ? ` Latest: ${said.join(' / ')}` : '';
    const text = `${incident.title} (${incident.severity}) is ${incident.status}.${latest}`;
    const sections = request.kind === 'postmortem_narrative' ? { summary: text } : undefined;
    return { text, sections, producedBy: 'extractive' };
  }
}
