import type { AccessPolicy, Incident, IncidentFilter, Repositories, RequestContext } from '@muster/core';

/** The list's search: `q` is words that must all appear (in any order), `service` one affected service. */
export interface IncidentSearch {
  readonly q?: string;
  readonly service?: string;
}

const BATCH = 200;

/**
 * One page of GET /incidents: the store filters by tenant, status, severity, declaration time, service
 * and the longest word of `q` (the store matches one phrase); the other words are checked here, reading
 * on in batches until the page is full, so a page is never short while more matches exist. Every incident
 * also passes the access decision: a token administers its tenant and sees its private incidents, and
 * anyone else would not.
 */
export async function listIncidentPage(
  repos: Pick<Repositories, 'incidents'>, access: AccessPolicy, ctx: RequestContext, filter: IncidentFilter & { limit: number }, search: IncidentSearch,
): Promise<{ incidents: Incident[]; nextBefore: number | null }> {
  const words = search.q?.toLowerCase().split(/\s+/).filter(Boolean) ?? [];
  const longest = words.reduce<string | undefined>((a, w) => (!a || w.length > a.length ? w : a), undefined);
  const matches = matcher(words);
  const narrowed: IncidentFilter = { ...filter, ...(longest && { text: longest }), ...(search.service && { service: search.service }) };
  const found: Incident[] = [];
  let before = filter.beforeNumber;
  for (;;) {
    const batch = await repos.incidents.list({ ...narrowed, limit: words.length > 1 ? BATCH : filter.limit, beforeNumber: before });
    for (const incident of batch) {
      if (found.length < filter.limit && access.canSee(ctx, incident) && matches(incident)) found.push(incident);
    }
    const last = batch.at(-1);
    if (found.length >= filter.limit || !last || batch.length < (words.length > 1 ? BATCH : filter.limit)) break;
    before = last.snapshot().number;
  }
  const lastFound = found.at(-1);
  return { incidents: found, nextBefore: found.length === filter.limit && lastFound ? lastFound.snapshot().number : null };
}

function matcher(words: readonly string[]): (incident: Incident) => boolean {
  return (incident) => {
    const s = incident.snapshot();
    const haystack = `${incident.reference} ${s.title} ${s.summary ?? ''}`.toLowerCase();
    return words.every((word) => haystack.includes(word));
  };
}
