import type { PluginContext } from '@muster/plugin-sdk';

export type SeverityLevels = PluginContext['severities'];

/** The installation's own id for `wanted` (any case), or undefined when it has no such level. */
export function levelId(levels: SeverityLevels, wanted: string): string | undefined {
  const lower = wanted.trim().toLowerCase();
  return levels.find((level) => level.id.toLowerCase() === lower)?.id;
}

/**
 * Datadog's monitor priorities onto the installation's levels (most severe first): P1 → the most
 * severe, P2 → the next, and so on; with fewer than five levels the lower priorities share the least.
 */
export function defaultSeverityMap(levels: SeverityLevels): Record<string, string> {
  if (levels.length === 0) return {};
  return Object.fromEntries(['P1', 'P2', 'P3', 'P4', 'P5'].map((priority, index) => [priority, levels[Math.min(index, levels.length - 1)]!.id]));
}

export interface SeverityMapper {
  /** The severity id for a priority, or undefined (the host's default level). */
  of(value: string | undefined): string | undefined;
  /** Configured map entries naming a level this installation does not have (they map to undefined). */
  readonly unknownTargets: readonly string[];
}

/**
 * `map` (priority → severity id) replaces the defaults when given. Keys match any case; a target
 * the installation lacks maps to undefined instead of failing the webhook.
 */
export function severityMapper(levels: SeverityLevels, map: Readonly<Record<string, string>> | undefined): SeverityMapper {
  const entries = new Map<string, string | undefined>();
  const unknownTargets: string[] = [];
  for (const [value, target] of Object.entries(map ?? defaultSeverityMap(levels))) {
    const id = levelId(levels, target);
    if (id === undefined) unknownTargets.push(`${value} → ${target}`);
    entries.set(value.trim().toLowerCase(), id);
  }
  const of = (value: string | undefined) => (value === undefined ? undefined : entries.get(value.trim().toLowerCase()));
  return { of, unknownTargets };
}
