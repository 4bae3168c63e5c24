/**
 * Collects configuration problems with the place they were found, so one start reports them all and
 * each names its key: `muster.yaml: severities[1].updateCadenceMinutes must be a positive number (got "soon")`.
 */
export class Problems {
  readonly list: string[] = [];

  /** `source` prefixes every problem (`muster.yaml`); empty for environment variables, whose names say enough. */
  constructor(private readonly source: string) {}

  private get prefix(): string {
    return this.source ? `${this.source}: ` : '';
  }

  /** `what` completes the sentence "<key> …"; `got` is the offending value, shown (shortened) when given. */
  add(key: string, what: string, ...got: [unknown?]): void {
    const shown = got.length ? ` (got ${describe(got[0])})` : '';
    this.list.push(`${this.prefix}${key} ${what}${shown}`);
  }

  /** A problem that is not about one key (a YAML syntax error, a catalogue the core refused). */
  addLine(text: string): void {
    this.list.push(`${this.prefix}${text}`);
  }

  get empty(): boolean {
    return this.list.length === 0;
  }
}

const MAX_SHOWN = 60;

/** How a bad value is shown: quoted strings, JSON otherwise, cut short so a pasted blob stays one line. */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > MAX_SHOWN ? `${oneLine.slice(0, MAX_SHOWN)}…` : oneLine;
}
