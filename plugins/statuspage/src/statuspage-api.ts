import { PluginHttpError, z, type PluginHttp } from '@muster/plugin-sdk';
import type { ComponentStatus } from './config';

/**
 * What Muster reads of a Statuspage incident (the documented incident object, trimmed to what it
 * needs). Parsed, never trusted: a proxy or a broken answer must not put garbage on the card.
 */
const incidentSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9]{1,60}$/),
  name: z.string().max(1000).optional(),
  status: z.string().max(40),
  shortlink: z.string().max(500).nullish(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
  incident_updates: z.array(z.object({ body: z.string().nullish(), status: z.string().nullish() }).loose()).max(1000).default([]),
  components: z.array(z.object({ id: z.string().max(60) }).loose()).max(1000).default([]),
}).loose();

export type StatuspageIncident = z.output<typeof incidentSchema>;

/** The fields Muster writes (POST and PATCH take the same `incident` object). */
export interface IncidentWrite {
  readonly name?: string;
  readonly status: string;
  readonly body?: string;
  readonly component_ids?: readonly string[];
  readonly components?: Readonly<Record<string, ComponentStatus>>;
  readonly deliver_notifications?: boolean;
  readonly metadata?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/**
 * The four Statuspage incident calls Muster makes, authenticated with `Authorization: OAuth <key>`
 * (the header Statuspage documents; never the `api_key` query parameter, which ends up in logs).
 */
export class StatuspageApi {
  constructor(private readonly http: PluginHttp, private readonly apiUrl: string, private readonly pageId: string, private readonly apiKey: string) {}

  /**
   * Creates the incident. `retries: 0`: Statuspage takes no idempotency key, so a POST whose answer
   * was lost must not be sent again blindly; the outbox retries the whole call with `uncertainSince`
   * and the look-up before create finds what it made.
   */
  async create(incident: IncidentWrite): Promise<StatuspageIncident> {
    return this.call('POST', 'incidents', { incident }, 0);
  }

  async update(id: string, incident: IncidentWrite): Promise<StatuspageIncident> {
    return this.call('PATCH', `incidents/${encodeURIComponent(id)}`, { incident });
  }

  async get(id: string): Promise<StatuspageIncident> {
    return this.call('GET', `incidents/${encodeURIComponent(id)}`);
  }

  async unresolved(): Promise<StatuspageIncident[]> {
    const response = await this.http.request({ method: 'GET', url: this.url('incidents/unresolved?per_page=100'), headers: this.headers() });
    const parsed = z.array(z.unknown()).max(1000).safeParse(response.json());
    if (!parsed.success) throw new PluginHttpError('Statuspage: GET incidents/unresolved did not answer a list of incidents', response.status);
    // One unreadable entry (someone else's odd incident) must not hide ours.
    return parsed.data.flatMap((item) => {
      const incident = incidentSchema.safeParse(item);
      return incident.success ? [incident.data] : [];
    });
  }

  private async call(method: 'GET' | 'POST' | 'PATCH', path: string, json?: unknown, retries?: number): Promise<StatuspageIncident> {
    const response = await this.http.request({ method, url: this.url(path), headers: this.headers(), json, ...(retries === undefined ? {} : { retries }) });
    const parsed = incidentSchema.safeParse(response.json());
    if (!parsed.success) throw new PluginHttpError(`Statuspage: ${method} ${path.split('?')[0]} did not answer an incident with an id`, response.status);
    return parsed.data;
  }

  private url(path: string): string {
    return `${this.apiUrl.replace(/\/+$/, '')}/pages/${encodeURIComponent(this.pageId)}/${path}`;
  }

  private headers(): Record<string, string> {
    return { authorization: `OAuth ${this.apiKey}`, accept: 'application/json' };
  }
}
