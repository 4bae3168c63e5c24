import type { Platform } from '../../domain/person';
import { isEmailContact, type Service, type ServiceContact } from '../../domain/service';
import type { Inline, RichText, View } from './view';

/** Past this the list says "and N more": a chat message is not the place for a 300-service catalogue. */
const SHOWN = 50;

/** A contact as the reader can use it: a mention on their own platform, else the address or the person key. */
function contactInline(c: ServiceContact, platform: Platform | undefined): Inline {
  if (isEmailContact(c)) return c.name ? `${c.name} <${c.email}>` : c.email;
  return c.platform === platform ? { mention: c } : { code: `${c.platform}:${c.id}` };
}

function joined(pieces: readonly Inline[]): Inline[] {
  return pieces.flatMap((p, i) => (i ? [', ', p] : [p]));
}

/** `services`: every service of the tenant's catalogue with its owners, on-call ids and runbook. */
export function serviceListView(services: readonly Service[], platform: Platform | undefined): View {
  const header = 'Service catalogue';
  if (services.length === 0) {
    return {
      fallback: `${header}: empty`,
      blocks: [{ type: 'header', text: header }, {
        type: 'text', tone: 'muted',
        text: ['The catalogue is empty. Add services under ', { code: 'services:' }, ' in muster.yaml, or with ', { code: 'PUT /api/v1/services/<name>' }, '.'],
      }],
    };
  }
  const items = services.slice(0, SHOWN).map((s): RichText => {
    const parts: Inline[] = [{ bold: s.name }];
    if (s.description) parts.push(` — ${s.description}`);
    if (s.owners.length) parts.push(' · owners ', ...joined(s.owners.map((c) => contactInline(c, platform))));
    const ids = Object.entries(s.integrations);
    if (ids.length) parts.push(' · ', ...joined(ids.map(([plugin, id]) => `${plugin} ${id}`)));
    const runbook = s.runbooks[0];
    if (runbook) parts.push(' · ', { link: { url: runbook.url, text: runbook.title } });
    else if (s.runbookFile) parts.push(' · runbook ', { code: s.runbookFile });
    return parts;
  });
  return {
    fallback: `${header}: ${services.map((s) => s.name).join(', ')}`,
    blocks: [
      { type: 'header', text: header },
      { type: 'list', items },
      ...(services.length > SHOWN ? [{ type: 'context' as const, text: [`and ${services.length - SHOWN} more; GET /api/v1/services lists them all.`] }] : []),
    ],
  };
}

/**
 * "Experts for checkout: @ana, bo@example.com." under a declaration, one line per service that names
 * experts. Experts on another platform than the reader's are left out (a mention there means nothing here).
 */
export function expertsText(services: readonly Service[], platform: Platform | undefined, roomOpens: boolean): RichText[] {
  const then = roomOpens ? ' The room invites them with the service\'s owners.' : ' Bring them in if you need them.';
  return services.flatMap((s) => {
    const experts = s.subjectMatterExperts.filter((c) => isEmailContact(c) || c.platform === platform);
    if (experts.length === 0) return [];
    return [[`Experts for ${s.name}: `, ...joined(experts.map((c) => contactInline(c, platform))), `.${then}`]];
  });
}
