import type { AccessPolicy, Incident, IncidentFilter, Repositories, RequestContext } from '@muster/core';

/** What the store cannot filter on yet: text and service (IncidentFilter has neither on this branch). */
export interface IncidentSearch {
  readonly q?: string;
  readonly service?: string;
}

const BATCH = 200;

/**
 * One page of GET /incidents: the store filters by tenant, status, severity and declaration time; the
 * text and service filters are applied here, reading on in batches until the page is full, so a page
 * is never short while more matches exist. Every incident also passes the access decision: a token
 * administers its tenant and sees its private incidents, and anyone else would not.
 */
export async function listIncidentPage(
  repos: Pick<Repositories, 'incidents'>, access: AccessPolicy, ctx: RequestContext, filter: IncidentFilter & { limit: number }, search: IncidentSearch,
): Promise<{ incidents: Incident[]; nextBefore: number | null }> {
  const matches = matcher(search);
  const found: Incident[] = [];
  let before = filter.beforeNumber;
  for (;;) {
    const batch = await repos.incidents.list({ ...filter, limit: search.q || search.service ? BATCH : filter.limit, beforeNumber: before });
    for (const incident of batch) {
      if (found.length < filter.limit && access.canSee(ctx, incident) && matches(incident)) found.push(incident);
    }
    const last = batch.at(-1);
    if (found.length >= filter.limit || !last || batch.length < (search.q || search.service ? BATCH : filter.limit)) break;
    before = last.snapshot().number;
  }
  const lastFound = found.at(-1);
  return { incidents: found, nextBefore: found.length === filter.limit && lastFound ? lastFound.snapshot().number : null };
}

function matcher(search: IncidentSearch): (incident: Incident) => boolean {
  const words = search.q?.toLowerCase().split(/\s+/).filter(Boolean) ?? [];
  const service = search.service?.toLowerCase();
  return (incident) => {
    const s = incident.snapshot();
    if (service && !s.services.some((name) => name.toLowerCase() === service)) return false;
    const haystack = `${incident.reference} ${s.title} ${s.summary ?? ''}`.toLowerCase();
    return words.every((word) => haystack.includes(word));
  };
}
