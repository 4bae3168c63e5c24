import { inject, injectable } from 'inversify';
import { MusterError } from '../../errors';
import { CHAT_PLATFORMS, type ChatPlatform, type PersonRef } from '../../domain/person';
import { parseMention } from '../../domain/person-mention';
import type { RequestContext } from '../incidents/request-context';
import type { DirectoryPort } from '../ports/chat-gateway.port';
import { TOKENS } from '../container/tokens';

/**
 * Turns what people typed into a person on the requester's platform. A mention the adapter handed
 * over as a neutral token (`<@slack:U123|ana>`) is that person, with no directory call; a typed
 * `@sre-lead` goes to the platform's directory.
 */
@injectable()
export class PeopleResolver {
  constructor(@inject(TOKENS.DirectoryPort) private readonly directory: DirectoryPort) {}

  async resolve(ctx: RequestContext, handle: string, purpose: string): Promise<PersonRef> {
    const platform = (CHAT_PLATFORMS as readonly string[]).includes(ctx.platform) ? (ctx.platform as ChatPlatform) : undefined;
    const person = platform ? await this.find(platform, ctx.workspaceId, handle) : undefined;
    if (!person) {
      throw new MusterError('not_found', `I could not find ${displayed(handle)} ${purpose}. Mention the person as your chat app suggests (type @ and pick them from the list).`, { handle });
    }
    return person;
  }

  private async find(platform: ChatPlatform, workspaceId: string, handle: string): Promise<PersonRef | undefined> {
    const token = parseMention(handle);
    // A token only names someone of the platform the request came from: a Slack request cannot pick a Teams id.
    if (token) return token.platform === platform ? token : undefined;
    return this.directory.resolve(platform, workspaceId, handle);
  }
}

/** A token in a message reads as the person's name, not as markup. */
const displayed = (handle: string): string => {
  const token = parseMention(handle);
  return token ? `@${token.name ?? token.id}` : handle;
};
