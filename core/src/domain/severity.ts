import { MusterError } from '../errors';

export interface SeverityLevel {
  /** What people type: `SEV1`. Matched case-insensitively. */
  readonly id: string;
  readonly label: string;
  readonly description: string;
  /** How often stakeholders expect an update while the incident is open. */
  readonly updateCadenceMinutes: number;
  /** Whether declaring at this level opens a dedicated room (not every incident needs a channel). */
  readonly createsRoom: boolean;
  /**
   * What to page on declaration, through the installed paging plugins: service names (the catalogue's,
   * or a name the paging plugin knows), and `affected` for the incident's affected services. Empty:
   * declaring at this level pages nobody (`/incident page` still does).
   */
  readonly page: readonly string[];
  /** Whether declaring at this level opens a video bridge through the installed conference plugin. */
  readonly conference: boolean;
}

/** The `page:` word for "the incident's affected services". */
export const AFFECTED_SERVICES = 'affected';

/** The services to page on declaring at `level`: its named ones and, for `affected`, the incident's, each once. */
export function pageTargets(level: SeverityLevel, affected: readonly string[]): string[] {
  const names = level.page.flatMap((name) => (name.trim().toLowerCase() === AFFECTED_SERVICES ? affected : [name.trim()]));
  return [...new Set(names.filter(Boolean))];
}

export const DEFAULT_SEVERITIES: readonly SeverityLevel[] = [
  { id: 'SEV1', label: 'Critical', description: 'Customer-facing outage or data loss; all hands.', updateCadenceMinutes: 30, createsRoom: true, page: [AFFECTED_SERVICES], conference: true },
  { id: 'SEV2', label: 'Major', description: 'Significant degradation for many customers.', updateCadenceMinutes: 60, createsRoom: true, page: [AFFECTED_SERVICES], conference: true },
  { id: 'SEV3', label: 'Minor', description: 'Limited impact or a workaround exists.', updateCadenceMinutes: 240, createsRoom: true, page: [], conference: false },
];

/** The ordered severity levels of one installation; the first is the most severe. */
export class SeverityCatalog {
  private readonly byId: ReadonlyMap<string, SeverityLevel>;

  constructor(readonly levels: readonly SeverityLevel[] = DEFAULT_SEVERITIES) {
    if (levels.length === 0) throw new MusterError('configuration', 'At least one severity level must be configured.');
    const map = new Map<string, SeverityLevel>();
    for (const level of levels) {
      const key = level.id.toUpperCase();
      if (map.has(key)) throw new MusterError('configuration', `Severity ${level.id} is configured twice.`);
      map.set(key, level);
    }
    this.byId = map;
  }

  /** The level named `id` or labelled so (`critical`), in any case, or undefined. */
  find(id: string): SeverityLevel | undefined {
    const key = id.trim().toUpperCase();
    return this.byId.get(key) ?? this.levels.find((l) => l.label.trim().toUpperCase() === key);
  }

  get(id: string): SeverityLevel {
    const level = this.find(id);
    if (!level) {
      throw new MusterError('unknown_severity', `There is no severity "${id}". Choose one of ${this.ids().join(', ')}.`, { severity: id, allowed: this.ids() });
    }
    return level;
  }

  ids(): string[] {
    return this.levels.map((l) => l.id);
  }

  /** The default for a declaration that names none: the least severe level. */
  get default(): SeverityLevel {
    return this.levels[this.levels.length - 1];
  }

  /** Negative when `a` is more severe than `b`. */
  compare(a: string, b: string): number {
    return this.levels.indexOf(this.get(a)) - this.levels.indexOf(this.get(b));
  }
}
