import type { WazuhConfig } from './config';

type Severities = readonly { readonly id: string }[];

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
export function severityResolver(config: WazuhConfig['severity'], severities: Severities): (level: number) => string | undefined {
  const known = new Set(severities.map((s) => s.id));
  const pick = (id: string | undefined) => (id !== undefined && known.has(id) ? id : undefined);
  const first = severities[0]?.id;
  const second = severities[1]?.id ?? first;
  const last = severities.at(-1)?.id;
  const thresholds: readonly Threshold[] = [...(config.thresholds ?? [
    ...(first ? [{ level: 12, severity: first }] : []),
    ...(second ? [{ level: 8, severity: second }] : []),
  ])].sort((a, b) => b.level - a.level);
  const otherwise = config.otherwise ?? last;
  return (level) => pick(thresholds.find((t) => level >= t.level)?.severity ?? otherwise);
}
