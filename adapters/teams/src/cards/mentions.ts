import { personKey, type PersonRef } from '@muster/core';
import type { MentionEntity } from './card-types';

/** AAD object ids are GUIDs; Bot Framework user ids (`29:…`) are accepted too. Anything else is not mentioned. */
const TEAMS_USER_ID = /^(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|(?:29|8):[A-Za-z0-9._:@-]{1,200})$/;
/** Characters a display name loses inside `<at>…</at>`: markup, and what would end the tag. */
const NOT_IN_AT_TEXT = /[<>&*_~`[\]\\#|\u0000-\u001F\u007F]/g;
const MAX_NAME_CHARS = 64;

export const isTeamsMentionable = (person: PersonRef): boolean => person.platform === 'teams' && TEAMS_USER_ID.test(person.id);

function shownName(person: PersonRef): string {
  const cleaned = (person.name ?? '').replace(NOT_IN_AT_TEXT, ' ').replace(/\s+/g, ' ').trim();
  return Array.from(cleaned).slice(0, MAX_NAME_CHARS).join('').trim() || 'Teams user';
}

/**
 * The mentions of one card. Teams matches each entity's `text` against the card's text, so two people
 * with the same display name get distinct texts (`<at>Ana</at>`, `<at>Ana (2)</at>`) and one person
 * mentioned twice shares one entity.
 */
export class MentionRegistry {
  private readonly byPerson = new Map<string, MentionEntity>();
  private readonly taken = new Set<string>();

  /** The `<at>` text for a Teams person, registering it; undefined for anyone Teams cannot mention. */
  atText(person: PersonRef): { key: string; text: string } | undefined {
    if (!isTeamsMentionable(person)) return undefined;
    const key = personKey(person);
    const known = this.byPerson.get(key);
    if (known) return { key, text: known.text };
    const name = shownName(person);
    let text = `<at>${name}</at>`;
    for (let n = 2; this.taken.has(text); n++) text = `<at>${name} (${n})</at>`;
    this.taken.add(text);
    this.byPerson.set(key, { type: 'mention', text, mentioned: { id: person.id, name } });
    return { key, text };
  }

  /** The entities for the people whose mentions made it into the card, in first-seen order. */
  entitiesFor(keys: ReadonlySet<string>): MentionEntity[] {
    return [...this.byPerson].filter(([key]) => keys.has(key)).map(([, entity]) => entity);
  }
}
