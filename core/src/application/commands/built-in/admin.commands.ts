import { inject, injectable } from 'inversify';
import type { RequestContext } from '../../incidents/request-context';
import { PluginsCommand } from '../../plugins/plugins-command';
import { helpView } from '../../views/help.view';
import type { CommandOf } from '../command';
import type { BuiltInCommand, CommandCall } from '../command-contribution';
import { ephemeral, type CommandReply } from '../command-reply';
import { builtIn } from './descriptions';

/** `plugins …` is administered by PluginsCommand (plugins/plugins-command.ts); this only hands it over. */
@injectable()
export class PluginsAdminCommand implements BuiltInCommand<'plugins'> {
  readonly description = builtIn('plugins');

  constructor(@inject(PluginsCommand) private readonly plugins: PluginsCommand) {}

  run(ctx: RequestContext, command: CommandOf<'plugins'>, { prefix }: CommandCall): Promise<CommandReply> {
    return this.plugins.run(ctx, command, prefix);
  }
}

/** `help [command]`, from the registry's catalogue, so commands added at run time are explained too. */
@injectable()
export class HelpCommand implements BuiltInCommand<'help'> {
  readonly description = builtIn('help');

  async run(_ctx: RequestContext, command: CommandOf<'help'>, { prefix, catalog }: CommandCall): Promise<CommandReply> {
    return ephemeral(helpView(command.topic, prefix, catalog));
  }
}
