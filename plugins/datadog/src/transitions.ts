/**
 * `$ALERT_TRANSITION` values, from the Datadog Webhooks integration's "Variables" section
 * (https://docs.datadoghq.com/integrations/webhooks/#variables): Recovered resolves, the rest fire.
 */
export const TRANSITIONS = ['Triggered', 'Re-Triggered', 'Renotify', 'Warn', 'Re-Warn', 'No Data', 'Re-No Data', 'Recovered'] as const;

export type Transition = (typeof TRANSITIONS)[number];

const BY_LOWER = new Map<string, Transition>(TRANSITIONS.map((transition) => [transition.toLowerCase(), transition]));

/** The transition named by `text` (any case, extra spaces), or undefined (`Null`, unknown, empty). */
export function transitionOf(text: string | undefined): Transition | undefined {
  return text === undefined ? undefined : BY_LOWER.get(text.trim().replace(/\s+/g, ' ').toLowerCase());
}

export interface TitleParts {
  /** The monitor's name, without Datadog's bracketed prefixes. */
  readonly name: string;
  readonly transition?: Transition;
  /** `host:web-1` from `[Triggered on {host:web-1}]`: which group of a multi alert. */
  readonly scope?: string;
  readonly priority?: string;
  /** `[TEST]`: a notification Datadog sends when a monitor's notifications are tested. */
  readonly test: boolean;
}

const MAX_PREFIXES = 6;

/**
 * Datadog titles carry their state in leading brackets: `[P1] [Triggered on {host:web-1}] CPU high`,
 * `[Recovered] Disk full`. The default payload has no other place to find it.
 */
export function titleParts(title: string): TitleParts {
  let rest = title.trim();
  let transition: Transition | undefined;
  let scope: string | undefined;
  let priority: string | undefined;
  let test = false;
  for (let i = 0; i < MAX_PREFIXES; i += 1) {
    const match = /^\[([^\]]{1,300})\]\s*/.exec(rest);
    if (!match) break;
    const token = match[1]!.trim();
    const state = /^(.+?)(?:\s+on\s+\{(.*)\})?$/.exec(token)!;
    if (/^P[1-5]$/i.test(token)) priority = token.toUpperCase();
    else if (/^test$/i.test(token)) test = true;
    else if (transitionOf(state[1]) !== undefined) {
      transition = transitionOf(state[1]);
      scope = state[2]?.trim() || undefined;
    } else break;
    rest = rest.slice(match[0].length);
  }
  return { name: rest.trim(), transition, scope, priority, test };
}
