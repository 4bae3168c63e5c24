import { isMusterError } from '@muster/core';
import { slackManifest } from '@muster/slack';
import { readCommandLine, refusedCommandLine } from '../../command-line';
import { SLACK_USAGE } from './slack-usage';

/**
 * Prints the Slack app manifest for MUSTER_PUBLIC_URL as JSON, ready to paste at api.slack.com/apps
 * ("Create New App" → "From an app manifest"). Only the manifest goes to stdout, so it can be piped.
 */
export function printSlackManifest(flags: readonly string[]): number {
  let socketMode: boolean;
  try {
    socketMode = readCommandLine(flags, { 'socket-mode': 'boolean' }, `muster ${SLACK_USAGE}`).options['socket-mode'] === true;
  } catch (error) {
    return refusedCommandLine(error);
  }
  const publicUrl = process.env.MUSTER_PUBLIC_URL?.trim() || undefined;
  try {
    const manifest = slackManifest({ publicUrl, socketMode });
    process.stdout.write(`${JSON.stringify(manifest, null, 2)}\n`);
    return 0;
  } catch (error) {
    if (!isMusterError(error, 'configuration')) throw error;
    process.stderr.write(`muster: ${error.message}\n`);
    return 2;
  }
}
