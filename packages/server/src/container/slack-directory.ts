import type { ChatPlatform, DirectoryPort, PersonRef } from '@muster/core';
import { isSlackError, type SlackWebApi } from '@muster/slack';

/** `<@U123>`, `<@U123|ana>` (what Slack sends for a mention) or a bare user id. */
const MENTION = /^<@([UW][A-Z0-9]{2,})(?:\|[^>]*)?>$|^@?([UW][A-Z0-9]{2,})$/;

/**
 * People in Slack, by mention. Slack delivers mentions as user ids, so a look-up is one cached
 * `users.info` call for the display name; a plain `@name` cannot be resolved without listing every
 * user (rate limited), so it is answered "unknown" and the user is asked to mention the person.
 */
export class SlackDirectory implements DirectoryPort {
  constructor(private readonly web: SlackWebApi) {}

  async resolve(_platform: ChatPlatform, workspaceId: string, handle: string): Promise<PersonRef | undefined> {
    const match = MENTION.exec(handle.trim());
    const id = match?.[1] ?? match?.[2];
    if (!id) return undefined;
    try {
      return await this.web.usersInfo(workspaceId, id);
    } catch (error) {
      if (isSlackError(error, 'user_not_found')) return undefined;
      // The name is a nicety: a look-up that failed for another reason still leaves a usable reference.
      return { platform: 'slack', id };
    }
  }
}
