import type { Incident } from '../../domain/incident';

/** `inc-{number}-{slug}` → `inc-42-checkout-errors`; platforms make it valid and unique. */
export function roomName(pattern: string, incident: Incident): string {
  const slug = incident.title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  const name = pattern
    .replace(/\{number\}/g, String(incident.snapshot().number))
    .replace(/\{severity\}/g, incident.severity.toLowerCase())
    .replace(/\{slug\}/g, slug || 'incident');
  return name.slice(0, 80).replace(/-+$/, '');
}
