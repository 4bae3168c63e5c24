import type { DurationStats } from './percentiles';

/** What the metrics page, its charts and its CSV files are drawn from. Durations in milliseconds. */
export interface IncidentMetrics {
  /** Monday of each week, oldest first (`2026-11-30`), and the window they make up. */
  readonly weeks: readonly string[];
  readonly from: Date;
  readonly until: Date;
  /** The configured levels in their order, then any other level found on an incident (renamed since). */
  readonly severities: readonly string[];
  readonly perWeek: readonly WeekCounts[];
  readonly durations: {
    readonly perWeek: readonly WeekDurations[];
    readonly overall: MilestoneStats;
  };
  /** At most ten, most incidents first. */
  readonly services: readonly ServiceImpact[];
  readonly actionItems: {
    readonly perWeek: readonly WeekActionItems[];
    readonly overall: ActionItemTotals;
  };
}

export interface WeekCounts {
  readonly week: string;
  /** Every severity of `severities`, zeros included. */
  readonly bySeverity: Readonly<Record<string, number>>;
  readonly total: number;
}

export interface MilestoneStats {
  readonly acknowledge: DurationStats;
  readonly mitigate: DurationStats;
  readonly resolve: DurationStats;
}

export interface WeekDurations extends MilestoneStats {
  readonly week: string;
}

export interface ServiceImpact {
  readonly service: string;
  readonly incidents: number;
  /** How many of them are resolved, and their time to resolve added up. */
  readonly resolved: number;
  readonly totalResolveMs: number;
}

export interface ActionItemTotals {
  readonly open: number;
  readonly done: number;
  readonly cancelled: number;
  /** done / (open + done): a cancelled item was decided against, not left undone. Undefined with none. */
  readonly completionRate?: number;
}

export interface WeekActionItems extends ActionItemTotals {
  readonly week: string;
}
