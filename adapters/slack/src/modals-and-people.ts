import { type FormView, type MessageRef, MusterError, type PersonRef } from '@muster/core';
import { BoundedCache, sharedPromise } from '@muster/core';
import { renderModal } from './render/render-modal';
import type { SlackWebClient } from './slack-web-client';
import { isSlackError } from './slack-errors';

export interface SlackModalsAndPeopleOptions {
  /** How long a display name is trusted; names change rarely, look-ups are rate limited. Default 10 min. */
  readonly userCacheTtlMs?: number;
  readonly now?: () => number;
}

/** A Slack user as Muster needs them: who (with a display name) and, with `users:read.email`, their email. */
export interface SlackUser {
  readonly person: PersonRef;
  readonly email?: string;
}

export interface SlackBotIdentity {
  readonly teamId: string;
  readonly botUserId: string;
  readonly botId?: string;
  /** The workspace's web address, e.g. `https://acme.slack.com/`. */
  readonly url?: string;
}

const DEFAULT_USER_CACHE_TTL_MS = 10 * 60_000;
const IDENTITY_TTL_MS = 60 * 60_000;

/**
 * The Web API calls the Bolt layer needs beside the ChatGateway: modals, people and the bot's own
 * identity. Every method takes the workspace id first, because the token is chosen per workspace.
 */
export class SlackModalsAndPeople {
  private readonly people: BoundedCache<string, Promise<SlackUser>>;
  private readonly byEmail: BoundedCache<string, Promise<PersonRef | null>>;
  private readonly identities: BoundedCache<string, Promise<SlackBotIdentity>>;

  constructor(
    private readonly api: SlackWebClient,
    options: SlackModalsAndPeopleOptions = {},
  ) {
    const now = options.now ?? Date.now;
    this.people = new BoundedCache(10_000, options.userCacheTtlMs ?? DEFAULT_USER_CACHE_TTL_MS, now);
    this.identities = new BoundedCache(1000, IDENTITY_TTL_MS, now);
    this.byEmail = new BoundedCache(10_000, options.userCacheTtlMs ?? DEFAULT_USER_CACHE_TTL_MS, now);
  }

  /** Opens a form. A trigger id lives about 3 s and works once: call this before any slow work. */
  async openModal(workspaceId: string, triggerId: string, form: FormView): Promise<{ viewId: string }> {
    const result = await this.api.call(workspaceId, 'views.open', (web, token) => web.views.open({ token, trigger_id: triggerId, view: renderModal(form) }));
    return { viewId: result.view?.id ?? '' };
  }

  /** Pushes a form on top of the one open (a confirmation step). */
  async pushModal(workspaceId: string, triggerId: string, form: FormView): Promise<{ viewId: string }> {
    const result = await this.api.call(workspaceId, 'views.push', (web, token) => web.views.push({ token, trigger_id: triggerId, view: renderModal(form) }));
    return { viewId: result.view?.id ?? '' };
  }

  /** Replaces an open form. With `hash`, Slack refuses the update if the view changed meanwhile. */
  async updateModal(workspaceId: string, viewId: string, form: FormView, hash?: string): Promise<void> {
    await this.api.call(workspaceId, 'views.update', (web, token) => web.views.update({ token, view_id: viewId, view: renderModal(form), ...(hash ? { hash } : {}) }));
  }

  /** A Slack user as a PersonRef with their display name, cached for a while. */
  async usersInfo(workspaceId: string, userId: string): Promise<PersonRef> {
    return (await this.user(workspaceId, userId)).person;
  }

  /** A Slack user with their profile email (absent without the `users:read.email` scope), cached with the name. */
  user(workspaceId: string, userId: string): Promise<SlackUser> {
    return sharedPromise(this.people, `${workspaceId}:${userId}`, async () => {
      const result = await this.api.call(workspaceId, 'users.info', (web, token) => web.users.info({ token, user: userId }));
      const user = result.user;
      const name = [user?.profile?.display_name, user?.profile?.real_name, user?.real_name, user?.name].find((n) => typeof n === 'string' && n.trim() !== '');
      const email = user?.profile?.email?.trim();
      return { person: { platform: 'slack', id: userId, ...(name ? { name } : {}) }, ...(email ? { email } : {}) };
    });
  }

  /**
   * Whether the user is an admin or owner of the workspace, asked fresh each time (not from the name
   * cache): it decides who may change the workspace's plugins, and a demotion must count at once.
   */
  async isAdmin(workspaceId: string, userId: string): Promise<boolean> {
    const result = await this.api.call(workspaceId, 'users.info', (web, token) => web.users.info({ token, user: userId }));
    const user = result.user;
    return !!user && !user.deleted && !user.is_bot && (user.is_admin === true || user.is_owner === true || user.is_primary_owner === true);
  }

  /** The workspace member with this email (`users.lookupByEmail`); undefined when Slack knows nobody by it. */
  async lookupByEmail(workspaceId: string, email: string): Promise<PersonRef | undefined> {
    const found = await sharedPromise(this.byEmail, `${workspaceId}:${email.toLowerCase()}`, async () => {
      try {
        const result = await this.api.call(workspaceId, 'users.lookupByEmail', (web, token) => web.users.lookupByEmail({ token, email }));
        const user = result.user;
        if (!user?.id || user.deleted || user.is_bot) return null;
        const name = [user.profile?.display_name, user.profile?.real_name, user.real_name, user.name].find((n) => typeof n === 'string' && n.trim() !== '');
        return { platform: 'slack', id: user.id, ...(name ? { name } : {}) } satisfies PersonRef;
      } catch (error) {
        if (isSlackError(error, 'users_not_found')) return null;
        throw error;
      }
    });
    return found ?? undefined;
  }

  /**
   * The members' user ids of the user group with this handle (`payments-oncall`, without the @), or
   * undefined when the workspace has no such group: `usergroups.list` then `usergroups.users.list`
   * (scope `usergroups:read`). Asked when a workflow runs, so fresh: on-call groups rotate.
   */
  async userGroupMembers(workspaceId: string, handle: string): Promise<string[] | undefined> {
    const wanted = handle.replace(/^@/, '').toLowerCase();
    const groups = await this.api.call(workspaceId, 'usergroups.list', (web, token) => web.usergroups.list({ token }));
    const group = groups.usergroups?.find((g) => g.handle?.toLowerCase() === wanted && !g.date_delete);
    if (!group?.id) return undefined;
    const members = await this.api.call(workspaceId, 'usergroups.users.list', (web, token) => web.usergroups.users.list({ token, usergroup: group.id! }));
    return (members.users ?? []).filter((id): id is string => typeof id === 'string');
  }

  /** Who Muster is in this workspace (its bot user id, to ignore its own messages). */
  authTest(workspaceId: string): Promise<SlackBotIdentity> {
    return sharedPromise(this.identities, workspaceId, async () => {
      const result = await this.api.call(workspaceId, 'auth.test', (web, token) => web.auth.test({ token }));
      if (!result.user_id || !result.team_id) throw new MusterError('unavailable', 'Slack did not say who Muster is (auth.test answered without a user id).');
      return { teamId: result.team_id, botUserId: result.user_id, ...(result.bot_id ? { botId: result.bot_id } : {}), ...(result.url ? { url: result.url } : {}) };
    });
  }

  /** A link to a message that opens it in Slack. */
  async permalink(message: MessageRef): Promise<string> {
    const result = await this.api.call(message.conversation.workspaceId, 'chat.getPermalink', (web, token) =>
      web.chat.getPermalink({ token, channel: message.conversation.conversationId, message_ts: message.messageId }),
    );
    return result.permalink ?? '';
  }
}
