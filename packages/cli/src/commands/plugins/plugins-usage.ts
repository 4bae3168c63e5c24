import { MusterError } from '@muster/core';

const LINES: readonly (readonly [string, string])[] = [
  ['plugins list [--json]', 'every plugin this server can run: muster.yaml, installations from chat, health, webhook URL, secrets (set or not)'],
  ['plugins check', 'load and check the plugins muster.yaml enables, as `muster start` does, starting none and opening no database'],
  ['plugins help', 'this text'],
];

/** For `muster help`. */
export const PLUGINS_USAGE = 'plugins list [--json] | check | help';

export function pluginsUsage(): string {
  const width = Math.max(...LINES.map(([usage]) => usage.length));
  return [
    'Usage:',
    ...LINES.map(([usage, summary]) => `  muster ${usage.padEnd(width)}  ${summary}`),
    '',
    '`plugins check` exits 0 with one line per plugin, or 1 naming every problem (the key in muster.yaml or the',
    'environment variable): run it in CI before a deploy. Secrets are shown as set or not set, never their values.',
  ].join('\n');
}

/** The one-line usage a refusal ends with. */
export const PLUGINS_USAGE_TEXT = LINES.map(([usage]) => `muster ${usage}`).join(' | ');

export function pluginsUsageError(what: string): MusterError {
  return new MusterError('invalid_argument', `${what}. Usage: ${PLUGINS_USAGE_TEXT}`);
}
