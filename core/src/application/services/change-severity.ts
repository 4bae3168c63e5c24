import { inject, injectable } from 'inversify';
import { AccessPolicy } from '../access/access-policy';
import type { RequestContext } from '../context';
import type { IncidentTarget } from '../incident-locator';
import { IncidentChanges, type ChangeOutcome } from '../incident-changes';
import type { MusterSettings } from '../settings';
import { TOKENS } from '../tokens';

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
