import { createHash } from 'node:crypto';
import { displayName, personKey, replaceMentions, type IncidentState, type PersonRef, type TimelineEntry } from '@muster/core';
import { PLACEHOLDER } from './redaction-patterns';

/**
 * People are sent to the LLM as stable handles (`person-3fa2c1`), never by name, and put back into
 * the output only where the audience may see names. Because a handle depends on nothing but the
 * person's platform id, the rolling facts stored between summaries stay name-free and can be shared
 * by internal and external products alike.
 */
export class PeopleAliases {
  private readonly byKey = new Map<string, { person: PersonRef; handle: string }>();
  private readonly byHandle = new Map<string, PersonRef>();
  private readonly namePatterns: readonly RegExp[];
  private readonly handleToName = new Map<string, string>();

  constructor(people: Iterable<PersonRef>) {
    for (const person of people) this.add(person);
    this.namePatterns = buildNamePatterns([...this.byKey.values()]);
  }

  static forIncident(incident: IncidentState, timeline: readonly TimelineEntry[]): PeopleAliases {
    return PeopleAliases.forPeople(incident, timeline.flatMap(peopleOfEntry));
  }

  /** Aliases for the incident's people and those found on its timeline (gathered page by page). */
  static forPeople(incident: IncidentState, timelinePeople: readonly PersonRef[]): PeopleAliases {
    return new PeopleAliases(peopleIn(incident, timelinePeople));
  }

  handleOf(person: PersonRef | undefined): string | undefined {
    return person ? this.byKey.get(personKey(person))?.handle : undefined;
  }

  /**
   * Mentions (core's neutral tokens, whatever platform they came from) and known names become
   * handles; mentions of people we do not know become `[person]`, so a name in a token never leaks.
   */
  hide(text: string): string {
    let out = replaceMentions(text, (person) => this.byKey.get(personKey(person))?.handle ?? PLACEHOLDER.person);
    for (const pattern of this.namePatterns) out = out.replace(pattern, (name) => this.handleForName(name) ?? name);
    return out;
  }

  /** For audiences that may see names: handles become display names. */
  reveal(text: string): string {
    return text.replace(HANDLE_PATTERN, (handle) => this.handleToName.get(handle) ?? PLACEHOLDER.person);
  }

  /** For outsiders: whatever handle slipped through becomes a neutral word. */
  anonymize(text: string, word = 'the team'): string {
    return text.replace(HANDLE_PATTERN, word);
  }

  /** Whether text mentions anyone, by handle or by a known name (checked on external drafts). */
  mentionsSomeone(text: string): boolean {
    HANDLE_PATTERN.lastIndex = 0;
    if (HANDLE_PATTERN.test(text)) return true;
    return this.namePatterns.some((pattern) => {
      pattern.lastIndex = 0;
      return pattern.test(text);
    });
  }

  private add(person: PersonRef): void {
    const key = personKey(person);
    const known = this.byKey.get(key);
    if (known) {
      // A later ref may carry the name an earlier one lacked.
      if (!known.person.name && person.name) {
        known.person = person;
        this.handleToName.set(known.handle, displayName(person));
      }
      return;
    }
    const digest = createHash('sha256').update(key).digest('hex');
    let length = 6;
    while (this.byHandle.has(`person-${digest.slice(0, length)}`)) length++;
    const handle = `person-${digest.slice(0, length)}`;
    this.byKey.set(key, { person, handle });
    this.byHandle.set(handle, person);
    this.handleToName.set(handle, displayName(person));
  }

  private handleForName(name: string): string | undefined {
    const lower = name.toLowerCase();
    const byFirstName: string[] = [];
    for (const { person, handle } of this.byKey.values()) {
      const full = person.name?.trim();
      if (!full) continue;
      if (full.toLowerCase() === lower) return handle;
      if (firstName(full) === name) byFirstName.push(handle);
    }
    // Two people called Alex: saying which one would be a guess.
    if (byFirstName.length > 1) return PLACEHOLDER.person;
    return byFirstName[0];
  }
}

const HANDLE_PATTERN = /\bperson-[0-9a-f]{6,64}\b/g;

function peopleIn(incident: IncidentState, timelinePeople: readonly PersonRef[]): PersonRef[] {
  const people: PersonRef[] = [incident.declaredBy];
  for (const r of incident.roles) people.push(r.person, r.assignedBy);
  return [...people, ...timelinePeople];
}

/** The people one entry names: its actor and any person in its data. */
export function peopleOfEntry(e: TimelineEntry): PersonRef[] {
  const people: PersonRef[] = e.actor ? [e.actor] : [];
  for (const value of Object.values(e.data)) if (isPersonRef(value)) people.push(value);
  return people;
}

function isPersonRef(value: unknown): value is PersonRef {
  return typeof value === 'object' && value !== null && typeof (value as PersonRef).id === 'string' && typeof (value as PersonRef).platform === 'string';
}

/** The first word of a name, when it is long enough and capitalised to be told apart from ordinary words. */
function firstName(full: string): string | undefined {
  const first = full.split(/\s+/)[0];
  return first && first.length >= 3 && first !== full && /^\p{Lu}/u.test(first) ? first : undefined;
}

/**
 * Full names match in any case; first names only capitalised, so a person called "Will" does not
 * swallow every "will" in the chat. Longest names first, so "Ann Lee" wins over "Ann".
 */
function buildNamePatterns(entries: readonly { person: PersonRef }[]): RegExp[] {
  const full = new Set<string>();
  const first = new Set<string>();
  for (const { person } of entries) {
    const name = person.name?.trim();
    if (!name || name.length < 3) continue;
    full.add(name);
    const f = firstName(name);
    if (f) first.add(f);
  }
  const byLength = (a: string, b: string) => b.length - a.length;
  const wordBounded = (alternatives: string[], flags: string) =>
    new RegExp(`(?<![\\p{L}\\p{N}_-])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}_])`, flags);
  const patterns: RegExp[] = [];
  if (full.size) patterns.push(wordBounded([...full].sort(byLength).map(escape), 'giu'));
  const firsts = [...first].filter((f) => !full.has(f)).sort(byLength).map(escape);
  if (firsts.length) patterns.push(wordBounded(firsts, 'gu'));
  return patterns;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
