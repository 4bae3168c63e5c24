import type { PluginContext, Runbook, RunbooksPort } from '@muster/plugin-sdk';
import type { RunbooksConfig } from './config';
import { firstSection } from './first-section';
import { readRunbookFile } from './runbook-file';

const MAX_TITLE = 200;

/**
 * The `runbooks` port: a service's runbook from its catalogue entry (`runbooks[0]` as the link,
 * `runbookFile` as the text), else from the plugin's `services` map. No HTTP: the link is given as
 * it is, the file is read from disk under `baseDir`.
 */
export function runbooksPort(ctx: PluginContext<RunbooksConfig>): RunbooksPort {
  const baseDir = ctx.config.baseDir ?? process.cwd();
  return {
    async runbookFor({ name, service }): Promise<Runbook | undefined> {
      const configured = ctx.config.services[name];
      const link = service?.runbooks.find((r) => isHttpUrl(r.url));
      const url = link?.url ?? configured?.url;
      const file = service?.runbookFile ?? configured?.file;
      if (!url && !file) return undefined;
      const section = file ? firstSection(await readRunbookFile(baseDir, file)) : undefined;
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
