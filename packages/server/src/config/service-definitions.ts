import { realpathSync } from 'node:fs';
import { dirname, relative, resolve, sep, isAbsolute } from 'node:path';
import { DEFAULT_TENANT, type MusterSettings, type Service } from '@muster/core';
import type { FileServiceEntry } from './file-config';
import type { Problems } from './problems';

/** A catalogue entry as configuration defines it: everything but the stored id and the origin. */
export type ServiceDefinition = Omit<Service, 'id' | 'origin'>;

/** Links without a title are named after their service: `checkout runbook`, `checkout runbook 2`. */
export function titledRunbooks(name: string, runbooks: FileServiceEntry['runbooks']): Service['runbooks'] {
  return runbooks.map((link, i) => ({ title: link.title ?? `${name} runbook${i ? ` ${i + 1}` : ''}`, url: link.url }));
}

/** One entry of `services:` (or a REST body) as the service it defines in `tenantId`. */
export function serviceDefinition(name: string, entry: Omit<FileServiceEntry, 'tenant'>, tenantId: string): ServiceDefinition {
  return {
    tenantId, name, description: entry.description, owners: entry.owners, subjectMatterExperts: entry.smes,
    runbooks: titledRunbooks(name, entry.runbooks), integrations: entry.integrations, public: entry.public,
    ...(entry.runbookFile ? { runbookFile: entry.runbookFile } : {}),
  };
}

/**
 * The `services:` of muster.yaml, each in its tenant: the one it names (which must be `default` or one
 * of `tenants:`), else the home tenant. A runbook file must exist inside the directory of muster.yaml,
 * where it really is (a symbolic link out of it is refused like a `..`).
 */
export function serviceDefinitions(
  services: Readonly<Record<string, FileServiceEntry>> | undefined, settings: MusterSettings, configFile: string | undefined, problems: Problems,
): ServiceDefinition[] {
  const home = settings.homePlatform && settings.homeWorkspaceId ? settings.tenants.tenantOf(settings.homePlatform, settings.homeWorkspaceId) : DEFAULT_TENANT;
  const known = new Set([DEFAULT_TENANT, home, ...settings.tenants.tenants.map((t) => t.id)]);
  return Object.entries(services ?? {}).flatMap(([name, entry]) => {
    const tenantId = entry.tenant ?? home;
    // `slack:T0123` is a tenant of its own when an OAuth app isolates unlisted workspaces.
    if (!known.has(tenantId) && !tenantId.includes(':')) {
      problems.add(`services.${name}.tenant`, `is not a tenant of this configuration: use default or one of tenants: (${[...known].join(', ')})`, tenantId);
      return [];
    }
    const file = entry.runbookFile && configFile ? whereRunbookFileIs(entry.runbookFile, dirname(configFile)) : 'inside';
    if (file !== 'inside') {
      problems.add(`services.${name}.runbookFile`, file === 'missing' ? "names no file (it is read relative to muster.yaml's directory)" : "leads out of muster.yaml's directory (through a symbolic link): keep runbooks inside it", entry.runbookFile);
      return [];
    }
    return [serviceDefinition(name, entry, tenantId)];
  });
}

export function whereRunbookFileIs(path: string, directory: string): 'inside' | 'outside' | 'missing' {
  let real: string;
  try {
    real = realpathSync(resolve(directory, path));
  } catch {
    return 'missing';
  }
  const inside = relative(realpathSync(directory), real);
  return inside !== '' && inside !== '..' && !inside.startsWith(`..${sep}`) && !isAbsolute(inside) ? 'inside' : 'outside';
}
