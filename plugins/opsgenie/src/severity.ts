import { severitiesByPosition, severityMapper, type SeverityLevels } from '@muster/plugin-sdk';
import type { OpsgenieConfig } from './config';

// Positions, so the defaults fit any catalogue: Pn is the n-th most severe level, the least severe beyond the last.
const BY_POSITION = { P1: 0, P2: 1, P3: 2, P4: 3, P5: 4 };

/**
 * An Opsgenie priority (P1 to P5) as one of the installation's severity ids: a configured priority
 * replaces its default position. A configured name the installation does not have gives `undefined`
 * (the host's default level) rather than a failed webhook; an alert without a priority gets the
 * default level too.
 */
export function severityResolver(config: OpsgenieConfig['severity'], severities: SeverityLevels) {
  const mapper = severityMapper(severities, { ...severitiesByPosition(severities, BY_POSITION), ...config.priority });
  return (priority: string | undefined): string | undefined => mapper.of(priority);
}
