import { oneLine, readPayload, type PageAcknowledgement, type PluginPerson, type PluginStorage, type WebhookRequest } from '@muster/plugin-sdk';
import { recallPage } from './page-memory';
import { pagerDutyEnvelopeSchema, pagerDutyIncidentEventSchema, type PagerDutyEnvelope } from './pagerduty-event';

const STATES: Readonly<Record<string, PageAcknowledgement['state']>> = {
  'incident.acknowledged': 'acknowledged',
  'incident.resolved': 'resolved',
};

/**
 * Acknowledgements from the same V3 webhook the alert source reads (already verified by its
 * signature check). The incident's page is found by the PagerDuty incident id the plugin remembered
 * when paging, else by the `incident_key` V3 incident data carries (it is the dedupKey Muster sent).
 * The agent is a user reference without email: the remembered paged people supply it.
 */
export function pagerDutyAcknowledgements(storage: PluginStorage) {
  return async (request: WebhookRequest): Promise<readonly PageAcknowledgement[]> => {
    const envelope = readPayload(request, pagerDutyEnvelopeSchema);
    const state = Object.hasOwn(STATES, envelope.event.event_type) ? STATES[envelope.event.event_type]! : undefined;
    if (!state) return [];
    const incident = readPayload(request, pagerDutyIncidentEventSchema).event.data;
    const remembered = await recallPage(storage, incident.id);
    const dedupKey = remembered?.dedupKey ?? oneLine(incident.incident_key, 200);
    if (!dedupKey) return [];
    const by = agentOf(envelope, remembered?.paged ?? []);
    return [{ dedupKey, state, ...(by ? { by } : {}) }];
  };
}

function agentOf({ event }: PagerDutyEnvelope, paged: readonly PluginPerson[]): PluginPerson | undefined {
  const agent = event.agent;
  // A resolve by a service or an integration has no person behind it.
  if (!agent?.id || !/user/.test(agent.type ?? 'user_reference')) return undefined;
  const known = paged.find((p) => p.platform === 'pagerduty' && p.id === agent.id);
  const name = oneLine(agent.summary, 200);
  return known ?? { platform: 'pagerduty', id: oneLine(agent.id, 200)!, ...(name ? { name } : {}) };
}
