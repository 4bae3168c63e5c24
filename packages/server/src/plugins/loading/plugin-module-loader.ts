import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SDK_VERSION, type AnyPluginDefinition } from '@muster/plugin-sdk';
import semver from 'semver';
import { pickDefinition } from './plugin-shape';

export type LoadFailureKind = 'not_found' | 'broken' | 'invalid' | 'mismatch' | 'incompatible';

export type LoadResult =
  | { readonly ok: true; readonly definition: AnyPluginDefinition; readonly specifier: string }
  | { readonly ok: false; readonly kind: LoadFailureKind; readonly specifier: string; readonly problem: string };

/** The bundled first-party package of a plugin id. */
export const defaultPackageOf = (pluginId: string): string => `@muster/plugin-${pluginId}`;

const isPath = (specifier: string): boolean => specifier.startsWith('.') || isAbsolute(specifier);

/**
 * Loads the plugin `pluginId` from `specifier` (a package name, or a path relative to `baseDir`, the
 * config file's directory) and checks it: a plugin definition, the id it is configured under, an SDK
 * range this server satisfies. `problem` completes "plugins.<id>.package …" for the start error.
 */
export async function loadPluginModule(pluginId: string, specifier: string = defaultPackageOf(pluginId), baseDir: string = process.cwd()): Promise<LoadResult> {
  const fail = (kind: LoadFailureKind, problem: string): LoadResult => ({ ok: false, kind, specifier, problem });
  const path = locate(specifier, baseDir);
  if (!path) {
    return isPath(specifier)
      ? fail('not_found', `"${specifier}" does not exist (looked for ${resolve(baseDir, specifier)})`)
      : fail('not_found', `"${specifier}" is not installed: run \`npm install ${specifier}\` where Muster runs, or set plugins.${pluginId}.package to the plugin's path`);
  }
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return fail('broken', `"${specifier}" could not be loaded: ${message.slice(0, 200)}`);
  }
  const { definition, problem } = pickDefinition(module);
  if (!definition) return fail('invalid', `"${specifier}" ${problem}`);
  if (definition.id !== pluginId) return fail('mismatch', `"${specifier}" is the plugin "${definition.id}", not "${pluginId}": list it under plugins.${definition.id}`);
  const range = semver.validRange(definition.sdk);
  if (!range) return fail('invalid', `"${specifier}" names the SDK range "${definition.sdk}", which is not a semver range`);
  if (!semver.satisfies(SDK_VERSION, range)) {
    return fail('incompatible', `"${specifier}" ${definition.version} was written for plugin SDK ${definition.sdk}, and this Muster provides SDK ${SDK_VERSION}: use a version of the plugin made for SDK ${semver.major(SDK_VERSION)}.x`);
  }
  return { ok: true, definition, specifier };
}

/** The file a specifier names: from the config's directory first, then from Muster's own dependencies (the bundled plugins). */
function locate(specifier: string, baseDir: string): string | undefined {
  const bases = isPath(specifier) ? [baseDir] : [baseDir, __dirname];
  for (const base of bases) {
    try {
      return createRequire(join(base, 'noop.js')).resolve(isPath(specifier) ? resolve(base, specifier) : specifier);
    } catch {
      // Not found from here; try the next place.
    }
  }
  return undefined;
}
