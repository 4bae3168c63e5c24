import { z } from 'zod';
import { freeText, settings, text } from './schema-kit';

/** `statusPage:` of muster.yaml, after validation; every key optional. */
export interface StatusPageSettings {
  /** The page's heading and the feed's title; default "Service status". */
  readonly title?: string;
  /** A paragraph under the heading (plain text: where to get help, what the page covers). */
  readonly intro?: string;
  /** Which tenant `/status` shows; default the default tenant. Must be `default` or one of `tenants:`. */
  readonly tenant?: string;
}

export const STATUS_PAGE_LIMITS = { title: 100, intro: 1000 } as const;
const TENANT_ID = { pattern: /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, what: 'a tenant id (default, or one of tenants:)' };

/**
 * `statusPage: { title, intro, tenant }`: how the public page at `/status` introduces itself. Kept
 * small on purpose; what the page shows is decided by the catalogue (`public: true` services) and by
 * approved external updates, never here. Whether `tenant` names a configured tenant is checked with
 * the whole file (file-schema.ts), since `tenants:` is another section.
 */
export const STATUS_PAGE_SECTION: z.ZodType<StatusPageSettings> = settings({
  title: text().max(STATUS_PAGE_LIMITS.title, { error: `must be at most ${STATUS_PAGE_LIMITS.title} characters` }).optional(),
  intro: freeText().max(STATUS_PAGE_LIMITS.intro, { error: `must be at most ${STATUS_PAGE_LIMITS.intro} characters` }).transform((s) => s.trim()).optional(),
  tenant: text(TENANT_ID).optional(),
}, 'must be a mapping of title, intro and tenant, like { title: Acme status }');

/** The cross-section rule: `statusPage.tenant` is `default` or a tenant the file lists. */
export function statusPageTenantRule(file: Record<string, unknown>, ctx: z.core.$RefinementCtx): void {
  const page = file.statusPage;
  const tenant = typeof page === 'object' && page !== null ? (page as { tenant?: unknown }).tenant : undefined;
  if (typeof tenant !== 'string' || tenant === 'default') return;
  const tenants = file.tenants;
  const ids = Array.isArray(tenants) ? tenants.map((t: { id?: unknown }) => t?.id) : typeof tenants === 'object' && tenants !== null ? Object.keys(tenants) : [];
  if (!ids.includes(tenant.trim())) ctx.addIssue({ code: 'custom', path: ['statusPage', 'tenant'], message: `names tenant "${tenant}", which is not in tenants: (use default or one of ${ids.length ? ids.join(', ') : 'none configured'})` });
}
