import type { StatusPageData } from './status-page-data';

/**
 * XML text: the five special characters escaped, and the characters XML 1.0 forbids outright (most
 * control characters, lone surrogates, U+FFFE/U+FFFF) dropped, since no escape makes them legal and
 * one of them in an update would make every reader reject the whole feed.
 */
export function xmlText(value: string): string {
  return value
    .replace(/[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/**
 * The tenant's approved external updates as an Atom 1.0 feed (RFC 4287): one entry per update, newest
 * first, its id a URN that never changes, content as plain text (`type="text"`), so a feed reader shows
 * exactly what was approved and never renders markup from it.
 */
export function statusAtomFeed(data: StatusPageData, pageUrl: string, feedUrl: string): string {
  const seen = new Set<string>();
  const entries = data.history.flatMap((day) => day.incidents)
    .concat(data.active)
    .flatMap((incident) => incident.updates.map((update) => ({ incident, update })))
    .filter(({ update }) => !seen.has(update.id) && seen.add(update.id))
    .sort((a, b) => b.update.at.getTime() - a.update.at.getTime());
  const updated = entries[0]?.update.at ?? data.updatedAt;
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>urn:muster:status:${xmlText(encodeURIComponent(data.tenant))}</id>`,
    `  <title type="text">${xmlText(data.title)}</title>`,
    `  <updated>${updated.toISOString()}</updated>`,
    `  <author><name>${xmlText(data.title)}</name></author>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlText(feedUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlText(pageUrl)}"/>`,
    ...entries.map(({ incident, update }) => [
      '  <entry>',
      `    <id>urn:muster:status-update:${xmlText(encodeURIComponent(update.id))}</id>`,
      `    <title type="text">${xmlText(incident.title)}</title>`,
      `    <updated>${update.at.toISOString()}</updated>`,
      `    <published>${update.at.toISOString()}</published>`,
      `    <link rel="alternate" type="text/html" href="${xmlText(`${pageUrl}#incident-${incident.id}`)}"/>`,
      `    <content type="text">${xmlText(update.body)}</content>`,
      '  </entry>',
    ].join('\n')),
    '</feed>',
    '',
  ];
  return lines.join('\n');
}
