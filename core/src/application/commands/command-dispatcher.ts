import { inject, injectable } from 'inversify';
import type { RequestContext } from '../incidents/request-context';
import type { MusterSettings } from '../container/settings';
import { TOKENS } from '../container/tokens';
import { errorView } from '../views/error.view';
import { parseAnyCommand } from './command-parser';
import { DEFAULT_PREFIX } from './command-prefix';
import { CommandRegistry } from './command-registry';
import { ephemeral, type CommandReply } from './command-reply';

/**
 * Text in, reply out: the one place every platform's incident command lands. The registry knows the
 * commands (built-in and run-time) and runs them; errors become friendly replies.
 */
@injectable()
export class CommandDispatcher {
  constructor(
    @inject(TOKENS.Settings) private readonly settings: MusterSettings,
    @inject(CommandRegistry) private readonly registry: CommandRegistry,
  ) {}

  /**
   * `prefix` is how the platform's users invoke Muster (/incident, @Muster), written into the plain
   * fallbacks of help and errors; by default the request's own (ctx.prefix), else the canonical one.
   */
  async handleText(ctx: RequestContext, text: string, prefix: string = ctx.prefix ?? DEFAULT_PREFIX): Promise<CommandReply> {
    try {
      const catalog = this.registry.catalog();
      return await this.registry.run(ctx, parseAnyCommand(catalog, text, this.settings, { prefix }), prefix, catalog);
    } catch (error) {
      return ephemeral(errorView(error, prefix));
    }
  }
}
