import { injectable } from 'inversify';
import type { RequestContext } from '../context';
import type { ParsedCommand } from '../commands/command';
import { ephemeral, type CommandReply } from '../commands/command-reply';
import { noticeView } from '../views/notice.view';

export type PluginsCommandInput = Extract<ParsedCommand, { name: 'plugins' }>;

/** `plugins list | install <name> | configure <name> | uninstall <name>`: administering plugins from chat. */
@injectable()
export class PluginsCommand {
  async run(_ctx: RequestContext, _command: PluginsCommandInput, prefix: string): Promise<CommandReply> {
    return ephemeral(noticeView([
      'No integration plugins are installed, and this release cannot install them from chat yet: the plugin host ships with the plugins release. ',
      'Alerts, paging, tickets and status pages will be installed with ', { code: `${prefix} plugins install <name>` }, '.',
    ], 'muted'));
  }
}
