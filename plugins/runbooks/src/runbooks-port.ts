import type { PluginContext, Runbook, RunbooksPort } from '@muster/plugin-sdk';
import type { RunbooksConfig } from './config';
import { firstSection } from './first-section';
import { readRunbookFile } from './runbook-file';

const MAX_TITLE = 200;

/**
 * The `runbooks` port: a service's runbook from its catalogue entry (`runbooks[0]` as the link,
 * `runbookFile` as the text), else from the plugin's `services` map. No HTTP: the link is given as
 * it is; a catalogue file is read under muster.yaml's directory, one of `services` under `baseDir`.
 */
export function runbooksPort(ctx: PluginContext<RunbooksConfig>): RunbooksPort {
  // Catalogue paths are relative to muster.yaml's directory; the plugin's own `services` map to baseDir.
  const catalogueDir = ctx.installation.configDirectory ?? process.cwd();
  const baseDir = ctx.config.baseDir ?? catalogueDir;
  return {
    async runbookFor({ name, service }): Promise<Runbook | undefined> {
      const configured = ctx.config.services[name];
      const link = service?.runbooks.find((r) => isHttpUrl(r.url));
      const url = link?.url ?? configured?.url;
      const file = service?.runbookFile ? { dir: catalogueDir, path: service.runbookFile } : configured?.file ? { dir: baseDir, path: configured.file } : undefined;
      if (!url && !file) return undefined;
      const section = file ? firstSection(await readRunbookFile(file.dir, file.path)) : undefined;
      const title = (section?.title ?? link?.title?.trim() ?? '') || `${name} runbook`;
      return {
        title: title.replace(/\s+/g, ' ').slice(0, MAX_TITLE),
        ...(url ? { url } : {}),
        ...(section?.markdown ? { markdown: section.markdown } : {}),
      };
    },
  };
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password;
  } catch {
    return false;
  }
}
