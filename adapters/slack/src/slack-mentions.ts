import { mentionOf, type PersonRef } from '@muster/core';

/**
 * A mention as Slack writes it in message and command text: `<@U123>`, or `<@U123|ana>` for commands
 * declared with `should_escape` (and in older payloads). Slack escapes `<`, `>` and `&` in what people
 * type, so these can only be real mentions Slack made, never typed look-alikes.
 */
export const SLACK_MENTION = /<@([UW][A-Z0-9]{2,})(?:\|([^<>]*))?>/g;

/**
 * Slack's mentions as core's neutral tokens (`<@slack:U123|ana>`), before any text reaches core: the
 * parser, the timeline and the summarizer never see Slack's format. `personOf` says who an id is
 * (the directory's memory, so a known name travels with the token); a name Slack sent along wins.
 */
export function neutralMentions(text: string, personOf: (userId: string) => PersonRef): string {
  return text.replace(SLACK_MENTION, (_all, id: string, label?: string) => {
    const name = label?.trim();
    return mentionOf(name ? { platform: 'slack', id, name } : personOf(id));
  });
}

/** Every person Slack named with a label in `text` (`<@U123|ana>`), so the directory can learn their handle. */
export function labelledMentions(text: string): PersonRef[] {
  return [...text.matchAll(SLACK_MENTION)].flatMap(([, id, label]) => (label?.trim() ? [{ platform: 'slack' as const, id: id as string, name: label.trim() }] : []));
}

/** The user ids Slack mentioned in `text` without a name (`<@U123>`), once each: the names a reader still needs. */
export function unlabelledMentions(text: string): string[] {
  return [...new Set([...text.matchAll(SLACK_MENTION)].flatMap(([, id, label]) => (label?.trim() ? [] : [id as string])))];
}
