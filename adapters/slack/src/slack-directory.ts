import type { ChatPlatform, DirectoryPort, EmailDirectory, PersonRef } from '@muster/core';
import { BoundedCache } from '@muster/core';
import { SLACK_MENTION } from './slack-mentions';
import { neutralMentions, unlabelledMentions } from './slack-mentions';
import type { SlackModalsAndPeople } from './modals-and-people';

/** `<@U123>`, `<@U123|ana>` (how Slack sends a picked mention with `should_escape`) or a bare user id. */
const MENTION = new RegExp(`^${SLACK_MENTION.source}$|^@?([UW][A-Z0-9]{2,})$`);
/** `@ana` or `ana.lopez`: what someone types without picking from Slack's list. */
const HANDLE = /^@?([\p{L}\p{N}._-]{1,80})$/u;
/** What Slack's `users.lookupByEmail` can be asked about: one plain address, nothing to inject. */
const EMAIL = /^[^\s@<>()",;]{1,64}@[A-Za-z0-9.-]{1,190}\.[A-Za-z]{2,63}$/;
const HANDLE_TTL_MS = 24 * 60 * 60_000;
/**
 * How long capturing a message waits for Slack to name someone Muster has not seen yet: well inside the
 * Events API's 3 s. Past it the id alone is stored, and the name is still learned for the next message.
 */
export const NAME_WAIT_MS = 1_000;

type Known = PersonRef | 'ambiguous';

/**
 * People in Slack, without ever listing every user (rate limited, and slow in big workspaces).
 * A mention carries the user id (and usually the name): resolved at once, no Web API call on the way
 * to the ack. A plain `@handle` is resolved only from people Muster has already seen (they ran a
 * command, clicked a button, were mentioned or looked up); otherwise it is unknown, and core asks the
 * person to pick the name from Slack's autocomplete, which sends the id.
 */
export class SlackDirectory implements DirectoryPort, EmailDirectory {
  private readonly byId = new BoundedCache<string, PersonRef>(20_000, HANDLE_TTL_MS);
  private readonly byHandle = new BoundedCache<string, Known>(40_000, HANDLE_TTL_MS);
  /** Slack tells emails to apps with `users:read.email` (in Muster's manifest). */
  readonly knowsEmails = true;

  constructor(private readonly web: SlackModalsAndPeople) {}

  async resolve(_platform: ChatPlatform, workspaceId: string, handle: string): Promise<PersonRef | undefined> {
    const text = handle.trim();
    const mention = MENTION.exec(text);
    if (mention) {
      const id = (mention[1] ?? mention[3]) as string;
      const label = mention[2]?.trim();
      if (label) return this.remember(workspaceId, { platform: 'slack', id, name: label });
      return this.personOf(workspaceId, id);
    }
    const typed = HANDLE.exec(text)?.[1];
    if (!typed) return undefined;
    const known = this.byHandle.get(handleKey(workspaceId, typed));
    return known === 'ambiguous' ? undefined : known;
  }

  /**
   * Notes who someone is (from a command's `user_name`, a button's `user.username`, a look-up), so
   * their plain `@handle` resolves later. Two people answering to one handle make it ambiguous.
   */
  remember(workspaceId: string, person: PersonRef, ...handles: (string | undefined)[]): PersonRef {
    this.byId.set(`${workspaceId}:${person.id}`, person);
    for (const handle of new Set([person.name, ...handles].filter((h): h is string => !!h && HANDLE.test(h.trim())))) {
      const key = handleKey(workspaceId, handle.trim().replace(/^@/, ''));
      const earlier = this.byHandle.get(key);
      this.byHandle.set(key, earlier && earlier !== 'ambiguous' && earlier.id !== person.id ? 'ambiguous' : earlier === 'ambiguous' ? earlier : person);
    }
    return person;
  }

  /** A Slack user by id, with the name only if Muster already knows it; never asks Slack (per-message paths). */
  knownPerson(workspaceId: string, userId: string): PersonRef {
    return this.byId.get(`${workspaceId}:${userId}`) ?? { platform: 'slack', id: userId };
  }

  /**
   * A Slack user by id, with the name if Muster knows it. Never waits for Slack: an unknown name is
   * looked up in the background, for the next time (timeline authors, role holders).
   */
  personOf(workspaceId: string, userId: string): PersonRef {
    const known = this.byId.get(`${workspaceId}:${userId}`);
    if (known) return known;
    this.learnInBackground(workspaceId, userId);
    return { platform: 'slack', id: userId };
  }

  /**
   * A Slack user by id with their name, asking Slack (once a day per person, cached) when Muster has not
   * seen them. For captured messages: a message event names only the user id, and what is stored is what
   * the postmortem and the updates will say, so it is worth a short, bounded wait (NAME_WAIT_MS) for it.
   */
  async named(workspaceId: string, userId: string, waitMs = NAME_WAIT_MS): Promise<PersonRef> {
    const known = this.byId.get(`${workspaceId}:${userId}`);
    if (known) return known;
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = new Promise<undefined>((resolve) => { timer = setTimeout(() => resolve(undefined), waitMs); });
    try {
      return (await Promise.race([this.learn(workspaceId, userId), gaveUp])) ?? { platform: 'slack', id: userId };
    } finally {
      clearTimeout(timer);
    }
  }

  /** Slack's mentions in a captured message as neutral tokens with the people's names, looked up as `named` does. */
  async namedMentions(workspaceId: string, text: string, waitMs = NAME_WAIT_MS): Promise<string> {
    await Promise.all(unlabelledMentions(text).map((id) => this.named(workspaceId, id, waitMs)));
    return neutralMentions(text, (id) => this.knownPerson(workspaceId, id));
  }

  /**
   * A Slack person's profile email (needs `users:read.email`), for linking them with the same human on
   * Teams. Asks Slack's `users.info` (cached with the name); undefined when Slack shows no email.
   */
  async emailOf(workspaceId: string, person: PersonRef): Promise<string | undefined> {
    if (person.platform !== 'slack') return undefined;
    const user = await this.web.user(workspaceId, person.id);
    if (user.person.name) this.remember(workspaceId, user.person);
    return user.email;
  }

  /** Slack's own admins and owners (`users.info` `is_admin` / `is_owner`); undefined for someone not on Slack. */
  async isWorkspaceAdmin(workspaceId: string, person: PersonRef): Promise<boolean | undefined> {
    if (person.platform !== 'slack') return undefined;
    return this.web.isAdmin(workspaceId, person.id);
  }

  /** The member of the workspace with this email, through `users.lookupByEmail`. */
  async byEmail(workspaceId: string, email: string): Promise<PersonRef | undefined> {
    const address = email.trim().replace(/^mailto:/i, '');
    if (!EMAIL.test(address)) return undefined;
    const found = await this.web.lookupByEmail(workspaceId, address);
    return found ? (found.name ? this.remember(workspaceId, found) : found) : undefined;
  }

  /**
   * A Slack user group's members (`@payments-oncall` is a group's handle), for workflows that invite a
   * team; undefined when no group has the handle, so the caller treats it as a person's.
   */
  async groupMembers(_platform: ChatPlatform, workspaceId: string, name: string): Promise<readonly PersonRef[] | undefined> {
    const handle = HANDLE.exec(name.trim())?.[1];
    if (!handle) return undefined;
    const ids = await this.web.userGroupMembers(workspaceId, handle);
    return ids?.map((id) => this.personOf(workspaceId, id));
  }

  /** The display name, fetched after the answer has gone, for the next time this person is named. */
  private learnInBackground(workspaceId: string, userId: string): void {
    void this.learn(workspaceId, userId);
  }

  /** Asks Slack who this is and remembers a name; undefined when Slack could not say. */
  private learn(workspaceId: string, userId: string): Promise<PersonRef | undefined> {
    return this.web.usersInfo(workspaceId, userId).then(
      (person) => (person.name ? this.remember(workspaceId, person) : undefined),
      () => undefined,
    );
  }
}

const handleKey = (workspaceId: string, handle: string): string => `${workspaceId}:${handle.toLowerCase()}`;
