import type { PagerDutyConfig } from './config';

type Severities = readonly { readonly id: string }[];

/**
 * A PagerDuty priority (`P1`…), else the urgency, as one of the installation's severity ids. The
 * defaults are positions so they fit any catalogue: `Pn` is the n-th most severe level (the least
 * severe beyond the last), high urgency the most severe, low the least. A configured name the
 * installation does not have gives `undefined` (the host's default level) rather than a failed webhook.
 */
export function severityResolver(config: PagerDutyConfig['severity'], severities: Severities) {
  const known = new Set(severities.map((s) => s.id));
  const pick = (id: string | undefined) => (id !== undefined && known.has(id) ? id : undefined);
  const priorities = new Map(Object.entries(config.priority).map(([name, id]) => [name.toUpperCase(), id]));
  const byUrgency = { high: config.urgency.high ?? severities[0]?.id, low: config.urgency.low ?? severities.at(-1)?.id };
  return (priority: string | undefined, urgency: string | undefined): string | undefined => {
    const name = priority?.trim().toUpperCase();
    if (name && priorities.has(name)) return pick(priorities.get(name));
    const position = name ? /^P([1-9]\d?)$/.exec(name)?.[1] : undefined;
    if (position) return severities[Math.min(Number(position), severities.length) - 1]?.id;
    return urgency === 'high' || urgency === 'low' ? pick(byUrgency[urgency]) : undefined;
  };
}
