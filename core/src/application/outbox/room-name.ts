import type { Incident } from '../../domain/incident';
import { slugify } from '../../support/slug';

/** `inc-{number}-{slug}` → `inc-42-checkout-errors`; platforms make it valid and unique. */
export function roomName(pattern: string, incident: Incident): string {
  const slug = slugify(incident.title, { maxLength: 60 });
  const name = pattern
    .replace(/\{number\}/g, String(incident.snapshot().number))
    .replace(/\{severity\}/g, incident.severity.toLowerCase())
    .replace(/\{slug\}/g, slug || 'incident');
  return name.slice(0, 80).replace(/-+$/, '');
}
