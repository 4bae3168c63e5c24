import { inject, injectable } from 'inversify';
import { MusterError } from '../../errors';
import { Incident } from '../../domain/incident';
import { CHAT_PLATFORMS } from '../../domain/person';
import type { RequestContext } from '../incidents/request-context';
import { AccessPolicy } from '../access/access-policy';
import { IncidentRecorder } from '../incidents/incident-recorder';
import type { Clock, IdGenerator } from '../ports/system.port';
import type { Repositories, UnitOfWork } from '../ports/unit-of-work.port';
import type { ChangeOrigin } from '../incidents/incident-recorder';
import type { MusterSettings } from '../container/settings';
import { TOKENS } from '../container/tokens';

export interface Declaration {
  readonly title: string;
  readonly severity?: string;
  readonly summary?: string;
  readonly services?: readonly string[];
  readonly private?: boolean;
  /** When the problem began, if an alert knows better than "now". */
  readonly detectedAt?: Date;
  /** Alert source plugin id when an alert declares; defaults to the request's platform. */
  readonly source?: string;
}

export type DeclarePlacement = Required<Pick<ChangeOrigin, 'requestKey'>> & Pick<ChangeOrigin, 'roomsAt'>;

export interface DeclareOutcome {
  readonly incident: Incident;
  /** The request had been handled before; `incident` is the one it created then. */
  readonly replayed: boolean;
}

@injectable()
export class DeclareIncident {
  constructor(
    @inject(TOKENS.UnitOfWork) private readonly uow: UnitOfWork,
    @inject(TOKENS.Settings) private readonly settings: MusterSettings,
    @inject(IncidentRecorder) private readonly recorder: IncidentRecorder,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.IdGenerator) private readonly ids: IdGenerator,
    @inject(AccessPolicy) private readonly access: AccessPolicy,
  ) {}

  /** Stores the incident and queues its room set-up; returns without waiting for any chat platform. */
  async execute(ctx: RequestContext, declaration: Declaration): Promise<DeclareOutcome> {
    return this.uow.run(async (tx) => {
      const tenantId = this.access.tenantOf(ctx);
      const claimKey = `declare:${ctx.idempotencyKey}`;
      if (!(await tx.inbox.claim(claimKey, this.clock.now()))) {
        const earlier = await tx.timeline.findByKey(`${claimKey}:0`);
        const incident = earlier && (await tx.incidents.findById(earlier.incidentId));
        // The same key from another tenant is not a redelivery of this request: never hand its incident over.
        if (incident && incident.tenantId === tenantId) return { incident, replayed: true };
        if (incident) throw new MusterError('conflict', 'That request id was already used; send the declaration again.');
      }
      return { incident: await this.declareIn(tx, ctx, declaration, { requestKey: claimKey }), replayed: false };
    });
  }

  /**
   * The declaration itself, inside the caller's transaction, for flows that claim their own request key
   * and declare among other work (an alert webhook: services/alert-intake.ts). `requestKey` names the
   * timeline entries; `roomsAt` is where the rooms open when the request came from no chat.
   */
  async declareIn(tx: Repositories, ctx: RequestContext, declaration: Declaration, placement: DeclarePlacement): Promise<Incident> {
    const tenantId = this.access.tenantOf(ctx);
    // Only a person in a chat room can take command; an API token or an alert leaves the role open.
    const person = (CHAT_PLATFORMS as readonly string[]).includes(ctx.platform);
    const incident = Incident.declare({
      id: this.ids.newId(),
      tenantId,
      number: await tx.incidents.nextNumber(tenantId),
      title: declaration.title,
      severity: declaration.severity ?? this.settings.severities.default.id,
      summary: declaration.summary,
      services: declaration.services,
      private: declaration.private,
      declaredBy: ctx.actor,
      source: declaration.source ?? ctx.platform,
      at: this.clock.now(),
      detectedAt: declaration.detectedAt,
      declarerTakesCommand: person && this.settings.declarerTakesCommand,
    }, this.settings.severities);
    await this.recorder.commit(tx, incident, {
      source: declaration.source ?? ctx.platform, platform: ctx.platform, workspaceId: ctx.workspaceId, conversation: ctx.conversation,
      requestKey: placement.requestKey, ...(placement.roomsAt && { roomsAt: placement.roomsAt }),
    });
    return incident;
  }
}
