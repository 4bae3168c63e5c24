import type { PluginContext } from '@muster/plugin-sdk';

export type SeverityLevels = PluginContext['severities'];

/** The installation's own id for `wanted` (any case), or undefined when it has no such level. */
export function levelId(levels: SeverityLevels, wanted: string): string | undefined {
  const lower = wanted.trim().toLowerCase();
  return levels.find((level) => level.id.toLowerCase() === lower)?.id;
}

/**
 * Alertmanager's conventional `severity` values onto the installation's levels (most severe first):
 * critical → the most severe, warning → the next, info → the least.
 */
export function defaultSeverityMap(levels: SeverityLevels): Record<string, string> {
  if (levels.length === 0) return {};
  const at = (index: number) => levels[Math.min(index, levels.length - 1)]!.id;
  return { critical: at(0), warning: at(1), info: at(levels.length - 1) };
}

export interface SeverityMapper {
  /** The severity id for a label value, or undefined (the host's default level). */
  of(value: string | undefined): string | undefined;
  /** Of several label values, the most severe one that maps. */
  mostSevere(values: readonly (string | undefined)[]): string | undefined;
  /** Configured map entries naming a level this installation does not have (they map to undefined). */
  readonly unknownTargets: readonly string[];
}

/**
 * `map` (label value → severity id) replaces the defaults when given. Keys match any case; a target
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
  const rank = (id: string) => levels.findIndex((level) => level.id === id);
  return {
    of,
    mostSevere: (values) => values.map(of).filter((id): id is string => id !== undefined).sort((a, b) => rank(a) - rank(b))[0],
    unknownTargets,
  };
}
