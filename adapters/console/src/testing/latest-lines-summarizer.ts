import { readTimeline, type Summarizer, type SummaryRequest, type SummaryResult } from '@muster/core';

/**
 * The console harness's summarizer: one line of title, severity and status plus the last three chat
 * lines or notes, so flows that ask for a summary or postmortem run without a model. Adapters may not
 * import @muster/summarizer (ARCHITECTURE §2), whose ExtractiveSummarizer is the real offline summarizer;
 * this one only answers with the same `producedBy`, as an offline summary would.
 */
export class LatestLinesSummarizer implements Summarizer {
  async summarize(request: SummaryRequest): Promise<SummaryResult> {
    const { incident } = request;
    // A test double: the console harness's incidents are a few entries long, so reading them all is fine.
    const said = (await readTimeline(request.timeline)).filter((e) => e.kind === 'message' || e.kind === 'note').slice(-3).map((e) => e.text);
    const latest = said.length ? ` Latest: ${said.join(' / ')}` : '';
    const text = `${incident.title} (${incident.severity}) is ${incident.status}.${latest}`;
    const sections = request.kind === 'postmortem_narrative' ? { summary: text } : undefined;
    return { text, sections, producedBy: 'extractive' };
  }
}
