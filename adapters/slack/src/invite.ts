import type { ConversationRef, PersonRef } from '@muster/core';
import { WebAPIPlatformError } from '@slack/web-api';
import { MAX_USERS_PER_INVITE } from './render/slack-limits';
import type { SlackWebClient } from './slack-web-client';
import { SlackApiError } from './slack-errors';

export interface InviteOutcome {
  readonly invited: readonly string[];
  /** Already in the channel, or Muster itself: nothing to do. */
  readonly skipped: readonly string[];
  /** People Slack would not invite, with its reason (`user_not_found`, `cant_invite`…). */
  readonly failed: readonly { readonly userId: string; readonly error: string }[];
}

interface PerUserError {
  readonly user?: string;
  readonly error?: string;
}

const NOTHING_TO_DO = new Set(['already_in_channel', 'cant_invite_self']);
/** Errors about one invitee rather than the channel; when inviting one person, the answer has no list. */
const ABOUT_ONE_PERSON = new Set([
  ...NOTHING_TO_DO,
  'user_not_found',
  'cant_invite',
  'user_is_restricted',
  'user_is_ultra_restricted',
  'no_external_invite_permission',
  'invitee_cant_see_channel',
  'ura_max_channels',
  'user_disabled',
]);

function perUserErrorsOf(error: SlackApiError, batch: readonly string[]): readonly PerUserError[] | undefined {
  const cause = error.cause;
  const listed = cause instanceof WebAPIPlatformError ? (cause.data as { errors?: PerUserError[] }).errors : undefined;
  if (Array.isArray(listed) && listed.length > 0) return listed;
  if (batch.length === 1 && error.slackError && ABOUT_ONE_PERSON.has(error.slackError)) return [{ user: batch[0], error: error.slackError }];
  return undefined;
}

/**
 * `conversations.invite` for any number of people, in batches Slack accepts. `force: true` makes Slack
 * invite the valid people of a batch even when some are not; a channel-level refusal
 * (`channel_not_found`, `not_in_channel`, bad credentials) still fails the call.
 */
export async function inviteInBatches(api: SlackWebClient, conversation: ConversationRef, people: readonly PersonRef[]): Promise<InviteOutcome> {
  const invited: string[] = [];
  const skipped: string[] = [];
  const failed: { userId: string; error: string }[] = [];
  for (const person of people) {
    if (person.platform !== 'slack') failed.push({ userId: `${person.platform}:${person.id}`, error: 'not_a_slack_user' });
  }
  const ids = [...new Set(people.filter((p) => p.platform === 'slack').map((p) => p.id))];
  for (let i = 0; i < ids.length; i += MAX_USERS_PER_INVITE) {
    const batch = ids.slice(i, i + MAX_USERS_PER_INVITE);
    let errors: readonly PerUserError[] = [];
    try {
      const result = await api.call(conversation.workspaceId, 'conversations.invite', (web, token) =>
        web.conversations.invite({ token, channel: conversation.conversationId, users: batch.join(','), force: true }),
      );
      errors = (result as { errors?: PerUserError[] }).errors ?? [];
    } catch (error) {
      const perUser = error instanceof SlackApiError ? perUserErrorsOf(error, batch) : undefined;
      if (!perUser) throw error;
      errors = perUser;
    }
    const refused = new Set<string>();
    for (const { user, error } of errors) {
      if (!user) continue;
      refused.add(user);
      if (error && NOTHING_TO_DO.has(error)) skipped.push(user);
      else failed.push({ userId: user, error: error ?? 'unknown_error' });
    }
    invited.push(...batch.filter((id) => !refused.has(id)));
  }
  return { invited, skipped, failed };
}
