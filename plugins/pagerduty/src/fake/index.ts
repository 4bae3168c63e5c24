/*
 * `@muster/plugin-pagerduty/fake`: the PagerDuty REST API v2 as a node:http server on 127.0.0.1,
 * built from PagerDuty's documented wire formats, for this plugin's specs and Muster's e2e suites.
 *
 *   const pd = await startPagerDutyFake({ apiToken: 'pd-token' });    // pd.url is the plugin's apiUrl
 *   pd.addService('PF9KMXH', { escalationPolicy: 'PUS0KTE', oncall: [{ name: 'Ana Lima', email: 'ana@example.com' }] });
 *   pd.addUser({ name: 'Bo Chen', email: 'bo@example.com' });          // for person pages
 *   … the plugin pages …
 *   pd.incidents();                 // [{ id, number, title, status, incidentKey, serviceId, assignees, history }]
 *   const body = pd.act(id, 'acknowledged', 'ana@example.com');        // the V3 webhook to post (sign with fixtures' pagerDutyHeaders)
 *   pd.failNext(429, { retryAfter: 1 }); pd.answerNext({ status: 200, text: 'nope' }); pd.hangNext();
 *   pd.requests;                    // every request: method, url, path, query, headers, body, json
 *   await pd.stop();
 *
 * Served: GET /services/{id}, GET /oncalls (escalation_policy_ids[], include[]=users), GET /users?query=,
 * POST /incidents, GET /incidents (incident_key, statuses[]), GET|PUT /incidents/{id}. Auth as
 * PagerDuty checks it: anything but `Authorization: Token token=<apiToken>` is 401
 * `{"error":{"message":"Authentication failed","code":2006}}`; writes need a `From` header. As the
 * API reference says, creating an incident with the incident_key of an open incident on the same
 * service is refused (400, "Open incident with matching dedup key already exists on this service").
 */
export { PagerDutyFake, type PagerDutyFakeOptions } from './pagerduty-fake';
export type { FakeIncident, FakeService, FakeUser } from './pagerduty-fake-state';
export type { RecordedRequest, RemoteAnswer } from '@muster/plugin-sdk/testing';
import { PagerDutyFake, type PagerDutyFakeOptions } from './pagerduty-fake';

/** Starts a fake on a free port of 127.0.0.1; `stop()` it after the test. */
export function startPagerDutyFake(options: PagerDutyFakeOptions): Promise<PagerDutyFake> {
  return new PagerDutyFake(options).start();
}
