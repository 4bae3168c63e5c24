import type { CliCommand } from '../cli-command';
import { SLACK_USAGE } from './manifest/slack-usage';
import { TEAMS_USAGE } from './manifest/teams-args';

/*
 * Each platform's manifest code (and with it Bolt or the Agents SDK) loads only when asked for:
 * every other `muster` command, `muster start` included, would otherwise pay for both SDKs.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- a synchronous load on demand */
const PLATFORMS: Readonly<Record<string, (flags: readonly string[]) => number | Promise<number>>> = {
  slack: (flags) => (require('./manifest/slack-manifest') as typeof import('./manifest/slack-manifest')).printSlackManifest(flags),
  teams: (flags) => (require('./manifest/teams-package') as typeof import('./manifest/teams-package')).writeTeamsPackage(flags),
};
/* eslint-enable @typescript-eslint/no-require-imports */

/** `muster manifest slack` prints the Slack app manifest; `muster manifest teams` writes the Teams app package. */
export const manifestCommand: CliCommand = {
  name: 'manifest',
  usage: 'manifest slack|teams',
  summary: 'the Slack app manifest (JSON on stdout) or the Teams app package (a zip to upload)',
  async run(args) {
    const [platform, ...flags] = args;
    const write = platform !== undefined && Object.hasOwn(PLATFORMS, platform) ? PLATFORMS[platform] : undefined;
    if (!write) {
      const got = platform ? ` (not "${platform.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?').slice(0, 40)}")` : '';
      process.stderr.write(`muster: there are manifests for slack and teams${got}. Usage: muster ${SLACK_USAGE} | muster ${TEAMS_USAGE}\n`);
      return 2;
    }
    return write(flags);
  },
};
