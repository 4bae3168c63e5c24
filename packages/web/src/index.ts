import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where the bundled scripts and styles are (built by build.mjs at `npm run build`). */
export const WEB_ASSETS_DIR = join(__dirname, 'assets');

/** Asset file name to content hash, for cache-busting links; empty when the assets were not built. */
export function assetManifest(): Readonly<Record<string, string>> {
  try {
    return JSON.parse(readFileSync(join(WEB_ASSETS_DIR, 'manifest.json'), 'utf8')) as Record<string, string>;
  } catch {
    return {};
  }
}

export type { MetricsChartData } from './metrics-chart-data';
