import type { AccessPolicy, Incident, IncidentFilter, IncidentRepository, RequestContext } from '@muster/core';
import type { ListCursor } from './list-filters';

export interface VisiblePage {
  /** Newest first. */
  readonly incidents: readonly Incident[];
  /** Cursor of the next older page, when there is one the viewer may see. */
  readonly older?: ListCursor;
  /** Cursor of the next newer page, when there is one the viewer may see. */
  readonly newer?: ListCursor;
}

/**
 * One page of the incidents the viewer may see. The store narrows by tenant and the filters; core's
 * AccessPolicy then decides on each incident, and the store is asked again (in batches, from where
 * the last batch ended) until the page is full, so private incidents the viewer may not see neither
 * shorten a page nor make an empty "Older" link. Paging is by incident number (keyset), both ways.
 */
export async function visiblePage(
  incidents: Pick<IncidentRepository, 'list'>, access: Pick<AccessPolicy, 'canSee'>, ctx: RequestContext,
  filter: IncidentFilter, cursor: ListCursor, size: number,
): Promise<VisiblePage> {
  const seeable = (i: Incident) => access.canSee(ctx, i);
  if (cursor.after !== undefined) {
    const got = await collect(incidents, seeable, filter, { after: cursor.after }, size + 1);
    const page = got.slice(0, size).reverse();
    const edge = page.at(-1)?.snapshot().number ?? cursor.after + 1;
    const olderExists = (await collect(incidents, seeable, filter, { before: edge }, 1)).length > 0;
    return {
      incidents: page,
      ...(got.length > size && { newer: { after: page[0]!.snapshot().number } }),
      ...(olderExists && { older: { before: edge } }),
    };
  }
  const got = await collect(incidents, seeable, filter, { before: cursor.before }, size + 1);
  const page = got.slice(0, size);
  const top = page[0]?.snapshot().number ?? (cursor.before !== undefined ? cursor.before - 1 : undefined);
  const newerExists = cursor.before !== undefined && top !== undefined && (await collect(incidents, seeable, filter, { after: top }, 1)).length > 0;
  return {
    incidents: page,
    ...(got.length > size && { older: { before: page.at(-1)!.snapshot().number } }),
    ...(newerExists && { newer: { after: top } }),
  };
}

/** Up to `need` visible incidents from the cursor on: newest first below `before`, oldest first above `after`. */
async function collect(
  incidents: Pick<IncidentRepository, 'list'>, seeable: (i: Incident) => boolean, filter: IncidentFilter, from: ListCursor, need: number,
): Promise<Incident[]> {
  const batch = Math.max(need * 2, 50);
  const found: Incident[] = [];
  let cursor = from;
  for (;;) {
    const rows = await incidents.list({
      ...filter, limit: batch,
      ...(cursor.after !== undefined ? { afterNumber: cursor.after, oldestFirst: true } : cursor.before !== undefined ? { beforeNumber: cursor.before } : {}),
    });
    for (const incident of rows) {
      if (seeable(incident)) found.push(incident);
      if (found.length === need) return found;
    }
    if (rows.length < batch) return found;
    const last = rows.at(-1)!.snapshot().number;
    cursor = cursor.after !== undefined ? { after: last } : { before: last };
  }
}
