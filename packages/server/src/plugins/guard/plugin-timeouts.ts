/** Every kind of call the host makes into a plugin; the `operation` label of the plugin metrics. */
export const PLUGIN_OPERATIONS = ['activate', 'deactivate', 'verify', 'parse', 'event', 'command', 'call'] as const;
export type PluginOperation = (typeof PLUGIN_OPERATIONS)[number];

export type PluginTimeouts = Readonly<Record<PluginOperation, number>>;

/**
 * The host's time limit per operation (one default for every plugin, not a muster.yaml setting: a plugin
 * cannot make Muster wait longer than the people and systems waiting on Muster). Webhook calls are short
 * because the sender's own deadline covers the whole exchange (PagerDuty retries after 5 s); a command
 * must answer inside Slack's 3 s (and core gives a run-time command 2.5 s); event handlers run from the outbox and may call slow APIs.
 */
export const DEFAULT_PLUGIN_TIMEOUTS: PluginTimeouts = {
  activate: 10_000,
  deactivate: 5_000,
  verify: 1_000,
  parse: 2_000,
  event: 30_000,
  command: 2_000,
  /** A capability call from the outbox (page, ticket, meeting): a slow vendor API, nobody waiting on it. */
  call: 30_000,
};

/** `10 s`, `250 ms`: how a time limit reads in a reason. */
export function formatDuration(ms: number): string {
  return ms >= 1000 && ms % 1000 === 0 ? `${ms / 1000} s` : ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms} ms`;
}
