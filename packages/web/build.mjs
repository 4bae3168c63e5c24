// Bundles the browser scripts and styles into dist/assets at build time (no CDN at run time), and
// writes dist/assets/manifest.json: each asset's content hash, so pages link `/assets/<name>?v=<hash>`
// and browsers may cache them for a year.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const here = import.meta.dirname;
const out = join(here, 'dist', 'assets');
mkdirSync(out, { recursive: true });
const entries = readdirSync(join(here, 'src', 'browser')).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !f.startsWith('_'));
await build({
  entryPoints: entries.map((f) => join(here, 'src', 'browser', f)),
  outdir: out, bundle: true, minify: true, format: 'iife', target: 'es2020', sourcemap: false, logLevel: 'warning', legalComments: 'none',
});
for (const css of readdirSync(join(here, 'src', 'styles')).filter((f) => f.endsWith('.css'))) copyFileSync(join(here, 'src', 'styles', css), join(out, css));
const manifest = Object.fromEntries(readdirSync(out).filter((f) => f !== 'manifest.json').sort()
  .map((f) => [f, createHash('sha256').update(readFileSync(join(out, f))).digest('hex').slice(0, 12)]));
writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
