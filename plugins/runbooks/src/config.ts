import { z } from '@muster/plugin-sdk';

const serviceName = z.string().trim().min(1).max(200);

// Strict objects: a misspelt key in muster.yaml is an error that names it, not a setting silently ignored.
export const runbooksConfigSchema = z.strictObject({
  baseDir: z.string().trim().min(1).max(1000).optional()
    .describe('The directory the files of `services` are relative to, and may not leave (default: muster.yaml\'s directory); catalogue runbookFile paths are always relative to muster.yaml\'s directory'),
  services: z.record(serviceName, z.strictObject({
    url: z.url({ protocol: /^https?$/ }).optional().describe('The runbook\'s link'),
    file: z.string().trim().min(1).max(1000).optional().describe('A Markdown file under baseDir whose first section is posted'),
  })).default({})
    .describe('Runbooks of services without a catalogue entry: service name → { url, file }; the catalogue\'s runbooks and runbookFile win'),
});

export type RunbooksConfig = z.output<typeof runbooksConfigSchema>;
