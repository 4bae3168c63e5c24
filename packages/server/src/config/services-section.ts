import type { ServiceContact } from '@muster/core';
import { z } from 'zod';
import type { FileServiceEntry } from './file-config';
import { entries, flag, freeText, list, settings, text, whenAMapping } from './schema-kit';

/**
 * `services:` in muster.yaml, the service catalogue: name → owners, experts, runbooks, and what each
 * integration calls the service. The same schema (less `tenant`) checks a REST `PUT /api/v1/services/:name`.
 */

/** Slug-like, so `--service checkout,payments` and URLs carry a name unchanged. */
export const SERVICE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const PLUGIN_ID = /^[a-z][a-z0-9-]{1,39}$/;
const TENANT = { pattern: /^[A-Za-z0-9][A-Za-z0-9._:-]{0,200}$/, what: 'a tenant id (one of tenants:, or default)' };
const PERSON_KEY = /^(slack|teams|console):(\S{1,190})$/;
const EMAIL = /^[^\s@<>"(),;:]{1,64}@[A-Za-z0-9-]{1,63}(\.[A-Za-z0-9-]{1,63})+$/;
const CONTACT = { pattern: new RegExp(`${PERSON_KEY.source}|${EMAIL.source}`), what: 'a person key like slack:U0123ABCD or teams:<object id>, or an email address' };
const HTTP_URL = { pattern: /^https?:\/\/[^\s/?#]+[^\s]{0,2000}$/i, what: 'an http(s) URL' };

export const SERVICE_LIMITS = { description: 2000, contacts: 50, runbooks: 20, integrations: 30, integrationId: 200, runbookFile: 500 } as const;

const contact = text(CONTACT).transform((value): ServiceContact => {
  const person = PERSON_KEY.exec(value);
  return person ? { platform: person[1] as 'slack' | 'teams' | 'console', id: person[2]! } : { email: value.toLowerCase() };
});

const contacts = () => list(contact).max(SERVICE_LIMITS.contacts, { error: `must list at most ${SERVICE_LIMITS.contacts} people` }).default([]);

/** A URL alone, or `{ title, url }`; an untitled link is named after its service when the entry is read. */
const runbook = z.union([
  text(HTTP_URL).transform((url) => ({ url })),
  settings({ title: text().max(200, { error: 'must be at most 200 characters' }), url: text(HTTP_URL) }, 'must be a URL or a mapping like { title: Restart, url: https://… }'),
], { error: 'must be a URL or a mapping like { title: Restart, url: https://… }' });

/**
 * Relative to muster.yaml's directory and inside it: no absolute path, no drive letter, no `..`
 * segment, no home directory, nothing that is not plain text. Where the path really leads (a symbolic
 * link out of the directory) is checked when the file is read (service-definitions.ts).
 */
export const RUNBOOK_FILE = text({ pattern: /^[^\0]+$/, what: 'a path' })
  .max(SERVICE_LIMITS.runbookFile, { error: `must be at most ${SERVICE_LIMITS.runbookFile} characters` })
  .refine((path) => !/^([/\\~]|[A-Za-z]:)/.test(path), { error: "must be relative to muster.yaml's directory, not an absolute path" })
  .refine((path) => !path.split(/[/\\]/).includes('..'), { error: "must stay inside muster.yaml's directory: no \"..\" in the path" });

const INTEGRATIONS = z.record(
  z.string().regex(PLUGIN_ID),
  text().max(SERVICE_LIMITS.integrationId, { error: `must be at most ${SERVICE_LIMITS.integrationId} characters` }),
  { error: (issue) => (issue.code === 'invalid_key' ? 'has a key that is not a plugin id (like pagerduty or jira)' : 'must be a mapping of plugin id to what that integration calls the service, like pagerduty: PABC123') },
).refine((ids) => Object.keys(ids).length <= SERVICE_LIMITS.integrations, { error: `must name at most ${SERVICE_LIMITS.integrations} integrations` });

/** One service's settings: `owners`, `smes`, `runbooks`, `runbookFile`, `integrations`, `public`, `description`. */
export const SERVICE_FIELDS = {
  description: freeText().max(SERVICE_LIMITS.description, { error: `must be at most ${SERVICE_LIMITS.description} characters` }).default(''),
  owners: contacts(),
  smes: contacts(),
  runbooks: list(runbook).max(SERVICE_LIMITS.runbooks, { error: `must list at most ${SERVICE_LIMITS.runbooks} runbooks` }).default([]),
  runbookFile: RUNBOOK_FILE.optional(),
  integrations: INTEGRATIONS.default({}),
  public: flag().default(false),
};

/** The body of `PUT /api/v1/services/:name`: a service's settings; the tenant is the token's. */
export const SERVICE_BODY = settings(SERVICE_FIELDS, 'must be a mapping of the service\'s settings, like { owners: [slack:U0123ABCD] }');

const SERVICE = settings({ ...SERVICE_FIELDS, tenant: text(TENANT).optional() }, 'must be a mapping of the service\'s settings, like owners: [slack:U0123ABCD]');

/** `services: { <name>: { … } }`; `checkout:` alone is a service with nothing set yet. */
export const SERVICES: z.ZodType<Record<string, FileServiceEntry>> = entries(z.string().regex(SERVICE_NAME), SERVICE, {
  badId: 'is not a service name: use letters, digits, ".", "_" or "-" (at most 100), starting with a letter or digit',
  notAMapping: 'must be a mapping of service name to its settings, like checkout: { owners: [slack:U0123ABCD] }',
})
  .superRefine(namesUniqueIgnoringCase, { when: whenAMapping });

/** Names are looked up ignoring case, so `Checkout` and `checkout` in one tenant would be one service twice. */
function namesUniqueIgnoringCase(services: Record<string, unknown>, ctx: z.core.$RefinementCtx): void {
  const seen = new Map<string, string>();
  for (const [name, entry] of Object.entries(services)) {
    const tenant = typeof entry === 'object' && entry !== null && typeof (entry as { tenant?: unknown }).tenant === 'string' ? (entry as { tenant: string }).tenant : '';
    const key = `${tenant}\u0000${name.toLowerCase()}`;
    const other = seen.get(key);
    if (other !== undefined) ctx.addIssue({ code: 'custom', path: [name], message: `is the same name as "${other}" (names ignore case): keep one of them` });
    else seen.set(key, name);
  }
}
