import { FakeRemote, type RecordedRequest, type RemoteAnswer } from '@muster/plugin-sdk/testing';
import { incidentJson, oncallJson, serviceJson, userJson, webhookBody, type FakeIncident, type FakeService, type FakeUser } from './pagerduty-fake-state';

export interface PagerDutyFakeOptions {
  /** The REST API key the fake accepts (`Authorization: Token token=<apiToken>`). */
  readonly apiToken: string;
  /** Writes without a `From` header are refused, as with an account API key (default true). */
  readonly requireFrom?: boolean;
}

const pdError = (status: number, message: string, code: number, errors?: string[]): RemoteAnswer =>
  ({ status, json: { error: { message, code, ...(errors ? { errors } : {}) } } });
const NOT_FOUND = pdError(404, 'Not Found', 2100);
type Json = Record<string, unknown>;
/** `value` as an object to read fields of ({} for anything else): request bodies are the client's, so nothing is trusted. */
const obj = (value: unknown): Json => (value !== null && typeof value === 'object' && !Array.isArray(value) ? value as Json : {});
const list = <K extends string>(key: K, items: unknown[]) => ({ [key]: items, limit: 25, offset: 0, more: false, total: null });

/**
 * The PagerDuty REST API v2 on 127.0.0.1, from its documented formats. See `startPagerDutyFake`.
 */
export class PagerDutyFake extends FakeRemote {
  private readonly users = new Map<string, FakeUser>();
  private readonly services = new Map<string, FakeService>();
  private readonly stored: FakeIncident[] = [];

  constructor(private readonly options: PagerDutyFakeOptions) {
    super();
  }

  /** A PagerDuty user (found by `GET /users?query=`); returns it with its id. */
  addUser(user: { readonly name: string; readonly email: string; readonly id?: string }): FakeUser {
    const existing = [...this.users.values()].find((u) => u.email === user.email);
    if (existing) return existing;
    const added = { id: user.id ?? `PU${String(this.users.size + 1).padStart(5, '0')}`, name: user.name, email: user.email };
    this.users.set(added.id, added);
    return added;
  }

  /** A service, its escalation policy and who is on call (level 1 unless `level` says otherwise). */
  addService(id: string, spec: { readonly escalationPolicy: string; readonly oncall: readonly { name: string; email: string; id?: string; level?: number }[]; readonly name?: string }): void {
    const oncall = spec.oncall.map((o) => ({ user: this.addUser(o), level: o.level ?? 1 }));
    this.services.set(id, { id, name: spec.name ?? id, escalationPolicy: spec.escalationPolicy, oncall });
  }

  /** The incidents created, oldest first (their status changes as they are acknowledged or resolved). */
  incidents(): readonly FakeIncident[] { return this.stored; }

  /** PagerDuty's error body, for `failNext(status, { retryAfter, match })`. */
  protected override errorBody(status: number): unknown {
    return pdError(status, status === 429 ? 'Rate Limit Exceeded' : 'Internal Server Error', status === 429 ? 2020 : 2000).json;
  }

  /** Acknowledges (or resolves) an incident as its user would at PagerDuty; returns the V3 webhook body PagerDuty would post. */
  act(incidentId: string, status: 'acknowledged' | 'resolved', byEmail?: string) {
    const incident = this.stored.find((i) => i.id === incidentId);
    if (!incident) throw new Error(`No fake incident ${incidentId}`);
    const by = [...this.users.values()].find((u) => u.email === byEmail);
    incident.status = status;
    incident.history.push({ status, by: by?.email, at: new Date().toISOString() });
    return webhookBody(incident, this.services.get(incident.serviceId), `incident.${status}`, by);
  }

  protected override route(request: RecordedRequest): RemoteAnswer {
    if (request.headers.authorization !== `Token token=${this.options.apiToken}`) return pdError(401, 'Authentication failed', 2006);
    const write = request.method === 'POST' || request.method === 'PUT';
    if (write && this.options.requireFrom !== false && !request.headers.from) return pdError(400, 'Invalid Input Provided', 2001, ['A valid user email address is required in the From header']);
    const [, resource, id] = request.path.split('/');
    if (resource === 'services' && id && request.method === 'GET') return this.service(id);
    if (resource === 'oncalls' && request.method === 'GET') return this.oncalls(request.query);
    if (resource === 'users' && request.method === 'GET') return this.findUsers(request.query.get('query') ?? '');
    if (resource === 'incidents' && !id && request.method === 'POST') return this.create(request.json);
    if (resource === 'incidents' && !id && request.method === 'GET') return this.listIncidents(request.query);
    if (resource === 'incidents' && id && request.method === 'GET') return this.incident(id);
    if (resource === 'incidents' && id && request.method === 'PUT') return this.update(id, request.json);
    return NOT_FOUND;
  }

