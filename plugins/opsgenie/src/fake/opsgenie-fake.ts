import { randomUUID } from 'node:crypto';
import { FakeRemote, type RecordedRequest, type RemoteAnswer } from '@muster/plugin-sdk/testing';
import { alertJson, took, webhookBody, type FakeAlert, type FakeRequest } from './opsgenie-fake-state';

export interface OpsgenieFakeOptions {
  /** The key the fake accepts (`Authorization: GenieKey <apiKey>`). */
  readonly apiKey: string;
  /** How many request-status polls answer 404 ("not processed yet") before a create's outcome (default 0). */
  readonly pendingPolls?: number;
}

type Json = Record<string, unknown>;
/** `value` as an object to read fields of ({} for anything else): request bodies are the client's, so nothing is trusted. */
const obj = (value: unknown): Json => (value !== null && typeof value === 'object' && !Array.isArray(value) ? value as Json : {});
const ogError = (status: number, message: string, errors?: Record<string, string>): RemoteAnswer => ({ status, json: { message, ...(errors ? { errors } : {}), ...took() } });
const accepted = (requestId: string): RemoteAnswer => ({ status: 202, json: { result: 'Request will be processed', took: 0.012, requestId } });

/** The Opsgenie Alert and Who-is-on-call APIs on 127.0.0.1, from their documented formats. See `startOpsgenieFake`. */
export class OpsgenieFake extends FakeRemote {
  private readonly schedules = new Map<string, string[]>();
  private readonly teams = new Set<string>();
  private readonly users = new Set<string>();
  private readonly stored: FakeAlert[] = [];
  private readonly pending = new Map<string, FakeRequest>();

  constructor(private readonly options: OpsgenieFakeOptions) {
    super();
  }

  /** A schedule and the usernames (emails) on call on it now. */
  addSchedule(name: string, oncall: readonly string[]): void {
    this.schedules.set(name, [...oncall]);
    for (const user of oncall) this.users.add(user.toLowerCase());
  }
  /** A team and, with `oncall`, its schedule `<name>_schedule` with who is on call. */
  addTeam(name: string, oncall?: readonly string[]): void {
    this.teams.add(name);
    if (oncall) this.addSchedule(`${name}_schedule`, oncall);
  }
  addUser(username: string): void { this.users.add(username.toLowerCase()); }

  /** The alerts, oldest first. */
  alerts(): readonly FakeAlert[] { return this.stored; }

  /** Opsgenie's error body, for `failNext(status, { retryAfter, match })`. */
  protected override errorBody(status: number): unknown {
    return ogError(status, status === 429 ? 'You are making too many requests! To avoid errors, we recommend you limit requests.' : 'Internal Server Error').json;
  }

  /** Acknowledges or closes an alert as a user would in Opsgenie; returns the Webhook integration's post. */
  act(alias: string, action: 'Acknowledge' | 'Close', username: string) {
    const alert = this.stored.find((a) => a.alias === alias && a.status === 'open') ?? this.stored.find((a) => a.alias === alias);
    if (!alert) throw new Error(`No fake alert with alias ${alias}`);
    if (action === 'Acknowledge') alert.acknowledged = true;
    else alert.status = 'closed';
    alert.history.push({ action, by: username });
    return webhookBody(alert, action, username);
  }

  protected override route(request: RecordedRequest): RemoteAnswer {
    const authorization = request.headers.authorization ?? '';
    if (authorization !== `GenieKey ${this.options.apiKey}`) return ogError(401, authorization.startsWith('GenieKey ') ? 'Could not authenticate' : 'Key format is not valid!');
    const parts = request.path.split('/').map(decodeURIComponent);
    const [, version, resource, id, sub] = parts;
    if (version !== 'v2') return ogError(404, 'Not found');
    if (resource === 'schedules' && id && sub === 'on-calls' && request.method === 'GET') return this.onCalls(id, request.query);
    if (resource !== 'alerts') return ogError(404, 'Not found');
    if (!id && request.method === 'POST') return this.create(request.json);
    if (id === 'requests' && sub && request.method === 'GET') return this.requestStatus(sub);
    if (id && !sub && request.method === 'GET') return this.getAlert(id, request.query.get('identifierType') ?? 'id');
    if (id && sub === 'close' && request.method === 'POST') return this.closeAlert(id, request.query.get('identifierType') ?? 'id', request.json);
    return ogError(404, 'Not found');
  }

