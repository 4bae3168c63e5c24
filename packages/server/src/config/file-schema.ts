import { CHAT_PLATFORMS, ROOM_PLACEMENTS } from '@muster/core';
import { z } from 'zod';
import { CHANNELS, STAKEHOLDER_CHANNELS } from './channels-section';
import type { FileConfig } from './file-config';
import { LLM_SECTION } from './llm-section';
import { PLUGINS } from './plugins-section';
import { PERMISSIONS_SECTION, ROLES, SEVERITIES } from './process-section';
import { REMINDERS_SECTION } from './reminders-section';
import { flag, oneOf, settings, text, whenAMapping } from './schema-kit';
import { SERVER_SECTION } from './server-section';
import { SERVICES } from './services-section';
import { STATUS_PAGE_SECTION, statusPageTenantRule } from './status-page-section';
import { ADMINS, TENANTS } from './tenancy-section';
import { WORKFLOWS } from './workflows-section';

const REACTION = { pattern: /^[a-z0-9_+-]{1,80}$/, what: 'a reaction name without colons, like pushpin' };
const ROOM_PATTERN = { pattern: /\{number\}/, what: 'a pattern containing {number} (rooms must be unique), like inc-{number}-{slug}' };

/** Every top-level key of muster.yaml and its schema; each section is checked on its own too (read-file-config.ts). */
export const FILE_SECTIONS = {
  server: SERVER_SECTION.default({}),
  severities: SEVERITIES.optional(),
  roles: ROLES.optional(),
  permissions: PERMISSIONS_SECTION.optional(),
  roomNamePattern: text(ROOM_PATTERN).optional(),
  announcementChannels: CHANNELS.optional(),
  stakeholderChannels: STAKEHOLDER_CHANNELS.optional(),
  declarerTakesCommand: flag().optional(),
  highlightReaction: text(REACTION).optional(),
  summarizePrivateIncidents: flag().optional(),
  homePlatform: oneOf(CHAT_PLATFORMS).optional(),
  homeWorkspaceId: text().optional(),
  roomPlacement: oneOf(ROOM_PLACEMENTS).optional(),
  tenants: TENANTS.optional(),
  admins: ADMINS.optional(),
  llm: LLM_SECTION.default({}),
  plugins: PLUGINS.optional(),
  services: SERVICES.optional(),
  reminders: REMINDERS_SECTION.optional(),
  workflows: WORKFLOWS.optional(),
  statusPage: STATUS_PAGE_SECTION.optional(),
};

/** muster.yaml as a whole: the sections, and the rules that tie keys of different sections together. */
export const FILE_SCHEMA: z.ZodType<FileConfig> = settings(FILE_SECTIONS)
  // Run even when a section is wrong, so one start reports every problem of the file.
  .superRefine(homeRules, { when: whenAMapping })
  .superRefine(statusPageTenantRule, { when: whenAMapping });

/** Rooms for API and alert declarations open on the home platform: its two keys go together, and placements other than `declared` need them. */
function homeRules(file: Record<string, unknown>, ctx: z.core.$RefinementCtx): void {
  const hasPlatform = file.homePlatform !== undefined;
  if (hasPlatform !== (file.homeWorkspaceId !== undefined)) {
    ctx.addIssue({ code: 'custom', path: [hasPlatform ? 'homeWorkspaceId' : 'homePlatform'], message: 'is required when the other home setting is given (rooms for API and alert declarations open there)' });
  }
  const placement = file.roomPlacement;
  if (typeof placement === 'string' && placement !== 'declared' && (ROOM_PLACEMENTS as readonly string[]).includes(placement) && !hasPlatform) {
    ctx.addIssue({ code: 'custom', path: ['roomPlacement'], message: `${placement} opens rooms on the home platform: set homePlatform and homeWorkspaceId too` });
  }
}
