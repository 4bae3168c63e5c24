import { severityAt, severityMapper, type SeverityLevels } from '@muster/plugin-sdk';
import type { PagerDutyConfig } from './config';

/**
 * A PagerDuty priority (`P1`…), else the urgency, as one of the installation's severity ids. The
 * defaults are positions so they fit any catalogue: `Pn` is the n-th most severe level (the least
 * severe beyond the last), high urgency the most severe, low the least. A configured name the
 * installation does not have gives `undefined` (the host's default level) rather than a failed webhook.
 */
export function severityResolver(config: PagerDutyConfig['severity'], severities: SeverityLevels) {
  const byPriority = severityMapper(severities, config.priority);
  const byUrgency = severityMapper(severities, { high: config.urgency.high ?? severityAt(severities, 0), low: config.urgency.low ?? severityAt(severities, -1) });
  return (priority: string | undefined, urgency: string | undefined): string | undefined => {
    if (byPriority.has(priority)) return byPriority.of(priority);
    const position = priority?.trim().toUpperCase().match(/^P([1-9]\d?)$/)?.[1];
    if (position) return severityAt(severities, Number(position) - 1);
    return urgency === 'high' || urgency === 'low' ? byUrgency.of(urgency) : undefined;
  };
}
