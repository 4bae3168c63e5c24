import type { PersonRef } from '../../domain/person';
import { fieldBlocks } from '../plugins/plugin-form-fields';
import type { PluginForm, PluginListing } from '../ports/plugins.port';
import { FORMS } from './action-ids';
import { DEFAULT_PREFIX } from '../commands/command-usage';
import { textFor, type Block, type Inline, type RichText, type FormView, type View } from './view';

export type PluginFormMode = 'install' | 'configure';

/**
 * What the install form carries through the platform: which plugin, and the tenant it was opened for.
 * Neither decides anything on submit (the tenant comes from where the submission was made, the
 * requester is checked again); a tenant that differs only means the form is refused.
 */
export interface PluginFormRef {
  readonly pluginId: string;
  readonly tenantId: string;
}

export const pluginFormMetadata = (ref: PluginFormRef): string => JSON.stringify({ p: ref.pluginId, t: ref.tenantId });

export function parsePluginFormMetadata(raw: string): PluginFormRef | undefined {
  try {
    const parsed: unknown = JSON.parse(raw);
    if (!parsed || typeof parsed !== 'object') return undefined;
    const { p, t } = parsed as Record<string, unknown>;
    return typeof p === 'string' && p !== '' && typeof t === 'string' ? { pluginId: p, tenantId: t } : undefined;
  } catch {
    return undefined;
  }
}

export function pluginFormView(form: PluginForm, mode: PluginFormMode, tenantId: string): FormView {
  const { plugin } = form;
  const about: Inline[] = [`Version ${plugin.version}`];
  if (plugin.capabilities.length) about.push(` · ${plugin.capabilities.join(', ')}`);
  if (plugin.webhookUrl) about.push(' · webhooks arrive at ', { code: plugin.webhookUrl });
  const blocks: Block[] = [
    { type: 'text', text: [plugin.description] },
    { type: 'context', text: about },
  ];
  if (mode === 'install' && plugin.installedBy === 'chat') blocks.push({ type: 'text', text: ['Already installed here: saving changes its settings.'], tone: 'muted' });
  if (form.fields.length === 0) blocks.push({ type: 'text', text: ['This plugin needs no settings.'], tone: 'muted' });
  blocks.push(...fieldBlocks(form.fields));
  const verb = mode === 'install' ? 'Install' : 'Configure';
  return {
    formId: FORMS.installPlugin, title: `${verb} ${plugin.name}`, submitLabel: mode === 'install' ? 'Install' : 'Save',
    fallback: `${verb} the ${plugin.name} plugin`, privateMetadata: pluginFormMetadata({ pluginId: plugin.id, tenantId }), confidential: true, blocks,
  };
}

/**
 * After an install: what to set up at the source (where its webhooks go and how they prove
 * themselves), naming the secrets but never showing one.
 */
export function pluginInstalledView(plugin: PluginListing, form: PluginForm | undefined, by: PersonRef, reconfigured: boolean, prefix: string = DEFAULT_PREFIX): View {
  const head: RichText = ['✅ ', { bold: plugin.name }, reconfigured ? ' settings saved for this workspace by ' : ' installed for this workspace by ', { mention: by }, '.'];
  const blocks: Block[] = [{ type: 'text', text: head, tone: 'success' }];
  if (plugin.webhookUrl) {
    blocks.push({ type: 'text', text: [`At ${plugin.name}, send webhooks to `, { code: plugin.webhookUrl }, plugin.webhookAuth ? ' with ' : '.', ...(plugin.webhookAuth ? [{ code: plugin.webhookAuth }, '.'] : [])] });
    const secrets = (form?.fields ?? []).filter((f) => f.kind === 'secret');
    if (!plugin.webhookAuth && secrets.length) {
      blocks.push({ type: 'text', text: ['Give it the secret you typed:'] });
      blocks.push({ type: 'list', items: secrets.map((f): RichText => [{ bold: f.label }, ...(f.description ? [` — ${f.description}`] : [])]) });
    }
  }
  blocks.push({ type: 'context', text: [{ command: 'plugins list' }, ' shows its health: when it last worked, and the last failure.'] });
  // The fallback says it all: where a platform shows only the words (a Teams card action's answer), the setup must be there too.
  const said = blocks.flatMap((b) => (b.type === 'text' || b.type === 'context' ? [textFor(b.text, prefix)] : b.type === 'list' ? b.items.map((i) => textFor(i, prefix)) : []));
  return { fallback: said.join(' '), blocks };
}
