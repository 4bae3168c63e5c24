import { isMusterError } from '@muster/core';
import { slackManifest } from '@muster/slack';

export const SLACK_USAGE = 'manifest slack [--socket-mode]';

/**
 * Prints the Slack app manifest for MUSTER_PUBLIC_URL as JSON, ready to paste at api.slack.com/apps
 * ("Create New App" → "From an app manifest"). Only the manifest goes to stdout, so it can be piped.
 */
export function printSlackManifest(flags: readonly string[]): number {
  const unknown = flags.filter((f) => f !== '--socket-mode');
  if (unknown.length > 0) {
    process.stderr.write(`muster: unknown option ${unknown[0]}. Usage: muster ${SLACK_USAGE}\n`);
    return 2;
  }
  const publicUrl = process.env.MUSTER_PUBLIC_URL?.trim() || undefined;
  try {
    const manifest = slackManifest({ publicUrl, socketMode: flags.includes('--socket-mode') });
    process.stdout.write(`${JSON.stringify(manifest, null, 2)}\n`);
    return 0;
  } catch (error) {
    if (!isMusterError(error, 'configuration')) throw error;
    process.stderr.write(`muster: ${error.message}\n`);
    return 2;
  }
}