  private service(id: string): RemoteAnswer {
    const service = this.services.get(id);
    return service ? { status: 200, json: { service: serviceJson(service) } } : NOT_FOUND;
  }

  private oncalls(query: URLSearchParams): RemoteAnswer {
    const policies = query.getAll('escalation_policy_ids[]');
    const withUsers = query.getAll('include[]').includes('users');
    const entries = [...this.services.values()]
      .filter((s) => policies.length === 0 || policies.includes(s.escalationPolicy))
      .flatMap((s) => s.oncall.map((entry) => oncallJson(s, entry, withUsers)));
    return { status: 200, json: list('oncalls', entries) };
  }

  private findUsers(query: string): RemoteAnswer {
    const q = query.toLowerCase();
    const users = [...this.users.values()].filter((u) => u.email.toLowerCase().includes(q) || u.name.toLowerCase().includes(q));
    return { status: 200, json: list('users', users.map(userJson)) };
  }

  private create(json: unknown): RemoteAnswer {
    const body = obj(obj(json)['incident']);
    if (body['type'] !== 'incident' || typeof body['title'] !== 'string' || !body['title']) return pdError(400, 'Invalid Input Provided', 2001, ['Incident title and type are required']);
    const service = this.services.get(String(obj(body['service'])['id']));
    if (!service) return pdError(400, 'Invalid Input Provided', 2001, ['Service not found']);
    const key = typeof body['incident_key'] === 'string' ? body['incident_key'] : undefined;
    // As documented: a request with the key of an open incident on the same service is rejected.
    if (key && this.stored.some((i) => i.incidentKey === key && i.serviceId === service.id && i.status !== 'resolved')) {
      return pdError(400, 'Invalid Input Provided', 2001, ['Open incident with matching dedup key already exists on this service']);
    }
    const assigned = Array.isArray(body['assignments']) ? body['assignments'].map((a) => this.users.get(String(obj(obj(a)['assignee'])['id']))) : undefined;
    if (assigned?.some((u) => !u)) return pdError(400, 'Invalid Input Provided', 2001, ['Assignee not found']);
    const details = obj(body['body'])['details'];
    const incident: FakeIncident = {
      id: `Q${(1000 + this.stored.length + 1).toString(36).toUpperCase()}FAKE${this.stored.length + 1}`,
      number: this.stored.length + 1,
      title: body['title'],
      status: 'triggered',
      incidentKey: key,
      urgency: body['urgency'] === 'low' ? 'low' : 'high',
      serviceId: service.id,
      assignees: assigned as FakeUser[] | undefined ?? service.oncall.filter((o) => o.level === 1).map((o) => o.user),
      details: typeof details === 'string' ? details : undefined,
      createdAt: new Date().toISOString(),
      history: [{ status: 'triggered', at: new Date().toISOString() }],
    };
    this.stored.push(incident);
    return { status: 201, json: { incident: incidentJson(incident, service) } };
  }

  private listIncidents(query: URLSearchParams): RemoteAnswer {
    const key = query.get('incident_key');
    const statuses = query.getAll('statuses[]');
    const found = this.stored.filter((i) => (key === null || i.incidentKey === key) && (statuses.length === 0 || statuses.includes(i.status)));
    return { status: 200, json: list('incidents', found.map((i) => incidentJson(i, this.services.get(i.serviceId)))) };
  }

  private incident(id: string): RemoteAnswer {
    const incident = this.stored.find((i) => i.id === id);
    return incident ? { status: 200, json: { incident: incidentJson(incident, this.services.get(incident.serviceId)) } } : NOT_FOUND;
  }

  private update(id: string, json: unknown): RemoteAnswer {
    const incident = this.stored.find((i) => i.id === id);
    if (!incident) return NOT_FOUND;
    const status = obj(obj(json)['incident'])['status'];
    if (status !== 'acknowledged' && status !== 'resolved') return pdError(400, 'Invalid Input Provided', 2001, ['Incident status must be acknowledged or resolved']);
    incident.status = status;
    incident.history.push({ status, at: new Date().toISOString() });
    return { status: 200, json: { incident: incidentJson(incident, this.services.get(incident.serviceId)) } };
  }
}
