import { inject, injectable } from 'inversify';
import type { Incident } from '../../domain/incident';
import { INCIDENT_STATUSES, type IncidentStatus } from '../../domain/lifecycle';
import { AccessPolicy } from '../access/access-policy';
import { actorTakesPart } from '../access/actor-identity';
import type { RequestContext } from '../incidents/request-context';
import type { Repositories } from '../ports/unit-of-work.port';
import { TOKENS } from '../container/tokens';

export interface IncidentListQuery {
  /** `open`: not closed or declined yet (resolved ones awaiting their postmortem included). */
  readonly scope: 'open' | 'all';
  readonly severity?: string;
  readonly service?: string;
  /** Only incidents the requester declared or holds a role in. */
  readonly mine?: boolean;
}

export interface IncidentListPage {
  readonly incidents: readonly Incident[];
  /** How many more the requester may see beyond this page; never counts what they may not see. */
  readonly more: number;
}

export const LIST_PAGE_SIZE = 20;
const OPEN_STATUSES: readonly IncidentStatus[] = INCIDENT_STATUSES.filter((s) => s !== 'closed' && s !== 'declined');

/**
 * The incidents a requester may see, newest first. The tenant is chosen by the store query, and every
 * incident then passes the one access decision, so a private incident is neither shown nor counted
 * for someone who may not see it.
 */
@injectable()
export class ListIncidents {
  constructor(
    @inject(TOKENS.Repositories) private readonly repos: Repositories,
    @inject(AccessPolicy) private readonly access: AccessPolicy,
  ) {}

  async execute(ctx: RequestContext, query: IncidentListQuery): Promise<IncidentListPage> {
    const candidates = await this.repos.incidents.list({
      tenantId: this.access.tenantOf(ctx),
      ...(query.scope === 'open' && { statuses: OPEN_STATUSES }),
      ...(query.severity && { severities: [query.severity] }),
    });
    const service = query.service?.toLowerCase();
    const visible = candidates.filter((i) =>
      this.access.canSee(ctx, i) &&
      (!service || i.snapshot().services.some((s) => s.toLowerCase() === service)) &&
      (!query.mine || actorTakesPart(ctx, i)));
    return { incidents: visible.slice(0, LIST_PAGE_SIZE), more: Math.max(0, visible.length - LIST_PAGE_SIZE) };
  }
}
