import { inject, injectable } from 'inversify';
import { AccessPolicy } from '../access/access-policy';
import type { RequestContext } from '../incidents/request-context';
import type { IncidentTarget } from '../incidents/incident-locator';
import { IncidentChanges, type ChangeOutcome } from '../incidents/incident-changes';
import type { MusterSettings } from '../container/settings';
import { TOKENS } from '../container/tokens';

@injectable()
export class ChangeSeverity {
  constructor(
    @inject(IncidentChanges) private readonly changes: IncidentChanges,
    @inject(AccessPolicy) private readonly access: AccessPolicy,
    @inject(TOKENS.Settings) private readonly settings: MusterSettings,
  ) {}

  async execute(ctx: RequestContext, level: string, target?: IncidentTarget): Promise<ChangeOutcome<unknown>> {
    return this.changes.apply(ctx, target, (incident, _tx, now) => {
      this.access.assert(ctx, 'incident.severity', incident, 'change the severity');
      incident.changeSeverity(level, ctx.actor, now, this.settings.severities);
    });
  }
}
