import { inject, injectable } from 'inversify';
import { Authorizer } from '../authorizer';
import type { RequestContext } from '../context';
import { IncidentChanges, type ChangeOutcome } from '../incident-changes';
import type { MusterSettings } from '../settings';
import { TOKENS } from '../tokens';

@injectable()
export class ChangeSeverity {
  constructor(
    @inject(IncidentChanges) private readonly changes: IncidentChanges,
    @inject(Authorizer) private readonly authorizer: Authorizer,
    @inject(TOKENS.Settings) private readonly settings: MusterSettings,
  ) {}

  async execute(ctx: RequestContext, level: string, reference?: string): Promise<ChangeOutcome<unknown>> {
    return this.changes.apply(ctx, reference, (incident, _tx, now) => {
      this.authorizer.assert(incident, ctx.actor, 'incident.severity', 'change the severity');
      incident.changeSeverity(level, ctx.actor, now, this.settings.severities);
    });
  }
}
