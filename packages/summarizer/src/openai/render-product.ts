import { NARRATIVE_SECTIONS, type NarrativeSectionKey, type SummaryRequest } from '@muster/core';
import { joinSections } from '../extractive/render-postmortem';
import type { PeopleAliases } from '../redaction/people-aliases';
import type { Redactor } from '../redaction/redact';

export interface RenderedProduct {
  readonly text: string;
  readonly sections?: Partial<Record<NarrativeSectionKey, string>>;
}

/**
 * Turns the model's validated fields into what the port promises. Handles become names only where
 * the audience may see names; everything passes the redactor once more, in case a model put back
 * something that looks like a secret.
 */
export function renderProduct(request: SummaryRequest, fields: Readonly<Record<string, string>>, aliases: PeopleAliases, redactor: Redactor): RenderedProduct {
  const external = request.kind === 'status_update' && request.audience === 'external';
  const finish = (text: string) => redactor.redact(external ? aliases.anonymize(text) : aliases.reveal(text)).trim();
  switch (request.kind) {
    case 'catch_up':
      return {
        text: [
          ['What happened', fields.what_happened],
          ['Current status', fields.current_status],
          ['Who is doing what', fields.who_is_doing_what],
          ['Open questions', fields.open_questions],
        ]
          .filter(([, body]) => body?.trim())
          .map(([title, body]) => `${title}\n${finish(body)}`)
          .join('\n\n'),
      };
    case 'status_update':
      return { text: finish(fields.body) };
    case 'postmortem_narrative': {
      const sections: Partial<Record<NarrativeSectionKey, string>> = {};
      for (const { key } of NARRATIVE_SECTIONS) if (fields[key]?.trim()) sections[key] = finish(fields[key]);
      return { text: joinSections(sections), sections };
    }
  }
}

/**
 * Extra checks on an external draft, fed back to the model as corrections: it must not mention
 * people, nor contain anything the external redaction would remove (hosts, links, addresses, secrets).
 */
export function externalDraftProblems(body: string, aliases: PeopleAliases, externalRedactor: Redactor): string[] {
  const problems: string[] = [];
  if (aliases.mentionsSomeone(body)) problems.push('"body" mentions a person; an external update must not name or refer to individuals');
  const placeholders = /\[(?:secret|email|phone|ip|host|link|person)\]/;
  if (placeholders.test(body) || externalRedactor.redact(body) !== body) {
    problems.push('"body" contains a host name, link, address or removed data; describe the impact in plain words instead');
  }
  return problems;
}
