import { PERMISSIONS, type PermissionPolicy, type RoleDefinition, type SeverityLevel } from '@muster/core';
import type { z } from 'zod';
import { flag, freeText, list, positiveNumber, settings, text, textList } from './schema-kit';

/** Severity, role and permission settings of muster.yaml: the process an installation follows. */

const IDENTIFIER = { pattern: /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/, what: 'letters, digits, - or _ (at most 40)' };

const SEVERITY = settings({
  id: text(IDENTIFIER),
  label: text(),
  description: freeText().default(''),
  updateCadenceMinutes: positiveNumber(),
  createsRoom: flag().default(true),
  page: textList().default([]),
  conference: flag().default(false),
}, 'must be a mapping with id, label and updateCadenceMinutes');

/** Ordered, most severe first. Duplicate ids are the core catalogue's to refuse (its message is passed on). */
export const SEVERITIES: z.ZodType<SeverityLevel[]> = list(SEVERITY).min(1, { error: 'must list at least one level (or be left out for SEV1–SEV3)' });

const ROLE = settings({
  id: text(IDENTIFIER),
  label: text(),
  aliases: textList().default([]),
  multiple: flag().default(false),
  description: freeText().default(''),
}, 'must be a mapping with id and label');

export const ROLES: z.ZodType<RoleDefinition[]> = list(ROLE);

/** Permission → the role ids that hold it; roles the catalogue lacks are its to refuse. */
export const PERMISSIONS_SECTION: z.ZodType<Partial<PermissionPolicy>> = settings(
  Object.fromEntries(PERMISSIONS.map((permission) => [permission, textList().optional()])),
);
