import { mentionOf, replaceMentions, type PersonRef } from '@muster/core';
import { decodeHTML } from 'entities';
import { isMention, type InboundActivity, type MentionEntity } from './activity.schema';

export interface MessageText {
  /** Whether the message @mentions the bot (a mention entity naming the bot's own account). */
  readonly mentionsBot: boolean;
  /** The text with the bot's mention removed, people as neutral mention tokens, markup and entities decoded. */
  readonly text: string;
}

/** Resolves a mentioned account to a person, or undefined (then the mention stays as `@Name` text). */
export type MentionResolver = (mentioned: MentionEntity['mentioned']) => Promise<PersonRef | undefined>;

/** Characters that cannot occur in what Teams sends, used to hold a mention's place while markup is removed. */
const HOLD = (n: number) => `\u0000${n}\u0000`;

/**
 * Teams message text (`<at>Muster</at> assign scribe <at>Bob Jones</at> &amp; more`) as core reads it.
 * Mentions are found by their entities, never by a pattern on the name: the bot's own mention goes,
 * every other becomes `<@teams:<aad id>|Bob Jones>`. Remaining tags are dropped and HTML entities
 * decoded last, so text a person typed as `&lt;b&gt;` stays the literal `<b>`, and a mention token
 * typed by hand stays plain text.
 */
export async function messageTextOf(activity: InboundActivity, resolve: MentionResolver): Promise<MessageText> {
  let text = (activity.text ?? '').replace(/\u0000/gu, '');
  const mentions = (activity.entities ?? []).filter(isMention);
  const held: string[] = [];
  let mentionsBot = false;
  let cursor = 0;
  for (const mention of mentions) {
    const shown = mention.text ?? `<at>${mention.mentioned.name ?? ''}</at>`;
    const at = text.indexOf(shown, cursor);
    if (at < 0) continue;
    const isBot = mention.mentioned.id === activity.recipient.id;
    mentionsBot ||= isBot;
    const replacement = isBot ? '' : await tokenFor(mention, resolve);
    const mark = replacement ? HOLD(held.push(replacement) - 1) : '';
    text = text.slice(0, at) + mark + text.slice(at + shown.length);
    cursor = at + mark.length;
  }
  const decoded = decodeHTML(text.replace(/<br\s*\/?>/giu, '\n').replace(/<\/p>/giu, '\n').replace(/<[^>]*>/gu, '')).replace(/\u00a0/gu, ' ');
  // A token someone typed (`&lt;@teams:x|CEO&gt;`) is only text: only Teams' mention entities name people.
  const plain = replaceMentions(decoded, (p) => `@${p.name ?? p.id}`)
    .replace(/\u0000(\d+)\u0000/gu, (_m, n: string) => held[Number(n)] ?? '');
  return { mentionsBot, text: plain.replace(/[ \t]+/gu, ' ').replace(/\s*\n\s*/gu, '\n').trim() };
}

async function tokenFor(mention: MentionEntity, resolve: MentionResolver): Promise<string> {
  const person = await resolve(mention.mentioned);
  const name = (mention.mentioned.name ?? mention.text?.replace(/<\/?at>/giu, '') ?? '').trim();
  return person ? mentionOf(person) : `@${decodeHTML(name)}`;
}
