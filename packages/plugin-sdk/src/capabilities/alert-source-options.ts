import { z } from 'zod';

/**
 * Settings every alert source shares; spread them into the plugin's `configSchema`
 * (`z.object({ ...alertSourceOptions, severity: ... })`). The host reads them for each installation.
 */
export const alertSourceOptions = {
  onResolve: z.enum(['resolve', 'note']).default('resolve')
    .describe('What a resolved alert does to its open incident: resolve it, or only note it on the timeline'),
  private: z.boolean().default(false).describe('Declare the incidents as private'),
};

export interface AlertSourceOptions {
  readonly onResolve: 'resolve' | 'note';
  readonly private: boolean;
}
