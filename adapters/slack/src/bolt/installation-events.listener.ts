import type { App } from '@slack/bolt';
import type { ListenerDeps } from './listener-deps';
import type { EventEnvelope } from './message-events.listener';

interface TokensRevokedLike {
  readonly tokens?: { readonly bot?: readonly string[]; readonly oauth?: readonly string[] };
}

/**
 * A workspace removed Muster (`app_uninstalled`) or revoked its bot token (`tokens_revoked`): stop
 * using that installation. In single-workspace mode (SLACK_BOT_TOKEN) there is nothing stored to
 * forget; the operator is told, since every further call will fail until the token is replaced.
 */
export function registerInstallationEvents(app: App, deps: ListenerDeps): void {
  const forget = async (body: unknown, why: string) => {
    const workspaceId = (body as EventEnvelope).team_id;
    if (!workspaceId) return;
    if (deps.installations) {
      await deps.installations.remove(workspaceId);
      deps.core.logger.info('Slack workspace removed Muster; its installation is no longer used', { workspaceId, why });
    } else {
      deps.core.logger.warn('Slack says Muster was removed from the workspace; SLACK_BOT_TOKEN will no longer work', { workspaceId, why });
    }
  };
  app.event('app_uninstalled', async ({ body }) => forget(body, 'app_uninstalled'));
  app.event('tokens_revoked', async ({ event, body }) => {
    // Revoked user tokens (people who authorised something) do not concern the bot.
    if (((event as unknown as TokensRevokedLike).tokens?.bot ?? []).length > 0) await forget(body, 'tokens_revoked');
  });
}
