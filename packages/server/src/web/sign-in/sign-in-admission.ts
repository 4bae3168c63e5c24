import type { Logger, TenantMap } from '@muster/core';
import type { InstallationRepository } from '@muster/store';
import type { SignedInPerson } from './oidc-providers';

export interface SignInAdmissionDeps {
  readonly tenants: TenantMap;
  readonly installations: Pick<InstallationRepository, 'find'>;
  /** The Slack team of SLACK_BOT_TOKEN (auth.test), when Muster runs in one workspace with a bot token. */
  readonly botTeam?: () => Promise<string>;
  /** The Entra tenants sign-in is offered for (oidc-providers.ts entraTenants). */
  readonly entraTenants: readonly string[];
  readonly logger: Logger;
}

/**
 * Who may sign in: only people of the workspaces this Muster serves. Slack and Entra vouch for who
 * someone is, not for whether they belong here: any Slack user anywhere can complete "Sign in with
 * Slack" with our client id. A Slack team is served when `tenants:` lists it, it installed the app
 * (OAuth mode) or it is the bot token's own team; an Entra tenant when it is the Teams app's or listed.
 */
export class SignInAdmission {
  constructor(private readonly deps: SignInAdmissionDeps) {}

  async admits(who: SignedInPerson): Promise<boolean> {
    const { platform } = who.person;
    if (platform === 'teams') return this.deps.entraTenants.includes(who.workspaceId);
    if (platform !== 'slack') return false;
    if (this.listed('slack', who.workspaceId)) return true;
    if (await this.deps.installations.find('slack', who.workspaceId)) return true;
    return (await this.botTeamOrNone()) === who.workspaceId;
  }

  private listed(platform: 'slack', workspaceId: string): boolean {
    return this.deps.tenants.tenants.some((t) => t.workspaces.some((w) => w.platform === platform && w.workspaceId === workspaceId));
  }

  private async botTeamOrNone(): Promise<string | undefined> {
    if (!this.deps.botTeam) return undefined;
    try {
      return await this.deps.botTeam();
    } catch (error) {
      // Slack unreachable: refuse this sign-in (the person can retry) rather than guess.
      this.deps.logger.warn('sign-in: could not ask Slack which team the bot token belongs to', { err: error });
      return undefined;
    }
  }
}
