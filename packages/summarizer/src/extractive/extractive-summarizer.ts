import { readTimeline, type Clock, type Summarizer, type SummaryRequest, type SummaryResult, type TimelineEntry } from '@muster/core';
import { Redactor } from '../redaction/redact';
import type { RedactionPattern } from '../redaction/redaction-patterns';
import { renderCatchUp } from './render-catch-up';
import { joinSections, renderPostmortemSections } from './render-postmortem';
import { renderExternalUpdate, renderInternalUpdate } from './render-status-update';
import { gatherFacts } from './timeline-facts';

export const EXTRACTIVE = 'extractive';

export interface ExtractiveOptions {
  readonly clock?: Clock;
  readonly extraRedactionPatterns?: readonly RedactionPattern[];
  /** Given when this summarizer answers because no model is configured, so callers can say so. */
  readonly reason?: string;
}

/**
 * Summaries assembled from the timeline's structure (milestones, status and severity changes,
 * highlights, notes, role holders, durations, open action items) without any model. Always
 * available, deterministic, and the embedded default. Quoted chat is redacted like a prompt would be.
 */
export class ExtractiveSummarizer implements Summarizer {
  private readonly clock: Clock;

  constructor(private readonly options: ExtractiveOptions = {}) {
    this.clock = options.clock ?? { now: () => new Date() };
  }

  /**
   * Reads the timeline in pages and keeps it: an extractive summary is assembled from the whole
   * structure (every highlight, note, change and action item), unlike the incremental LLM path.
   */
  async summarize(request: SummaryRequest): Promise<SummaryResult> {
    return this.summarizeNow(request, await readTimeline(request.timeline), this.options.reason);
  }

  /** Synchronous core over entries already read, so the summary itself cannot fail on I/O. */
  summarizeNow(request: SummaryRequest, timeline: readonly TimelineEntry[], reason?: string): SummaryResult {
    const now = this.clock.now();
    const redactor = Redactor.withBuiltIns(this.options.extraRedactionPatterns);
    const base = { producedBy: EXTRACTIVE, ...(reason && { fallbackReason: reason }) };
    switch (request.kind) {
      case 'catch_up':
        return { ...base, text: renderCatchUp(request, gatherFacts(request, timeline), redactor, now) };
      case 'status_update':
        return {
          ...base,
          text: request.audience === 'external'
            ? renderExternalUpdate(request, now)
            : renderInternalUpdate(request, gatherFacts(request, timeline), redactor, now),
        };
      case 'postmortem_narrative': {
        const sections = renderPostmortemSections(request, gatherFacts(request, timeline), redactor);
        return { ...base, sections, text: joinSections(sections) };
      }
    }
  }
}
