import { inject, injectable } from 'inversify';
import { MusterError } from '../errors';
import { CHAT_PLATFORMS, type ChatPlatform, type PersonRef } from '../domain/person';
import type { RequestContext } from './context';
import type { DirectoryPort } from './ports/chat-gateway.port';
import { TOKENS } from './tokens';

/** Turns what people typed (`@sre-lead`, `<@U123>`) into a person on the requester's platform. */
@injectable()
export class PeopleResolver {
  constructor(@inject(TOKENS.DirectoryPort) private readonly directory: DirectoryPort) {}

  async resolve(ctx: RequestContext, handle: string, purpose: string): Promise<PersonRef> {
    const platform = (CHAT_PLATFORMS as readonly string[]).includes(ctx.platform) ? (ctx.platform as ChatPlatform) : undefined;
    const person = platform ? await this.directory.resolve(platform, ctx.workspaceId, handle) : undefined;
    if (!person) {
      throw new MusterError('not_found', `I could not find ${handle} ${purpose}. Mention the person as your chat app suggests (type @ and pick them from the list).`, { handle });
    }
    return person;
  }
}