  private onCalls(name: string, query: URLSearchParams): RemoteAnswer {
    const oncall = query.get('scheduleIdentifierType') === 'name' ? this.schedules.get(name) : undefined;
    if (!oncall) return ogError(404, `No schedule exists with name [${name}]`);
    const parent = { id: randomUUID(), name, enabled: true };
    const data = query.get('flat') === 'true'
      ? { _parent: parent, onCallRecipients: oncall }
      : { _parent: parent, onCallParticipants: oncall.map((u) => ({ id: randomUUID(), name: u, type: 'user' })) };
    return { status: 200, json: { data, ...took() } };
  }

  private create(json: unknown): RemoteAnswer {
    const body = obj(json);
    const message = typeof body['message'] === 'string' ? body['message'].trim() : '';
    if (!message) return ogError(422, 'Request body is not processable. Please check the errors.', { message: 'Message can not be empty.' });
    if (message.length > 130) return ogError(422, 'Request body is not processable. Please check the errors.', { message: 'Message can not be longer than 130 characters.' });
    const alias = typeof body['alias'] === 'string' && body['alias'] ? body['alias'] : randomUUID();
    const responders = (Array.isArray(body['responders']) ? body['responders'] : []).map((r) => obj(r)).map((r) => ({ type: String(r['type']), name: r['name'] as string | undefined, username: r['username'] as string | undefined }));
    const requestId = randomUUID();
    const unknown = responders.find((r) => !this.knows(r));
    const open = this.stored.find((a) => a.alias === alias && a.status === 'open');
    let outcome: FakeRequest['outcome'];
    if (unknown) outcome = { isSuccess: false, status: `Responder [${unknown.name ?? unknown.username}] of type [${unknown.type}] does not exist`, action: 'Create' };
    else if (open) {
      // Opsgenie's de-duplication: an open alert with the alias only counts the repeat.
      open.count += 1;
      outcome = { isSuccess: true, status: 'Alert is deduplicated', alertId: open.id, alias, action: 'Create' };
    } else {
      const alert: FakeAlert = {
        id: randomUUID(), tinyId: String(this.stored.length + 1), alias, message,
        description: typeof body['description'] === 'string' ? body['description'] : undefined,
        priority: typeof body['priority'] === 'string' ? body['priority'] : 'P3',
        responders, status: 'open', acknowledged: false, count: 1, createdAt: new Date().toISOString(), history: [],
      };
      this.stored.push(alert);
      outcome = { isSuccess: true, status: 'Created alert', alertId: alert.id, alias, action: 'Create' };
    }
    this.pending.set(requestId, { pendingPolls: this.options.pendingPolls ?? 0, outcome });
    return accepted(requestId);
  }

  private knows(responder: { type: string; name?: string; username?: string }): boolean {
    if (responder.type === 'schedule') return this.schedules.has(responder.name ?? '');
    if (responder.type === 'team') return this.teams.has(responder.name ?? '');
    if (responder.type === 'user') return this.users.has((responder.username ?? '').toLowerCase());
    return false;
  }

  private requestStatus(requestId: string): RemoteAnswer {
    const request = this.pending.get(requestId);
    if (!request || request.pendingPolls > 0) {
      if (request) request.pendingPolls -= 1;
      return ogError(404, 'Request not found. It might not be processed, yet.');
    }
    return { status: 200, json: { data: { success: request.outcome.isSuccess, processedAt: new Date().toISOString(), integrationId: '37c8f316-17c6-49d7-899b-9c7e540c048d', ...request.outcome }, ...took() } };
  }

  private find(identifier: string, type: string): FakeAlert | undefined {
    const matching = this.stored.filter((a) => (type === 'alias' ? a.alias : type === 'tiny' ? a.tinyId : a.id) === identifier);
    return matching.find((a) => a.status === 'open') ?? matching.at(-1);
  }

  private getAlert(identifier: string, type: string): RemoteAnswer {
    const alert = this.find(identifier, type);
    return alert ? { status: 200, json: { data: alertJson(alert), ...took() } } : ogError(404, 'Alert does not exist');
  }

  private closeAlert(identifier: string, type: string, json: unknown): RemoteAnswer {
    const alert = this.find(identifier, type);
    const requestId = randomUUID();
    // Accepted either way, as Opsgenie does; the request's status tells whether there was an alert.
    if (alert && alert.status === 'open') {
      alert.status = 'closed';
      const note = obj(json)['note'];
      alert.history.push({ action: 'Close', by: 'Muster', note: typeof note === 'string' ? note : undefined });
    }
    this.pending.set(requestId, { pendingPolls: 0, outcome: alert ? { isSuccess: true, status: 'Closed alert', alertId: alert.id, alias: alert.alias, action: 'Close' } : { isSuccess: false, status: 'Alert does not exist', action: 'Close' } });
    return accepted(requestId);
  }
}
