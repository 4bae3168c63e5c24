import type { PluginContext } from './plugin-context';

/** The installation's severity levels, most severe first (`PluginContext.severities`). */
export type SeverityLevels = readonly { readonly id: string }[];

/**
 * The installation's own id for `wanted`, matched in any case (`sev2` → `SEV2`), or undefined when it
 * has no such level: a plugin hands the host only ids it has.
 */
export function severityIdOf(levels: SeverityLevels, wanted: string | undefined): string | undefined {
  if (wanted === undefined) return undefined;
  const lower = wanted.trim().toLowerCase();
  return levels.find((level) => level.id.toLowerCase() === lower)?.id;
}

/**
 * The level at `position` (0 the most severe, 1 the next; -1 the least severe), so a default fits any
 * catalogue: a position past the end is the least severe level. Undefined only without levels.
 */
export function severityAt(levels: SeverityLevels, position: number): string | undefined {
  if (levels.length === 0) return undefined;
  const index = position < 0 ? Math.max(levels.length + position, 0) : Math.min(position, levels.length - 1);
  return levels[index]!.id;
}

/**
 * A default map from a source's levels to the installation's by position:
 * `severitiesByPosition(levels, { critical: 0, warning: 1, info: -1 })`.
 */
export function severitiesByPosition(levels: SeverityLevels, positions: Readonly<Record<string, number>>): Record<string, string> {
  const map: Record<string, string> = {};
  for (const [value, position] of Object.entries(positions)) {
    const id = severityAt(levels, position);
    if (id !== undefined) map[value] = id;
  }
  return map;
}

export interface SeverityMapper {
  /** The severity id for a source's level (any case), or undefined: the host's default level. */
  of(value: string | undefined): string | undefined;
  /** Whether the map names `value`, also when it maps to a level the installation lacks. */
  has(value: string | undefined): boolean;
  /** Of several source levels, the most severe one that maps. */
  mostSevere(values: readonly (string | undefined)[]): string | undefined;
  /** Map entries naming a level this installation does not have (`critical → SEV0`); they map to undefined. */
  readonly unknownTargets: readonly string[];
}

/**
 * A source's levels (`critical`, `P1`) onto the installation's, by `map` (source level → severity
 * id). Source levels match in any case; a target the installation lacks maps to undefined (the host's
 * default level) instead of failing the webhook.
 */
export function severityMapper(levels: SeverityLevels, map: Readonly<Record<string, string | undefined>>): SeverityMapper {
  const entries = new Map<string, string | undefined>();
  const unknownTargets: string[] = [];
  for (const [value, target] of Object.entries(map)) {
    const id = severityIdOf(levels, target);
    if (id === undefined) unknownTargets.push(`${value} → ${target}`);
    entries.set(value.trim().toLowerCase(), id);
  }
  const key = (value: string | undefined) => value?.trim().toLowerCase();
  const of = (value: string | undefined) => entries.get(key(value) ?? '');
  const rank = (id: string) => levels.findIndex((level) => level.id === id);
  return {
    of: (value) => (value === undefined ? undefined : of(value)),
    has: (value) => value !== undefined && entries.has(key(value)!),
    mostSevere: (values) => values.map((value) => (value === undefined ? undefined : of(value)))
      .filter((id): id is string => id !== undefined).sort((a, b) => rank(a) - rank(b))[0],
    unknownTargets,
  };
}

/**
 * `severityMapper` for an installation, warning once at activation when the configured map names
 * levels it does not have (the operator sees why those alerts get the default level).
 */
export function configuredSeverities(ctx: Pick<PluginContext, 'severities' | 'logger'>, map: Readonly<Record<string, string | undefined>>): SeverityMapper {
  const mapper = severityMapper(ctx.severities, map);
  if (mapper.unknownTargets.length > 0) {
    ctx.logger.warn('The severity map names levels this installation does not have; those alerts get the default level', {
      entries: mapper.unknownTargets, levels: ctx.severities.map((level) => level.id),
    });
  }
  return mapper;
}
