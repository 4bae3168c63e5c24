import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isMusterError } from '@muster/core';
import { teamsAppPackage } from '@muster/teams';
import { refusedCommandLine } from '../../command-line';
import { parseTeamsArgs, type TeamsArgs } from './teams-args';

const DEFAULT_OUT = 'muster-teams-app.zip';
const env = (name: string) => process.env[name]?.trim() || undefined;

/** Writes the Teams app package (manifest.json, color.png, outline.png) and says how to upload it. */
export function writeTeamsPackage(flags: readonly string[]): number {
  let args: TeamsArgs;
  try {
    args = parseTeamsArgs(flags);
  } catch (error) {
    return refusedCommandLine(error);
  }
  const appId = args.appId ?? env('MICROSOFT_APP_ID');
  if (!appId) {
    process.stderr.write('muster: the Teams app package needs the app id: pass --app-id <guid> or set MICROSOFT_APP_ID '
      + "(the Application (client) ID of your Azure Bot's Entra app registration).\n");
    return 2;
  }
  const publicUrl = env('MUSTER_PUBLIC_URL');
  let zip: Uint8Array;
  let version: string;
  let shortName: string;
  try {
    const built = teamsAppPackage({ appId, name: args.name, version: args.appVersion, publicUrl });
    zip = built.zip;
    version = built.manifest.version;
    shortName = built.manifest.name.short;
  } catch (error) {
    if (!isMusterError(error, 'configuration')) throw error;
    process.stderr.write(`muster: ${error.message}\n`);
    return 2;
  }
  const out = resolve(args.out ?? DEFAULT_OUT);
  try {
    writeFileSync(out, zip);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'error';
    const why: Record<string, string> = { EACCES: 'permission denied', EPERM: 'permission denied', ENOENT: 'its folder does not exist', EISDIR: 'it is a folder', EROFS: 'the file system is read-only', ENOTDIR: 'part of its path is a file' };
    process.stderr.write(`muster: cannot write the Teams app package to ${out}: ${why[reason] ?? reason}. Choose another place with --out <file>.\n`);
    return 1;
  }
  process.stdout.write([
    `Wrote the Teams app package to ${out} (app id ${appId.toLowerCase()}, version ${version}).`,
    '',
    'Next steps:',
    '  1. Upload it: in Teams, Apps → Manage your apps → Upload an app → Upload a custom app, and choose the file.',
    '     Or, for everyone in your organisation, in the Teams admin centre: Teams apps → Manage apps → Upload new app.',
    "  2. Add the app to a team or chat; whoever adds it consents to it reading that team's or chat's messages",
    `     (so the timeline captures the whole conversation), then type @${shortName} help.`,
    `  3. The Azure Bot's messaging endpoint must be ${publicUrl ? `${publicUrl.replace(/\/+$/, '')}/api/messages` : '<MUSTER_PUBLIC_URL>/api/messages'}.`,
    ...(publicUrl ? [] : ['', 'MUSTER_PUBLIC_URL is not set, so the developer links point at www.example.com; set it and run this again to use yours.']),
    'To update an uploaded app, run this again with a higher --app-version and upload the new file.',
    '',
  ].join('\n'));
  return 0;
}
