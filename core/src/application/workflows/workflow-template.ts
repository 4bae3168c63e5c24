import { MusterError } from '../../errors';
import type { Incident } from '../../domain/incident';

/** The placeholders a workflow text may use; anything else in braces is refused at start. */
export const TEMPLATE_PLACEHOLDERS = ['incident.reference', 'incident.title', 'incident.severity', 'incident.url', 'incident.status', 'rule.name'] as const;
type Placeholder = (typeof TEMPLATE_PLACEHOLDERS)[number];

const PLACEHOLDER = /\{([^{}]*)\}/g;

/** The placeholders in `text` that Muster does not know (empty when the text is fine). */
export function unknownPlaceholders(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!.trim()).filter((name) => !(TEMPLATE_PLACEHOLDERS as readonly string[]).includes(name));
}

/** Throws a configuration error naming `where` when the text has an unknown placeholder. */
export function checkTemplate(text: string, where: string): void {
  const unknown = unknownPlaceholders(text);
  if (unknown.length > 0) {
    throw new MusterError('configuration', `${where} uses {${unknown[0]}}, which Muster does not know; use ${TEMPLATE_PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}.`);
  }
}

/**
 * Replaces the placeholders by plain text, once, left to right: a replacement is never read again
 * (a title of `{rule.name}` stays that text), and nothing is evaluated. The result is user text, so the
 * view that carries it is escaped by the renderer like any title (`<!channel>` never pings).
 */
export function fillTemplate(text: string, incident: Incident, ruleName: string, publicUrl?: string): string {
  const values: Record<Placeholder, string> = {
    'incident.reference': incident.reference,
    'incident.title': incident.title,
    'incident.severity': incident.severity,
    'incident.status': incident.status,
    'incident.url': incidentUrl(incident, publicUrl),
    'rule.name': ruleName,
  };
  return text.replace(PLACEHOLDER, (whole, name: string) => values[name.trim() as Placeholder] ?? whole);
}

/** The room's link when it has one (what people click in chat), else the REST address on the public URL. */
function incidentUrl(incident: Incident, publicUrl?: string): string {
  const room = incident.snapshot().links.rooms.find((r) => r.url);
  if (room?.url) return room.url;
  return publicUrl ? `${publicUrl.replace(/\/+$/, '')}/api/v1/incidents/${incident.reference}` : incident.reference;
}
