import { createPluginHttp, PluginConfigError, PluginHttpError, type PluginService, type RemoteRef, type StatusPagePort } from '@muster/plugin-sdk';
import { activateForTest, assertNoSecretIn, fakeIncident, undescribedSettings, type ActivatedPlugin } from '@muster/plugin-sdk/testing';
import { expect } from 'chai';
import { FakeStatuspage } from './fake';
import statuspage, { PrivateIncidentError, statuspageConfigSchema } from './index';

const API_KEY = 'sp-api-key-7f3e9c21d4b8';
const PAGE = 'pg7x9k2m4q1z';
const CHECKOUT = 'cmpcheckout1';
const SEARCH = 'cmpsearch001';
const checkoutService: PluginService = { name: 'checkout', description: '', owners: [], subjectMatterExperts: [], integrations: { statuspage: CHECKOUT }, runbooks: [] };
const opts = (key: string, uncertainSince?: Date) => ({ idempotencyKey: key, ...(uncertainSince ? { uncertainSince } : {}) });
const update = (id: string, body: string) => ({ id, body });

describe('statuspage plugin against a fake Statuspage (real ctx.http)', () => {
  let fake: FakeStatuspage;
  let plugin: ActivatedPlugin<'status-page'>;
  let port: StatusPagePort;

  async function activate(config: Record<string, unknown> = {}, secrets: Record<string, string> = { API_KEY }): Promise<void> {
    const http = createPluginHttp({ allowedHosts: [fake.host], redact: [API_KEY], backoff: { baseMs: 1, maxMs: 5 }, deadlineMs: 5_000, timeoutMs: 2_000 });
    plugin = await activateForTest(statuspage, { config: { apiUrl: fake.apiUrl, pageId: PAGE, components: { search: SEARCH }, ...config }, secrets, http, services: [checkoutService] });
    port = plugin.ports['status-page'];
  }

  beforeEach(async () => {
    fake = await FakeStatuspage.start({ apiKey: API_KEY, pageId: PAGE, components: { [CHECKOUT]: 'Checkout', [SEARCH]: 'Search' } });
    await activate();
  });
  afterEach(() => fake.stop());

  const posts = () => fake.requests.filter((r) => r.method === 'POST');

  it('creates the incident from the first update: title, body, investigating, components from severity and services, our marker', async () => {
    const incident = fakeIncident({ severity: 'SEV1', services: ['checkout', 'search', 'billing'] });
    const ref = await port.publish(incident, update('u1', 'We are looking into failed payments.'), undefined, opts('k1'));
    const remote = fake.incidents.get(ref.id)!;
    expect(remote).to.deep.include({ name: 'Checkout is failing', status: 'investigating' });
    expect(remote.metadata).to.deep.equal({ muster: { incident_id: 'incident-1', tenant_id: 'default', reference: 'INC-1' } });
    expect(remote.incident_updates.map((u) => u.body)).to.deep.equal(['We are looking into failed payments.']);
    expect(fake.componentStatus.get(CHECKOUT)).to.equal('major_outage');
    expect(fake.componentStatus.get(SEARCH)).to.equal('major_outage');
    expect(ref).to.deep.equal({ id: remote.id, url: remote.shortlink, title: 'Status page' });
    expect(posts()[0]!.headers.authorization).to.equal(`OAuth ${API_KEY}`);
    expect(JSON.parse(posts()[0]!.body).incident.deliver_notifications).to.equal(true);
    expect(plugin.logs.map((l) => l.fields?.service)).to.include('billing');
  });

  it('appends a later update to the same incident with the status Muster\'s status maps to', async () => {
    const incident = fakeIncident();
    const ref = await port.publish(incident, update('u1', 'Investigating.'), undefined, opts('k1'));
    const again = await port.publish({ ...incident, status: 'mitigated' }, update('u2', 'A fix is out; watching.'), ref, opts('k2'));
    expect(again.id).to.equal(ref.id);
    expect(fake.incidents.size).to.equal(1);
    const remote = fake.incidents.get(ref.id)!;
    expect(remote.status).to.equal('monitoring');
    expect(remote.incident_updates.map((u) => u.body)).to.deep.equal(['A fix is out; watching.', 'Investigating.']);
    expect(fake.componentStatus.get(CHECKOUT)).to.equal('partial_outage');
  });

  it('a redelivered first publish (ref never recorded) finds the incident instead of creating a second one', async () => {
    const incident = fakeIncident();
    const first = await port.publish(incident, update('u1', 'Investigating.'), undefined, opts('k1'));
    const second = await port.publish(incident, update('u1', 'Investigating.'), undefined, opts('k1', new Date()));
    expect(second.id).to.equal(first.id);
    expect(posts()).to.have.length(1);
    expect(fake.incidents.get(first.id)!.incident_updates).to.have.length(1);
  });

  it('a crash between create and record: the lost answer is not re-POSTed, and the uncertain retry finds the incident', async () => {
    const incident = fakeIncident();
    fake.dropNextAnswer(/^POST /);
    const lost = await port.publish(incident, update('u1', 'Investigating.'), undefined, opts('k1')).then(() => undefined, (e: unknown) => e);
    expect(lost).to.be.instanceOf(PluginHttpError);
    expect(posts(), 'ctx.http must not resend a create without an idempotency key').to.have.length(1);
    const ref = await port.publish(incident, update('u1', 'Investigating.'), undefined, opts('k1', new Date()));
    expect(fake.incidents.size).to.equal(1);
    expect(ref.id).to.equal([...fake.incidents.keys()][0]);
    expect(fake.incidents.get(ref.id)!.incident_updates).to.have.length(1);
  });

  it('on a page that keeps no metadata, an uncertain retry still finds its incident by title and text, never another one', async () => {
    await fake.stop();
    fake = await FakeStatuspage.start({ apiKey: API_KEY, pageId: PAGE, components: { [CHECKOUT]: 'Checkout' }, dropMetadata: true });
    await activate();
    const incident = fakeIncident();
    await port.publish(fakeIncident({ id: 'incident-2', title: 'Checkout is failing' }), update('x', 'Other text.'), undefined, opts('o'));
    fake.dropNextAnswer(/^POST /);
    await port.publish(incident, update('u1', 'Investigating.'), undefined, opts('k1')).catch(() => undefined);
    const ref = await port.publish(incident, update('u1', 'Investigating.'), undefined, opts('k1', new Date()));
    expect(fake.incidents.size).to.equal(2);
    expect(fake.incidents.get(ref.id)!.incident_updates.map((u) => u.body)).to.deep.equal(['Investigating.']);
  });

  it('an uncertain update whose PATCH went through is not appended twice; another incident of the page is never taken for ours', async () => {
    const other = await port.publish(fakeIncident({ id: 'incident-2', reference: 'INC-2' }), update('x', 'Investigating.'), undefined, opts('o'));
    const incident = fakeIncident();
    const ref = await port.publish(incident, update('u1', 'Investigating.'), undefined, opts('k1'));
    expect(ref.id).not.to.equal(other.id);
    await port.publish(incident, update('u2', 'Identified the bad deploy.'), ref, opts('k2'));
    await port.publish(incident, update('u2', 'Identified the bad deploy.'), ref, opts('k2', new Date()));
    expect(fake.incidents.get(ref.id)!.incident_updates.map((u) => u.body)).to.deep.equal(['Identified the bad deploy.', 'Investigating.']);
  });

  it('the catalogue\'s component id wins over the config map; an uncertain update that never landed is sent once', async () => {
    await activate({ components: { checkout: SEARCH } });
    const incident = fakeIncident({ severity: 'SEV3' });
    const ref = await port.publish(incident, update('u1', 'Investigating.'), undefined, opts('k1'));
    expect(fake.componentStatus.get(CHECKOUT)).to.equal('degraded_performance');
    expect(fake.componentStatus.get(SEARCH)).to.equal('operational');
    await port.publish(incident, update('u2', 'Still looking.'), ref, opts('k2', new Date()));
    expect(fake.incidents.get(ref.id)!.incident_updates.map((u) => u.body)).to.deep.equal(['Still looking.', 'Investigating.']);
  });

  it('a malformed component id in the catalogue is ignored (the config map is used), never sent', async () => {
    const http = createPluginHttp({ allowedHosts: [fake.host] });
    const hostile: PluginService = { ...checkoutService, integrations: { statuspage: '../../pages/x?y=1' } };
    plugin = await activateForTest(statuspage, { config: { apiUrl: fake.apiUrl, pageId: PAGE, components: { checkout: SEARCH } }, secrets: { API_KEY }, http, services: [hostile] });
    await plugin.ports['status-page'].publish(fakeIncident(), update('u1', 'Investigating.'), undefined, opts('k1'));
    expect(JSON.parse(posts()[0]!.body).incident.component_ids).to.deep.equal([SEARCH]);
    expect(plugin.logs.some((l) => l.level === 'warn')).to.equal(true);
  });

  it('a PATCH that hangs times out into a PluginHttpError; the incident keeps its one update', async () => {
    const http = createPluginHttp({ allowedHosts: [fake.host], retries: 0, timeoutMs: 200, deadlineMs: 2_000 });
    plugin = await activateForTest(statuspage, { config: { apiUrl: fake.apiUrl, pageId: PAGE }, secrets: { API_KEY }, http, services: [checkoutService] });
    const ref = await plugin.ports['status-page'].publish(fakeIncident(), update('u1', 'Investigating.'), undefined, opts('k1'));
    fake.hangNext();
    const error = await plugin.ports['status-page'].publish(fakeIncident(), update('u2', 'More.'), ref, opts('k2')).catch((e: unknown) => e) as PluginHttpError;
    expect(error).to.be.instanceOf(PluginHttpError);
    expect(error.message).to.match(/timed out/);
    expect(fake.incidents.get(ref.id)!.incident_updates).to.have.length(1);
  });

  it('resolve sets resolved and puts every component back to operational, once', async () => {
    const incident = fakeIncident({ severity: 'SEV1', services: ['checkout', 'search'] });
    const ref = await port.publish(incident, update('u1', 'Investigating.'), undefined, opts('k1'));
    await port.resolve({ ...incident, status: 'resolved' }, ref, opts('r1'));
    await port.resolve({ ...incident, status: 'resolved' }, ref, opts('r1', new Date()));
    const remote = fake.incidents.get(ref.id)!;
    expect(remote.status).to.equal('resolved');
    expect(remote.incident_updates[0]!.body).to.equal('This incident has been resolved.');
    expect(remote.incident_updates).to.have.length(2);
    expect(fake.componentStatus.get(CHECKOUT)).to.equal('operational');
    expect(fake.componentStatus.get(SEARCH)).to.equal('operational');
    expect(fake.requests.filter((r) => r.method === 'PATCH')).to.have.length(1);
  });

  it('refuses a private incident and sends nothing', async () => {
    const error = await port.publish(fakeIncident({ private: true }), update('u1', 'Secret stuff.'), undefined, opts('k1')).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(PrivateIncidentError);
    expect(fake.requests).to.have.length(0);
  });

  it('429 with Retry-After is waited out and the incident created once', async () => {
    fake.failNext(429, { retryAfter: 0, json: { error: 'Rate limit exceeded' } });
    const ref = await port.publish(fakeIncident(), update('u1', 'Investigating.'), undefined, opts('k1'));
    expect(fake.incidents.size).to.equal(1);
    expect(fake.incidents.has(ref.id)).to.equal(true);
  });

  it('a 429 on the create is not resent by ctx.http (no idempotency key) but handed to the outbox with its Retry-After; the retry creates once', async () => {
    fake.failNext(429, { retryAfter: 7, match: /^POST / });
    const error = await port.publish(fakeIncident(), update('u1', 'Investigating.'), undefined, opts('k1')).catch((e: unknown) => e) as PluginHttpError;
    expect(error).to.be.instanceOf(PluginHttpError);
    expect(error.retryAfterMs).to.equal(7_000);
    expect(posts()).to.have.length(1);
    expect(fake.incidents.size).to.equal(0);
    await port.publish(fakeIncident(), update('u1', 'Investigating.'), undefined, opts('k1'));
    expect(fake.incidents.size).to.equal(1);
  });

  it('a 429 beyond the deadline propagates with retryAfterMs for the outbox, and nothing is created', async () => {
    fake.failNext(429, { retryAfter: 120 });
    const error = await port.publish(fakeIncident(), update('u1', 'Investigating.'), undefined, opts('k1')).catch((e: unknown) => e) as PluginHttpError;
    expect(error).to.be.instanceOf(PluginHttpError);
    expect(error.status).to.equal(429);
    expect(error.retryAfterMs).to.equal(120_000);
    expect(fake.incidents.size).to.equal(0);
  });

  it('a wrong key gets the 401 as a PluginHttpError without the key in it or in the logs', async () => {
    await activate({}, { API_KEY: 'wrong-key-0000' });
    const error = await port.publish(fakeIncident(), update('u1', 'Investigating.'), undefined, opts('k1')).catch((e: unknown) => e) as PluginHttpError;
    expect(error).to.be.instanceOf(PluginHttpError);
    expect(error.status).to.equal(401);
    assertNoSecretIn([error, plugin.logs], { API_KEY, wrong: 'wrong-key-0000' });
  });

  it('without the API key it is a config error naming the variable', async () => {
    await activate({}, {});
    const error = await port.publish(fakeIncident(), update('u1', 'x'), undefined, opts('k1')).catch((e: unknown) => e) as Error;
    expect(error).to.be.instanceOf(PluginConfigError);
    expect(error.message).to.contain('MUSTER_PLUGIN_STATUSPAGE_API_KEY');
  });

  it('a hostile answer (no id, a huge name) is an error, never a ref; a credentialled shortlink is not a link', async () => {
    fake.failNext(200, { json: [{ id: '../../etc', status: 'investigating' }, 'junk'] });
    fake.failNext(201, { json: { incident: 'nope' } });
    const error = await port.publish(fakeIncident(), update('u1', 'x'), undefined, opts('k1')).catch((e: unknown) => e) as Error;
    expect(error).to.be.instanceOf(PluginHttpError);
    expect(error.message).to.match(/did not answer an incident/);
    const ref: RemoteRef = await port.publish(fakeIncident({ id: 'incident-3' }), update('u1', 'x'), undefined, opts('k3'));
    fake.incidents.get(ref.id)!.shortlink = 'https://user:pw@evil.example/x';
    const again = await port.publish(fakeIncident({ id: 'incident-3' }), update('u2', 'y'), ref, opts('k4'));
    expect(again.url).to.equal(undefined);
  });

  it('a page that is down surfaces a PluginHttpError after the retries, with nothing created', async () => {
    for (let i = 0; i < 3; i++) fake.failNext(503, { json: { error: 'Service Unavailable' } });
    const error = await port.publish(fakeIncident(), update('u1', 'x'), undefined, opts('k1')).catch((e: unknown) => e) as PluginHttpError;
    expect(error.status).to.equal(503);
    expect(fake.incidents.size).to.equal(0);
  });

  it('describes every setting, and refuses a bad page id or component status', () => {
    expect(undescribedSettings(statuspageConfigSchema)).to.deep.equal([]);
    expect(statuspageConfigSchema.safeParse({ pageId: '../x' }).success).to.equal(false);
    expect(statuspageConfigSchema.safeParse({ pageId: 'abc', componentStatus: { SEV1: 'on_fire' } }).success).to.equal(false);
  });
});
