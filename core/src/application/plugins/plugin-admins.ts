import { inject, injectable } from 'inversify';
import type { PersonRef } from '../../domain/person';
import { AccessPolicy } from '../access/access-policy';
import type { RequestContext } from '../incidents/request-context';
import type { DirectoryPort } from '../ports/chat-gateway.port';
import type { Logger } from '../ports/system.port';
import type { MusterSettings } from '../container/settings';
import { TOKENS } from '../container/tokens';

/**
 * How long a plugins command waits for the platform to say whether someone is a workspace admin.
 * Slack wants its answer within 3 s; past this the person is not taken for an admin this time.
 */
export const WORKSPACE_ADMIN_WAIT_MS = 1_500;

/** Platforms where a person's id alone shows as the person (see configuredOn). */
const NAMED_BY_ID: ReadonlySet<string> = new Set(['slack', 'console']);

/** What the check found: an admin, or why not (so the refusal can say who may). */
export type PluginAdminCheck =
  | { readonly admin: true }
  | { readonly admin: false; readonly platformKnows: boolean; readonly unanswered?: boolean };

/**
 * Who may administer plugins: the people named in `admins` (under any identity linked to theirs), or
 * whoever the platform reports as an admin of the workspace they ask from. Asked on every command,
 * button and form submission, so a form opened by an admin and submitted by someone else is refused.
 */
@injectable()
export class PluginAdmins {
  constructor(
    @inject(TOKENS.Settings) private readonly settings: MusterSettings,
    @inject(AccessPolicy) private readonly access: AccessPolicy,
    @inject(TOKENS.DirectoryPort) private readonly directory: DirectoryPort,
    @inject(TOKENS.Logger) private readonly logger: Logger,
  ) {}

  async check(ctx: RequestContext): Promise<PluginAdminCheck> {
    if (this.access.isAdmin(ctx)) return { admin: true };
    if (!this.directory.isWorkspaceAdmin || ctx.platform === 'api' || ctx.platform === 'webhook') return { admin: false, platformKnows: false };
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = new Promise<'late'>((resolve) => { timer = setTimeout(() => resolve('late'), WORKSPACE_ADMIN_WAIT_MS); });
    try {
      const said = await Promise.race([this.directory.isWorkspaceAdmin(ctx.workspaceId, ctx.actor), gaveUp]);
      if (said === 'late') return { admin: false, platformKnows: true, unanswered: true };
      return said === true ? { admin: true } : { admin: false, platformKnows: said === false };
    } catch (error) {
      // Refusing is the safe answer; the person is told to try again.
      this.logger.warn('Could not ask the platform whether someone is a workspace admin', { platform: ctx.platform, error: error instanceof Error ? error.message : String(error) });
      return { admin: false, platformKnows: true, unanswered: true };
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * The configured admins on the requester's platform, to name them in a refusal (a mention of
   * someone on another platform would mean nothing here). Config knows only ids: Slack shows a person
   * from their id, a console id is the handle, but a Teams id is an opaque object id its cards cannot
   * name, so there the refusal points at the setting instead.
   */
  configuredOn(ctx: RequestContext): PersonRef[] {
    if (!NAMED_BY_ID.has(ctx.platform)) return [];
    const prefix = `${ctx.platform}:`;
    return this.settings.admins.filter((key) => key.startsWith(prefix)).slice(0, 5).map((key) => ({ platform: ctx.platform, id: key.slice(prefix.length) }));
  }
}
