import { oneLine, PluginConfigError, safeUrl, type CallOptions, type PageRequest, type PageResult, type PagingPort, type PluginContext, type PluginPerson } from '@muster/plugin-sdk';
import type { PagerDutyConfig } from './config';
import { onCallFor, pagerDutyServiceId, personOf } from './oncall';
import { incidentAnswer, incidentsAnswer, usersAnswer, type RestIncident } from './rest/pagerduty-answers';
import { isDuplicateIncidentKey, type PagerDutyRest } from './rest/pagerduty-rest';
import { pageKey, rememberPage } from './page-memory';
import { pagerDutyAcknowledgements } from './acknowledgements';

type Context = Pick<PluginContext<PagerDutyConfig>, 'config' | 'storage'>;

/**
 * Paging through the REST API v2 (`POST /incidents` with `incident_key` = the page's dedupKey), so a
 * page names its service, can be assigned to one person, and answers with the incident's id, number
 * and link. PagerDuty refuses a second open incident with the same key on a service (400): that
 * refusal, and a redo after an unknown outcome (`uncertainSince`), are answered by looking the
 * incident up by key (`GET /incidents?incident_key=`), so a page never wakes anyone twice.
 */
export function pagerDutyPaging(rest: PagerDutyRest, ctx: Context): PagingPort {
  const { config } = ctx;

  async function findByKey(dedupKey: string): Promise<RestIncident | undefined> {
    const { incidents } = await rest.get(`/incidents?incident_key=${encodeURIComponent(dedupKey)}&date_range=all&limit=25`, incidentsAnswer);
    const matching = incidents.filter((i) => i.incident_key === dedupKey);
    return matching.find((i) => i.status !== 'resolved') ?? matching[0];
  }

  async function userByEmail(person: PluginPerson): Promise<{ id: string; name?: string; email?: string }> {
    const email = person.email?.trim().toLowerCase();
    if (!email) throw new PluginConfigError(`${person.name ?? person.id} has no known email, so PagerDuty cannot find them: page their service instead`);
    const { users } = await rest.get(`/users?query=${encodeURIComponent(email)}&limit=25`, usersAnswer);
    const user = users.find((u) => u.email?.toLowerCase() === email);
    if (!user) throw new PluginConfigError(`No PagerDuty user has the email ${email}`);
    return user;
  }

  async function create(request: PageRequest, serviceId: string, assignee?: { id: string }): Promise<RestIncident> {
    const { incident } = request;
    const body = {
      incident: {
        type: 'incident',
        title: oneLine(`${incident.reference}: ${incident.title}`, 1024)!,
        service: { id: serviceId, type: 'service_reference' },
        urgency: request.urgency,
        incident_key: request.dedupKey,
        body: { type: 'incident_body', details: pageDetails(request) },
        ...(assignee ? { assignments: [{ assignee: { id: assignee.id, type: 'user_reference' } }] } : {}),
      },
    };
    try {
      return (await rest.post('/incidents', body, incidentAnswer)).incident;
    } catch (error) {
      // An earlier attempt did create it (its answer was lost): that is the page.
      const existing = isDuplicateIncidentKey(error) ? await findByKey(request.dedupKey) : undefined;
      if (existing) return existing;
      throw error;
    }
  }

  return {
    async page(request: PageRequest, options: CallOptions): Promise<PageResult> {
      const { target } = request;
      const person = target.kind === 'person' ? await userByEmail(target.person) : undefined;
      const serviceId = target.kind === 'service' ? pagerDutyServiceId(target, config) : config.defaultService;
      if (!serviceId) throw new PluginConfigError('Paging a person raises a PagerDuty incident on a service: set defaultService', 'defaultService');
      // The on-call look-up needs only the service, not the page: it runs beside the create, one round
      // trip less before the paged people are invited. Both are let finish before a failure is thrown.
      const made = (async () => {
        const earlier = options.uncertainSince ? await findByKey(request.dedupKey) : undefined;
        const created = earlier ?? await create(request, serviceId, person);
        // Remembered whatever the on-call look-up does (it may fail): a webhook must still map back to the page.
        await rememberPage(ctx.storage, created.id, request.dedupKey);
        return created;
      })();
      const [madeOutcome, lookedUp] = await Promise.allSettled([made, person ? Promise.resolve([personOf(person)]) : onCallFor(rest, serviceId)]);
      if (madeOutcome.status === 'rejected') throw madeOutcome.reason;
      if (lookedUp.status === 'rejected') throw lookedUp.reason;
      const incident = madeOutcome.value;
      const paged = lookedUp.value;
      await rememberPage(ctx.storage, incident.id, request.dedupKey, paged);
      return {
        paged,
        ref: { id: incident.id, url: safeUrl(incident.html_url), title: incident.incident_number !== undefined ? `#${incident.incident_number}` : 'PagerDuty incident' },
        acknowledged: incident.status === 'acknowledged' || incident.status === 'resolved',
      };
    },

    async resolve({ dedupKey, ref }) {
      const id = ref?.id ?? (await idFromMemory(ctx, dedupKey)) ?? (await findByKey(dedupKey))?.id;
      // Nothing was ever created for this key: nothing to resolve.
      if (!id) return;
      await rest.put(`/incidents/${encodeURIComponent(id)}`, { incident: { type: 'incident_reference', status: 'resolved' } }, incidentAnswer);
    },

    acknowledgements: pagerDutyAcknowledgements(ctx.storage),
  };
}

async function idFromMemory(ctx: Context, dedupKey: string): Promise<string | undefined> {
  return ctx.storage.get<string>(pageKey(dedupKey));
}

/** The incident body: where the room is and what Muster knows, so the person paged can join from the phone. */
function pageDetails({ incident }: PageRequest): string {
  const room = incident.rooms.find((r) => r.url);
  return [
    `Muster incident ${incident.reference} (${incident.severity}): ${incident.title}`,
    incident.summary ?? '',
    incident.services.length ? `Services: ${incident.services.join(', ')}` : '',
    room?.url ? `Room: ${room.url}` : '',
  ].filter(Boolean).join('\n').slice(0, 8000);
}
