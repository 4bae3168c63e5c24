import { definePlugin } from '@muster/plugin-sdk';
import { runbooksConfigSchema } from './config';
import { runbooksPort } from './runbooks-port';

export const runbooksPlugin = definePlugin({
  id: 'runbooks',
  name: 'Runbooks',
  description: 'The runbook of each affected service (a link, or the first section of a Markdown file) for the card and the room',
  version: '1.0.0',
  sdk: '^1.2.0',
  capabilities: ['runbooks'],
  configSchema: runbooksConfigSchema,
  secrets: [],
  activate: (ctx) => ({ runbooks: runbooksPort(ctx) }),
});

export default runbooksPlugin;
export { runbooksConfigSchema, type RunbooksConfig } from './config';
export { firstSection, MAX_SECTION_CHARS, type Section } from './first-section';
export { MAX_READ_BYTES, readRunbookFile } from './runbook-file';
