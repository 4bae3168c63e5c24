/** `muster manifest slack`'s usage line, apart from the manifest code so printing it loads no Slack SDK. */
export const SLACK_USAGE = 'manifest slack [--socket-mode]';
