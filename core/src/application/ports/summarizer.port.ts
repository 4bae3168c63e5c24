import type { IncidentDurations } from '../../domain/durations';
import type { IncidentState } from '../../domain/incident';
import type { NarrativeSectionKey } from '../../domain/postmortem';
import type { Audience } from '../../domain/status-update';
import type { TimelineReader } from './timeline-reader';

export type SummaryKind = 'catch_up' | 'status_update' | 'postmortem_narrative';

export interface SummaryRequest {
  readonly kind: SummaryKind;
  readonly audience?: Audience;
  readonly incident: IncidentState;
  readonly durations: IncidentDurations;
  readonly roleLabels: Readonly<Record<string, string>>;
  /**
   * The timeline, read in pages from a cursor: the summarizer decides what it still needs to read
   * and send (what is new since its rolling summary), so a long incident is never loaded whole for it.
   */
  readonly timeline: TimelineReader;
}

export interface SummaryResult {
  /** Catch-up text or update body, ready to show (plain text, paragraphs separated by blank lines). */
  readonly text: string;
  /** For postmortem narratives: one body per section. */
  readonly sections?: Partial<Record<NarrativeSectionKey, string>>;
  /** `openai:gpt-4o-mini`, or `extractive` when no model (or a failed one) produced it. */
  readonly producedBy: string;
  /** Why the extractive fallback answered, when it did. */
  readonly fallbackReason?: string;
  readonly usage?: { readonly promptTokens: number; readonly completionTokens: number };
}

export interface Summarizer {
  summarize(request: SummaryRequest): Promise<SummaryResult>;
}

/** The rolling summary of an incident, so the tenth summary only sends what is new since the ninth. */
export interface RollingSummary {
  readonly incidentId: string;
  readonly kind: string;
  /** Timeline position the summary covers up to and including. */
  readonly coveredThrough: number;
  readonly text: string;
  readonly tokens: number;
  readonly updatedAt: Date;
}

export interface SummaryStateRepository {
  get(incidentId: string, kind: string): Promise<RollingSummary | undefined>;
  save(summary: RollingSummary): Promise<void>;
}
