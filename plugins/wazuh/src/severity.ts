import { severityAt, severityIdOf, type SeverityLevels } from '@muster/plugin-sdk';
import type { WazuhConfig } from './config';

interface Threshold {
  readonly level: number;
  readonly severity: string;
}

/**
 * Turns a Wazuh rule level into one of the installation's severity ids. The defaults are positions,
 * not names, so they fit any catalogue: level 12 and up the most severe level, 8 and up the next, the
 * rest the least severe. A configured name the installation does not have gives `undefined` (the host's
 * default level): a typo in muster.yaml must not make the webhook fail.
 */
export function severityResolver(config: WazuhConfig['severity'], severities: SeverityLevels): (level: number) => string | undefined {
  const first = severityAt(severities, 0);
  const second = severityAt(severities, 1);
  const thresholds: readonly Threshold[] = [...(config.thresholds ?? [
    ...(first ? [{ level: 12, severity: first }] : []),
    ...(second ? [{ level: 8, severity: second }] : []),
  ])].sort((a, b) => b.level - a.level);
  const otherwise = config.otherwise ?? severityAt(severities, -1);
  return (level) => severityIdOf(severities, thresholds.find((t) => level >= t.level)?.severity ?? otherwise);
}
