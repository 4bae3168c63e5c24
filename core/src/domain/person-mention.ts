import type { PersonRef, Platform } from './person';

/**
 * The one way a person is mentioned in text that reaches core, the store or the summarizer:
 * `<@slack:U123|Alice>`, `<@teams:5f1c…|Bob Jones>`. Adapters turn their platform's mentions
 * (Slack `<@U123|alice>`, Teams `<at>Bob</at>` with a mention entity) into this form on the way in and
 * back into the platform's form on the way out, so nothing behind the adapters knows a platform's format.
 */
export const MENTION_PATTERN = /<@(slack|teams|console|api|webhook):([^\s|<>]+)(?:\|([^<>]*))?>/gu;

/** Exactly one token, nothing around it. */
const WHOLE_MENTION = new RegExp(`^${MENTION_PATTERN.source}$`, 'u');

/** A mention token for a person; the name is cleaned of the characters that delimit the token. */
export function mentionOf(person: PersonRef): string {
  const name = person.name?.replace(/[<>|\r\n]/gu, ' ').replace(/\s+/gu, ' ').trim();
  return `<@${person.platform}:${person.id}${name ? `|${name}` : ''}>`;
}

/** The person a whole token names (`<@teams:abc|Bob>`), or undefined when the text is not exactly one token. */
export function parseMention(token: string): PersonRef | undefined {
  const match = WHOLE_MENTION.exec(token.trim());
  if (!match) return undefined;
  const name = match[3]?.trim();
  return { platform: match[1] as Platform, id: match[2] as string, ...(name ? { name } : {}) };
}

/** Rewrites every mention token in `text` with what `render` returns for its person. */
export function replaceMentions(text: string, render: (person: PersonRef) => string): string {
  return text.replace(MENTION_PATTERN, (_all, platform: string, id: string, name?: string) => {
    const shown = name?.trim();
    return render({ platform: platform as Platform, id, ...(shown ? { name: shown } : {}) });
  });
}
