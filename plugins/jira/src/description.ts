import type { PluginIncident } from '@muster/plugin-sdk';

/** One line of a description: plain text, or a labelled link. */
export type Line = { readonly text: string } | { readonly label: string; readonly text: string; readonly href: string };

/** What the incident's issue says: its summary, severity, services, status and links to its rooms. */
export function incidentLines(incident: PluginIncident, severityLabel: string | undefined): Line[] {
  const lines: Line[] = [];
  // One paragraph per line of the summary: a text node's line breaks are not paragraphs in ADF.
  for (const line of (incident.summary ?? '').split(/\r?\n/)) if (line.trim()) lines.push({ text: line.trim() });
  lines.push({ text: `Severity: ${incident.severity}${severityLabel ? ` (${severityLabel})` : ''}` });
  if (incident.services.length) lines.push({ text: `Services: ${incident.services.join(', ')}` });
  lines.push({ text: `Declared: ${incident.declaredAt}` });
  for (const room of incident.rooms) {
    const href = httpUrl(room.url);
    if (href) lines.push({ label: `Incident room (${room.platform}): `, text: room.name?.trim() || href, href });
  }
  lines.push({ text: `Opened by Muster for ${incident.reference}.` });
  return lines;
}

/** An action item's issue: its text, and where it came from. */
export function actionItemLines(incident: PluginIncident, text: string, incidentKey: string | undefined): Line[] {
  return [
    { text },
    { text: `Follow-up of ${incident.reference}: ${incident.title}${incidentKey ? ` (${incidentKey})` : ''}` },
    ...incident.rooms.flatMap((room) => {
      const href = httpUrl(room.url);
      return href ? [{ label: `Incident room (${room.platform}): `, text: room.name?.trim() || href, href }] : [];
    }),
  ];
}

/**
 * Atlassian Document Format (Cloud, REST v3): a `doc` of paragraphs of text nodes, links as `link`
 * marks. ADF refuses empty text nodes, so empty lines are left out.
 */
export function toAdf(lines: readonly Line[]): unknown {
  const text = (value: string, href?: string) => ({ type: 'text', text: value, ...(href ? { marks: [{ type: 'link', attrs: { href } }] } : {}) });
  return {
    type: 'doc',
    version: 1,
    content: lines.filter((line) => line.text.length > 0).map((line) => ({
      type: 'paragraph',
      content: 'href' in line ? [text(line.label), text(line.text, line.href)] : [text(line.text)],
    })),
  };
}

/** Data Center (REST v2) takes wiki markup: links as `[text|url]`, with the markup characters of user text neutralised. */
export function toWiki(lines: readonly Line[]): string {
  return lines.filter((line) => line.text.length > 0)
    .map((line) => ('href' in line ? `${wikiText(line.label)}[${wikiText(line.text).replace(/\\\|/g, '/')}|${line.href.replace(/\|/g, '%7C').replace(/\]/g, '%5D')}]` : wikiText(line.text)))
    .join('\n\n');
}

/** Braces, brackets and pipes start macros and links in wiki markup: escaped, so a title cannot inject one. */
function wikiText(value: string): string {
  return value.replace(/([{}[\]|])/g, '\\$1');
}

function httpUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password ? url.href : undefined;
  } catch {
    return undefined;
  }
}
