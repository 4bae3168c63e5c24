/*
 * `@muster/plugin-opsgenie/fake`: Opsgenie's Alert API and Who-is-on-call API as a node:http server
 * on 127.0.0.1, built from the documented wire formats, for this plugin's specs and Muster's e2e suites.
 *
 *   const og = await startOpsgenieFake({ apiKey: 'og-key' });        // og.url is the plugin's apiUrl
 *   og.addSchedule('checkout_oncall', ['ana@example.com']);          // a schedule and who is on call
 *   og.addTeam('Payments', ['bo@example.com']);                      // a team and its Payments_schedule
 *   og.addUser('riley@example.com');                                 // for person pages
 *   … the plugin pages …
 *   og.alerts();                    // [{ id, tinyId, alias, message, priority, responders, status, acknowledged, count, history }]
 *   const body = og.act(alias, 'Acknowledge', 'ana@example.com');     // the Webhook integration's post to send
 *   og.failNext(429, { retryAfter: 1 }); og.answerNext({ status: 200, text: 'nope' }); og.hangNext();
 *   og.requests;                    // every request: method, url, path, query, headers, body, json
 *   await og.stop();
 *
 * Served: POST /v2/alerts (202 + requestId; an open alert with the same alias is de-duplicated: its
 * count rises, no new alert), GET /v2/alerts/requests/{id} (404 while pending: `pendingPolls`), GET
 * /v2/alerts/{identifier}?identifierType=id|alias|tiny, POST /v2/alerts/{identifier}/close, GET
 * /v2/schedules/{name}/on-calls?scheduleIdentifierType=name[&flat=true]. Auth as Opsgenie checks it:
 * anything but `Authorization: GenieKey <apiKey>` is 401; errors are `{ message, took, requestId }`
 * (422 adds `errors`). An unknown responder fails the create's request status, as Opsgenie does.
 */
export { OpsgenieFake, type OpsgenieFakeOptions } from './opsgenie-fake';
export type { FakeAlert } from './opsgenie-fake-state';
export type { RecordedRequest, RemoteAnswer } from '@muster/plugin-sdk/testing';
import { OpsgenieFake, type OpsgenieFakeOptions } from './opsgenie-fake';

/** Starts a fake on a free port of 127.0.0.1; `stop()` it after the test. */
export function startOpsgenieFake(options: OpsgenieFakeOptions): Promise<OpsgenieFake> {
  return new OpsgenieFake(options).start();
}
