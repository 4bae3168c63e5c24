import type { OpsgenieConfig } from './config';

type Severities = readonly { readonly id: string }[];

/**
 * An Opsgenie priority (P1 to P5) as one of the installation's severity ids. The defaults are
 * positions, so they fit any catalogue: Pn is the n-th most severe level, the least severe beyond
 * the last. A configured name the installation does not have gives `undefined` (the host's default
 * level) rather than a failed webhook; an alert without a priority gets the default level too.
 */
export function severityResolver(config: OpsgenieConfig['severity'], severities: Severities) {
  const known = new Set(severities.map((s) => s.id));
  const configured = new Map<string, string | undefined>(Object.entries(config.priority));
  return (priority: string | undefined): string | undefined => {
    const name = priority?.trim().toUpperCase();
    const position = name ? /^P([1-5])$/.exec(name)?.[1] : undefined;
    if (!name || !position) return undefined;
    if (configured.has(name)) {
      const id = configured.get(name);
      return id !== undefined && known.has(id) ? id : undefined;
    }
    return severities[Math.min(Number(position), severities.length) - 1]?.id;
  };
}
