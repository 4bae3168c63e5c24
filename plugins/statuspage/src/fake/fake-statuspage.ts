import { randomBytes } from 'node:crypto';
import { FakeRemote, type RecordedRequest, type RemoteAnswer } from '@muster/plugin-sdk/testing';

export interface FakeIncidentUpdate {
  readonly id: string;
  readonly incident_id: string;
  readonly body: string;
  readonly status: string;
  readonly created_at: string;
  readonly display_at: string;
  readonly deliver_notifications: boolean;
  readonly affected_components: { readonly code: string; readonly new_status: string }[];
}

/** The documented incident object, as much of it as Muster's calls touch. */
export interface FakeIncident {
  id: string;
  page_id: string;
  name: string;
  status: string;
  impact: string;
  shortlink: string;
  created_at: string;
  updated_at: string;
  resolved_at: string | null;
  metadata: Record<string, unknown>;
  incident_updates: FakeIncidentUpdate[];
  components: { id: string; name: string; status: string }[];
}

export interface FakeStatuspageOptions {
  readonly apiKey: string;
  readonly pageId: string;
  /** The page's components (id → name); all start operational. */
  readonly components?: Readonly<Record<string, string>>;
  /** Keep no `metadata` (an account or a proxy that drops it): the plugin's fallback marker is tested with it. */
  readonly dropMetadata?: boolean;
}

const CLOSED = new Set(['resolved', 'postmortem', 'completed']);
const OPEN = new Set(['investigating', 'identified', 'monitoring']);
const COMPONENT_STATES = new Set(['operational', 'under_maintenance', 'degraded_performance', 'partial_outage', 'major_outage']);
const id = () => randomBytes(6).toString('hex');
const error = (status: number, message: string): RemoteAnswer => ({ status, json: { error: message } });

/**
 * Atlassian Statuspage's incidents API on 127.0.0.1, from its documented wire format: base
 * `/v1`, `Authorization: OAuth <key>` (or `?api_key=`), 401 `{"error": …}` otherwise, incidents
 * with `incident_updates` newest first, component states kept per page.
 */
export class FakeStatuspage extends FakeRemote {
  readonly incidents = new Map<string, FakeIncident>();
  /** Component id → current status. */
  readonly componentStatus = new Map<string, string>();

  constructor(private readonly options: FakeStatuspageOptions) {
    super();
    for (const componentId of Object.keys(options.components ?? {})) this.componentStatus.set(componentId, 'operational');
  }

  static start(options: FakeStatuspageOptions): Promise<FakeStatuspage> {
    return new FakeStatuspage(options).start();
  }

  /** The plugin's `apiUrl`: `http://127.0.0.1:<port>/v1`. */
  get apiUrl(): string {
    return `${this.url}/v1`;
  }

  protected override route(request: RecordedRequest): RemoteAnswer {
    const url = new URL(request.url, 'http://fake');
    if (!this.authenticated(request, url)) return error(401, 'Could not authenticate');
    const match = /^\/v1\/pages\/([^/]+)\/incidents(?:\/([^/]+))?$/.exec(url.pathname);
    if (!match || match[1] !== this.options.pageId) return error(404, 'The requested resource could not be found.');
    const [, , incidentId] = match;
    if (request.method === 'GET' && incidentId === 'unresolved') {
      return { status: 200, json: [...this.incidents.values()].filter((i) => !CLOSED.has(i.status)).reverse() };
    }
    if (request.method === 'POST' && !incidentId) return this.create(request.body);
    const incident = incidentId ? this.incidents.get(incidentId) : undefined;
    if (!incident) return error(404, 'The requested resource could not be found.');
    if (request.method === 'GET') return { status: 200, json: incident };
    if (request.method === 'PATCH' || request.method === 'PUT') return this.update(incident, request.body);
    return error(405, 'Method not allowed');
  }

  private authenticated(request: RecordedRequest, url: URL): boolean {
    const header = request.headers.authorization;
    return header === `OAuth ${this.options.apiKey}` || url.searchParams.get('api_key') === this.options.apiKey;
  }

  private create(text: string): RemoteAnswer {
    const body = incidentOf(text);
    if (!body) return error(400, 'incident is missing');
    if (typeof body.name !== 'string' || !body.name.trim()) return error(422, "Name can't be blank");
    const problem = this.componentProblem(body);
    if (problem) return error(422, problem);
    const now = new Date().toISOString();
    const incident: FakeIncident = {
      id: id(), page_id: this.options.pageId, name: body.name, status: 'investigating', impact: 'none',
      shortlink: `https://stspg.io/${id().slice(0, 6)}`, created_at: now, updated_at: now, resolved_at: null,
      metadata: isObject(body.metadata) && !this.options.dropMetadata ? body.metadata : {}, incident_updates: [], components: [],
    };
    this.incidents.set(incident.id, incident);
    this.apply(incident, body);
    return { status: 201, json: incident };
  }

  private update(incident: FakeIncident, text: string): RemoteAnswer {
    const body = incidentOf(text);
    if (!body) return error(400, 'incident is missing');
    const problem = this.componentProblem(body);
    if (problem) return error(422, problem);
    this.apply(incident, body);
    return { status: 200, json: incident };
  }

  /** Status, components and (when a body or a new status is given) one more incident update, newest first. */
  private apply(incident: FakeIncident, body: Record<string, unknown>): void {
    const now = new Date().toISOString();
    const status = typeof body.status === 'string' && (OPEN.has(body.status) || CLOSED.has(body.status)) ? body.status : incident.status;
    const changed = isObject(body.components) ? Object.entries(body.components as Record<string, string>) : [];
    for (const [componentId, state] of changed) this.componentStatus.set(componentId, state);
    const ids = Array.isArray(body.component_ids) ? body.component_ids as string[] : changed.map(([c]) => c);
    if (ids.length) incident.components = ids.map((c) => ({ id: c, name: this.options.components?.[c] ?? c, status: this.componentStatus.get(c) ?? 'operational' }));
    if (typeof body.body === 'string' || status !== incident.status || incident.incident_updates.length === 0) {
      incident.incident_updates.unshift({
        id: id(), incident_id: incident.id, body: typeof body.body === 'string' ? body.body : '', status, created_at: now, display_at: now,
        deliver_notifications: body.deliver_notifications !== false, affected_components: changed.map(([code, state]) => ({ code, new_status: state })),
      });
    }
    incident.status = status;
    incident.updated_at = now;
    if (status === 'resolved') incident.resolved_at = now;
  }

  private componentProblem(body: Record<string, unknown>): string | undefined {
    const named = [...(Array.isArray(body.component_ids) ? body.component_ids : []), ...Object.keys(isObject(body.components) ? body.components : {})];
    const unknown = named.find((c) => !this.componentStatus.has(String(c)));
    if (unknown !== undefined) return `Component ${String(unknown)} could not be found`;
    const bad = Object.values(isObject(body.components) ? body.components : {}).find((s) => !COMPONENT_STATES.has(String(s)));
    return bad === undefined ? undefined : `Component status ${String(bad)} is not valid`;
  }
}

function incidentOf(text: string): Record<string, unknown> | undefined {
  try {
    const parsed = JSON.parse(text) as unknown;
    return isObject(parsed) && isObject(parsed.incident) ? parsed.incident : undefined;
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
