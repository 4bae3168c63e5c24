import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { assetManifest, WEB_ASSETS_DIR } from '@muster/web';
import type { Router } from '../http/router';

const TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png' };
const manifest = assetManifest();

/** `/assets/dashboard.js?v=<hash>`: the link a page writes, cache-busted by the file's content hash. */
export const assetUrl = (name: string): string => `/assets/${name}${manifest[name] ? `?v=${manifest[name]}` : ''}`;

/**
 * Serves the bundled scripts and styles of @muster/web. Only names in the build manifest are served
 * (no path is ever joined from the request), immutable for a year since links carry the hash.
 */
export function registerAssetRoutes(router: Router): void {
  router.get('/assets/:name', async (r) => {
    const name = r.params.name;
    const type = TYPES[name.slice(name.lastIndexOf('.'))];
    if (!Object.hasOwn(manifest, name) || !type) return { status: 404, text: `There is no asset ${name.slice(0, 80)}.` };
    const body = await readFile(join(WEB_ASSETS_DIR, name));
    return { status: 200, body, headers: { 'content-type': type, 'cache-control': 'public, max-age=31536000, immutable' } };
  });
}
