import { inject, injectable } from 'inversify';
import type { RequestContext } from '../../incidents/request-context';
import { IncidentLocator } from '../../incidents/incident-locator';
import type { Clock } from '../../ports/system.port';
import { DeclareIncident } from '../../services/declare-incident';
import { ListIncidents } from '../../services/list-incidents';
import { ServiceCatalog } from '../../services/service-catalog';
import type { MusterSettings } from '../../container/settings';
import { TOKENS } from '../../container/tokens';
import { declareFormView } from '../../views/forms.view';
import { incidentCardView } from '../../views/incident-card.view';
import { incidentListView } from '../../views/incident-list.view';
import { expertsText, serviceListView } from '../../views/service-catalog.view';
import { commandCode } from '../command-prefix';
import type { CommandOf as Of } from '../command';
import type { BuiltInCommand } from '../command-contribution';
import { ephemeral, type CommandReply } from '../command-reply';
import { declarationReply } from '../reply-routing';
import { builtIn } from './descriptions';

/**
 * `declare [title] …`: without a title, the form opens. `--service` names are checked against the
 * tenant's catalogue (when it has any), and the answer names each service's experts.
 */
@injectable()
export class DeclareCommand implements BuiltInCommand<'declare'> {
  readonly description = builtIn('declare');

  constructor(
    @inject(TOKENS.Settings) private readonly settings: MusterSettings,
    @inject(DeclareIncident) private readonly declare: DeclareIncident,
    @inject(ServiceCatalog) private readonly catalog: ServiceCatalog,
  ) {}

  async run(ctx: RequestContext, command: Of<'declare'>): Promise<CommandReply> {
    if (!command.title) return { visibility: 'ephemeral', form: declareFormView(this.settings, command) };
    const again = `declare ${command.title.replace(/`/g, "'")}${command.severity ? ` --sev ${command.severity}` : ''}${command.private ? ' --private' : ''}`;
    const checked = await this.catalog.check(ctx, command.services, (services) => commandCode(`${again} --service ${services}`));
    const outcome = await this.declare.execute(ctx, { title: command.title, severity: command.severity, services: checked.names, private: command.private });
    const reply = declarationReply(outcome, ctx, this.settings);
    if (outcome.replayed) return reply;
    const experts = expertsText(checked.services, ctx.conversation?.platform ?? ctx.platform, !!this.settings.severities.find(outcome.incident.severity)?.createsRoom);
    if (!reply.view || experts.length === 0) return reply;
    return { ...reply, view: { ...reply.view, blocks: [...reply.view.blocks, ...experts.map((text) => ({ type: 'context' as const, text }))] } };
  }
}

/** `services`: the tenant's catalogue, to the requester alone. */
@injectable()
export class ServicesCommand implements BuiltInCommand<'services'> {
  readonly description = builtIn('services');

  constructor(@inject(ServiceCatalog) private readonly catalog: ServiceCatalog) {}

  async run(ctx: RequestContext): Promise<CommandReply> {
    return ephemeral(serviceListView(await this.catalog.list(ctx), ctx.conversation?.platform ?? ctx.platform));
  }
}

/** `status`, or a bare `INC-42`: the card, to the requester alone. */
@injectable()
export class StatusCommand implements BuiltInCommand<'status'> {
  readonly description = builtIn('status');

  constructor(
    @inject(TOKENS.Settings) private readonly settings: MusterSettings,
    @inject(IncidentLocator) private readonly locator: IncidentLocator,
  ) {}

  async run(ctx: RequestContext, command: Of<'status'>): Promise<CommandReply> {
    const incident = await this.locator.locate(ctx, command.incidentRef);
    return ephemeral(incidentCardView(incident, this.settings));
  }
}

/** `list [open|all] …`: the incidents the requester may see. */
@injectable()
export class ListCommand implements BuiltInCommand<'list'> {
  readonly description = builtIn('list');

  constructor(
    @inject(ListIncidents) private readonly lister: ListIncidents,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async run(ctx: RequestContext, command: Of<'list'>): Promise<CommandReply> {
    const query = { scope: command.scope, severity: command.severity, service: command.service, mine: command.mine };
    const page = await this.lister.execute(ctx, query);
    return ephemeral(incidentListView(page, query, this.clock.now(), ctx.conversation?.platform, ctx.workspaceId));
  }
}
