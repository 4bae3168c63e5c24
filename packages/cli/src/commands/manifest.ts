import { isMusterError } from '@muster/core';
import { slackManifest } from '@muster/slack';
import type { CliCommand } from '../cli-command';

const USAGE = 'manifest slack [--socket-mode]';

/**
 * Prints the Slack app manifest for MUSTER_PUBLIC_URL as JSON, ready to paste at api.slack.com/apps
 * ("Create New App" → "From an app manifest"). Only the manifest goes to stdout, so it can be piped.
 */
export const manifestCommand: CliCommand = {
  name: 'manifest',
  usage: USAGE,
  summary: 'print the Slack app manifest (JSON) for MUSTER_PUBLIC_URL',
  async run(args) {
    const [platform, ...flags] = args;
    const unknown = flags.filter((f) => f !== '--socket-mode');
    if (platform !== 'slack' || unknown.length > 0) {
      const what = platform !== 'slack' ? `there is a manifest for slack only${platform ? ` (not "${platform}")` : ''}` : `unknown option ${unknown[0]}`;
      process.stderr.write(`muster: ${what}. Usage: muster ${USAGE}\n`);
      return 2;
    }
    const socketMode = flags.includes('--socket-mode');
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
  },
};
