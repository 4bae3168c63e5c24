import type { PluginIncident, PluginLogger, PluginServiceCatalog } from '@muster/plugin-sdk';
import type { ComponentStatus, OpenIncidentStatus, StatuspageConfig } from './config';

const COMPONENT_ID = /^[A-Za-z0-9]{1,40}$/;

/**
 * The Statuspage components of the incident's services: the catalogue's
 * `integrations.statuspage` first, then the plugin's `components` map. A service with neither is
 * left off the page (and logged once per call), never guessed.
 */
export async function componentIdsOf(incident: PluginIncident, config: StatuspageConfig, services: PluginServiceCatalog, logger: PluginLogger): Promise<string[]> {
  const ids = new Set<string>();
  for (const name of incident.services) {
    const fromCatalogue = (await services.find(name))?.integrations.statuspage?.trim();
    // The catalogue is editable through the REST API: only a well-formed id goes into a request.
    if (fromCatalogue && !COMPONENT_ID.test(fromCatalogue)) logger.warn('The catalogue\'s Statuspage component id is not one: ignored', { service: name });
    const id = (fromCatalogue && COMPONENT_ID.test(fromCatalogue) ? fromCatalogue : undefined) ?? config.components[name];
    if (id) ids.add(id);
    else logger.info('A service has no Statuspage component: it is left off the page', { service: name });
  }
  return [...ids];
}

/** Every component in the same state: the one the incident's severity maps to. */
export function componentStates(ids: readonly string[], status: ComponentStatus): Record<string, ComponentStatus> {
  return Object.fromEntries(ids.map((id) => [id, status]));
}

export function componentStatusFor(severity: string, config: StatuspageConfig): ComponentStatus {
  return config.componentStatus[severity] ?? 'degraded_performance';
}

/** The first update opens with `incidentStatus.first`; later ones follow Muster's status. */
export function incidentStatusFor(incident: PluginIncident, first: boolean, config: StatuspageConfig): OpenIncidentStatus {
  if (first) return config.incidentStatus.first;
  return config.incidentStatus.later[incident.status] ?? 'identified';
}
