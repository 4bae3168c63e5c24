import type { SlackModalsAndPeople } from '../modals-and-people';

/** The part of an Events API envelope that says which installation (bot user) the event is for. */
export interface EventAuthorization {
  readonly team_id?: string | null;
  readonly user_id?: string;
  readonly is_bot?: boolean;
}

/**
 * Tells Muster's own actions apart from people's: the pin of the incident card, its own posts. The
 * bot user id comes free with most events (`authorizations[0]`); otherwise one cached `auth.test` per
 * workspace answers it.
 */
export class BotIdentity {
  constructor(private readonly webApi: SlackModalsAndPeople) {}

  async isSelf(workspaceId: string, userId: string | undefined, authorizations?: readonly EventAuthorization[]): Promise<boolean> {
    if (!userId) return false;
    const bot = authorizations?.find((a) => a.is_bot && a.user_id && (!a.team_id || a.team_id === workspaceId));
    if (bot?.user_id) return bot.user_id === userId;
    return (await this.webApi.authTest(workspaceId)).botUserId === userId;
  }
}
