import { strToU8, zipSync } from 'fflate';
import { colorPng, outlinePng } from './icons';
import { teamsManifest, type TeamsManifestOptions } from './teams-manifest';
import type { TeamsManifest } from './manifest-schema';

export interface TeamsAppPackage {
  readonly manifest: TeamsManifest;
  /** The zip Teams uploads: manifest.json, color.png and outline.png at its root. */
  readonly zip: Uint8Array;
}

export function teamsAppPackage(options: TeamsManifestOptions): TeamsAppPackage {
  const manifest = teamsManifest(options);
  // A fixed date keeps the zip the same bytes for the same input.
  const mtime = new Date('2025-01-01T00:00:00Z');
  const zip = zipSync({
    'manifest.json': [strToU8(`${JSON.stringify(manifest, null, 2)}\n`), { mtime }],
    'color.png': [colorPng(), { mtime, level: 0 }],
    'outline.png': [outlinePng(), { mtime, level: 0 }],
  });
  return { manifest, zip };
}
