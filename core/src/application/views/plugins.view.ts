import type { PersonRef } from '../../domain/person';
import type { PluginHealth, PluginListing } from '../ports/plugins.port';
import { ACTIONS } from './action-ids';
import { DEFAULT_PREFIX } from '../commands/command-usage';
import { textFor, type Block, type Inline, type RichText, type View } from './view';

/**
 * Plugin administration answers: the list, refusals, an unknown name, and uninstalling. `prefix` only
 * writes the commands of the plain fallback as the reader's platform types them.
 */

const when = (at: Date): string => `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

function healthOf(health: PluginHealth): Inline[] {
  const parts: Inline[] = [];
  if (health.lastSuccessAt) parts.push(`last success ${when(health.lastSuccessAt)}`);
  if (health.lastFailureAt) parts.push(`${parts.length ? ' · ' : ''}last failure ${when(health.lastFailureAt)}${health.lastFailure ? `: ${health.lastFailure}` : ''}`);
  return parts.length ? parts : ['nothing received or sent yet'];
}

function origin(plugin: PluginListing): Inline[] {
  if (plugin.installedBy === 'config') return ['enabled in muster.yaml'];
  return plugin.installer ? ['installed from chat by ', { mention: plugin.installer }] : ['installed from chat'];
}

function installedBlocks(plugin: PluginListing): Block[] {
  const lines: Inline[] = ['Health: ', ...healthOf(plugin.health)];
  if (plugin.webhookUrl) lines.push(' · webhooks to ', { code: plugin.webhookUrl });
  const version = plugin.version ? ` ${plugin.version}` : '';
  return [
    { type: 'text', text: [{ bold: plugin.name }, ' ', { code: plugin.id }, `${version} — `, ...origin(plugin), `. ${plugin.description}`] },
    { type: 'context', text: lines },
  ];
}

export function pluginListView(plugins: readonly PluginListing[], prefix: string = DEFAULT_PREFIX): View {
  const installed = plugins.filter((p) => p.installedBy);
  const available = plugins.filter((p) => !p.installedBy);
  const blocks: Block[] = [{ type: 'header', text: 'Plugins' }];
  blocks.push({ type: 'text', text: [{ bold: `Installed (${installed.length})` }] });
  if (installed.length) blocks.push(...installed.flatMap(installedBlocks));
  else blocks.push({ type: 'text', text: ['None yet in this workspace.'], tone: 'muted' });
  if (available.length) {
    blocks.push({ type: 'divider' }, { type: 'text', text: [{ bold: `Available (${available.length})` }] });
    blocks.push({ type: 'list', items: available.map((p): RichText => [{ bold: p.name }, ' ', { code: p.id }, ` — ${p.description} `, { command: `plugins install ${p.id}` }]) });
  }
  blocks.push({ type: 'context', text: ['Change settings with ', { command: 'plugins configure <name>' }, ', remove with ', { command: 'plugins uninstall <name>' }, '. Only you see this.'] });
  const fallback = `Plugins: ${installed.length} installed${installed.length ? ` (${installed.map((p) => p.id).join(', ')})` : ''}, ${available.length} available. `
    + `${textFor([{ command: 'plugins install <name>' }], prefix)} installs one.`;
  return { fallback, blocks };
}

/** Refused: who may administer plugins instead (configured admins on this platform, the workspace's own admins where it reports them). */
export function pluginsRefusedView(admins: readonly PersonRef[], workspaceAdminsCount: boolean, unanswered = false, prefix: string = DEFAULT_PREFIX): View {
  const who: Inline[] = admins.length
    ? ['the Muster admins (', ...admins.flatMap((a, i): Inline[] => (i === 0 ? [{ mention: a }] : [', ', { mention: a }])), ')']
    : ['the people named in ', { code: 'admins' }, ' in muster.yaml'];
  const text: RichText = [
    '⛔ Only ', ...who, ...(workspaceAdminsCount ? [' or the admins and owners of this workspace'] : []),
    ' can list, install, configure or uninstall plugins. Ask one of them to run ', { command: 'plugins' }, ' for you.',
    ...(unanswered ? [' The platform did not say in time whether you administer this workspace; try again in a moment.'] : []),
  ];
  return { fallback: textFor(text, prefix), blocks: [{ type: 'text', text, tone: 'warning' }] };
}

export function pluginsUnavailableView(): View {
  const text: RichText = ['Plugins are not available in this server: it runs without the plugin host, so nothing can be listed or installed from chat.'];
  return { fallback: textFor(text), blocks: [{ type: 'text', text, tone: 'muted' }] };
}

/** An unknown name: the closest one, then the whole list to pick from. */
export function unknownPluginView(typed: string, suggestion: string | undefined, plugins: readonly PluginListing[], prefix: string = DEFAULT_PREFIX): View {
  const text: RichText = [
    '⚠ There is no plugin ', { code: typed }, ' in this server.',
    ...(suggestion ? [' Did you mean ', { code: suggestion }, '?'] : []),
  ];
  const list = pluginListView(plugins, prefix);
  return { fallback: `${textFor(text, prefix)} ${list.fallback}`, blocks: [{ type: 'text', text, tone: 'warning' }, ...list.blocks] };
}

/** Plugins enabled in muster.yaml are the file's to change: chat would be overwritten at the next start. */
export function configuredInFileView(plugin: PluginListing): View {
  const text: RichText = [{ bold: plugin.name }, ' is enabled in muster.yaml; change or remove it there (', { code: `plugins.${plugin.id}` }, '), not from chat.'];
  return { fallback: textFor(text), blocks: [{ type: 'text', text, tone: 'muted' }] };
}

export function notInstalledView(plugin: PluginListing, doing: 'configure' | 'uninstall', prefix: string = DEFAULT_PREFIX): View {
  const text: RichText = doing === 'configure'
    ? [{ bold: plugin.name }, ' is not installed here yet. Install it with ', { command: `plugins install ${plugin.id}` }, '.']
    : [{ bold: plugin.name }, ' is not installed here, so there is nothing to uninstall. ', { command: 'plugins list' }, ' shows what is.'];
  return { fallback: textFor(text, prefix), blocks: [{ type: 'text', text, tone: 'muted' }] };
}

/** Asked before anything is removed: the button is the confirmation. */
export function uninstallConfirmView(plugin: PluginListing): View {
  const text: RichText = [
    'Uninstall ', { bold: plugin.name }, ' from this workspace? Its settings and sealed secrets are deleted',
    ...(plugin.webhookUrl ? [', and webhooks to ', { code: plugin.webhookUrl }, ' are refused from then on'] : []), '.',
  ];
  return {
    fallback: textFor(text),
    blocks: [{ type: 'text', text, tone: 'warning' }, { type: 'actions', buttons: [{ actionId: ACTIONS.uninstallPlugin, label: `Uninstall ${plugin.name}`, value: plugin.id, style: 'danger' }] }],
  };
}

export function uninstalledView(plugin: PluginListing, by: PersonRef, prefix: string = DEFAULT_PREFIX): View {
  const text: RichText = ['🗑 ', { bold: plugin.name }, ' uninstalled from this workspace by ', { mention: by }, '; its settings and secrets are deleted. ', { command: `plugins install ${plugin.id}` }, ' installs it again.'];
  return { fallback: textFor(text, prefix), blocks: [{ type: 'text', text, tone: 'success' }] };
}

/** A listed plugin that has no form (its package no longer loads here): why, and how to remove it. */
export function pluginWithoutFormView(plugin: PluginListing, prefix: string = DEFAULT_PREFIX): View {
  const text: RichText = [
    '⚠ ', { bold: plugin.name }, ` cannot be set up here. ${plugin.description}`,
    ...(plugin.installedBy === 'chat' ? [' ', { command: `plugins uninstall ${plugin.id}` }, ' removes it.'] : []),
  ];
  return { fallback: textFor(text, prefix), blocks: [{ type: 'text', text, tone: 'warning' }] };
}
