import { inject, injectable } from 'inversify';
import type { RequestContext } from '../../incidents/request-context';
import { AssignRole } from '../../services/assign-role';
import { ChangeSeverity } from '../../services/change-severity';
import type { MusterSettings } from '../../container/settings';
import { TOKENS } from '../../container/tokens';
import { roleNotice, severityNotice } from '../../views/change-notices.view';
import type { CommandOf } from '../command';
import type { BuiltInCommand } from '../command-contribution';
import type { CommandReply } from '../command-reply';
import { changed } from '../reply-routing';
import { builtIn } from './descriptions';
import { transitionCommand } from './transition-command';

export const AckCommand = transitionCommand('ack');
export const MitigateCommand = transitionCommand('mitigate');
export const ResolveCommand = transitionCommand('resolve');
export const ReopenCommand = transitionCommand('reopen');
export const DeclineCommand = transitionCommand('decline');

/** `sev <level>` */
@injectable()
export class SeverityCommand implements BuiltInCommand<'sev'> {
  readonly description = builtIn('sev');

  constructor(@inject(ChangeSeverity) private readonly severity: ChangeSeverity) {}

  async run(ctx: RequestContext, command: CommandOf<'sev'>): Promise<CommandReply> {
    const outcome = await this.severity.execute(ctx, command.severity, command.incidentRef);
    return changed(ctx, outcome, () => severityNotice(outcome.incident, ctx.actor));
  }
}

/** `assign <role> <@person>` */
@injectable()
export class AssignCommand implements BuiltInCommand<'assign'> {
  readonly description = builtIn('assign');

  constructor(
    @inject(TOKENS.Settings) private readonly settings: MusterSettings,
    @inject(AssignRole) private readonly assign: AssignRole,
  ) {}

  async run(ctx: RequestContext, command: CommandOf<'assign'>): Promise<CommandReply> {
    const outcome = await this.assign.execute(ctx, command.role, command.person, command.incidentRef);
    return changed(ctx, outcome, () => roleNotice(outcome.incident, this.settings.roles.get(command.role).label, outcome.result, ctx.actor));
  }
}
