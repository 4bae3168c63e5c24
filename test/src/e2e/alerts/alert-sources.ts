/**
 * The six bundled alert sources as the end-to-end suites drive them: each one's documented payloads
 * (the plugin's own `./fixtures`), the credential its vendor sends, credentials that must be refused,
 * a malformed body with the reason the plugin gives, and what the incident must look like.
 */
import { fixture as alertmanager } from '@muster/plugin-alertmanager/fixtures';
import { fixture as datadog } from '@muster/plugin-datadog/fixtures';
import { fixture as grafana } from '@muster/plugin-grafana/fixtures';
import * as opsgenie from '@muster/plugin-opsgenie/fixtures';
import * as pagerduty from '@muster/plugin-pagerduty/fixtures';
import * as wazuh from '@muster/plugin-wazuh/fixtures';

export type HeaderMap = Record<string, string>;

export interface AlertSourceCase {
  readonly id: 'alertmanager' | 'grafana' | 'datadog' | 'wazuh' | 'pagerduty' | 'opsgenie';
  /** How the vendor authenticates, for the suite's titles. */
  readonly auth: string;
  /** `plugins.<id>.config` in muster.yaml. */
  readonly config?: Record<string, unknown>;
  /** The plugin's secrets, as MUSTER_PLUGIN_<ID>_<NAME> variables. */
  readonly env: Record<string, string>;
  /** The headers the vendor sends with `raw`; `delivery` names one webhook (PagerDuty's X-Webhook-Id). */
  sign(raw: string, delivery: string): HeaderMap;
  /** Credentials each of which must be refused, for `raw`. */
  forged(raw: string): { readonly what: string; readonly headers: HeaderMap }[];
  readonly firing: unknown;
  /** The source's resolve signal for the same alert; Wazuh has none. */
  readonly resolved?: unknown;
  /** A later alert of the same group: what a source without a resolve signal documents instead. */
  readonly again?: unknown;
  /** What the declared incident must be. */
  readonly expected: { readonly title: string; readonly severity: string; readonly services: readonly string[]; readonly link?: string };
  /** A body the plugin refuses, and the reason it must name. */
  readonly malformed: { readonly body: unknown; readonly reason: string };
}

const bearer = (token: string): HeaderMap => ({ 'content-type': 'application/json', authorization: `Bearer ${token}` });
const basic = (user: string, password: string): HeaderMap => ({ 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` });
const json: HeaderMap = { 'content-type': 'application/json' };

const AM_TOKEN = 'am-e2e-token-5d0c2f7a';
const GRAFANA = { user: 'muster-e2e-sender', password: 'gr-e2e-pass-81b4e0' };
const DD_TOKEN = 'dd-e2e-token-c37a19';
const WAZUH_TOKEN = 'wazuh-e2e-api-key-4f61';
const PD_SECRET = 'pd-e2e-signing-secret-9a2e44b1';
const OG_TOKEN = 'og-e2e-token-0b7d5e';

/** A Wazuh alert's copy with another alert id and time: the same rule on the same agent, firing again. */
function nextWazuhAlert(): unknown {
  const next = structuredClone(wazuh.firing) as { id: string; timestamp: string; full_log: string };
  next.id = '1778750311.1049980';
  next.timestamp = '2026-05-14T09:18:31.022+0000';
  next.full_log = 'May 14 09:18:30 web-01 sshd[29422]: Invalid user blimey from 203.0.113.7 port 49377';
  return next;
}

function withoutField<T>(body: T, drop: (copy: T) => void): T {
  const copy = structuredClone(body);
  drop(copy);
  return copy;
}

export const ALERT_SOURCES: readonly AlertSourceCase[] = [
  {
    id: 'alertmanager', auth: 'a bearer token',
    config: { severity: { label: 'severity', map: { critical: 'SEV1', warning: 'SEV3' } } },
    env: { MUSTER_PLUGIN_ALERTMANAGER_TOKEN: AM_TOKEN },
    sign: () => bearer(AM_TOKEN),
    forged: () => [
      { what: 'no Authorization header', headers: json },
      { what: 'another token', headers: bearer('am-e2e-token-5d0c2f7b') },
      { what: 'the token as basic auth', headers: basic('alertmanager', AM_TOKEN) },
    ],
    firing: alertmanager('firing'), resolved: alertmanager('resolved'),
    expected: { title: 'BlackBox probe failure: checkout is unreachable', severity: 'SEV1', services: ['checkout'], link: 'http://alertmanager.example.org:9093/' },
    malformed: { body: { ...alertmanager('firing'), alerts: 'many' }, reason: 'alerts must be a list' },
  },
  {
    id: 'grafana', auth: 'basic auth',
    env: { MUSTER_PLUGIN_GRAFANA_USERNAME: GRAFANA.user, MUSTER_PLUGIN_GRAFANA_PASSWORD: GRAFANA.password },
    sign: () => basic(GRAFANA.user, GRAFANA.password),
    forged: () => [
      { what: 'no Authorization header', headers: json },
      { what: 'a wrong password', headers: basic(GRAFANA.user, `${GRAFANA.password}x`) },
      { what: 'the password as a bearer token', headers: bearer(GRAFANA.password) },
    ],
    firing: grafana('firing'), resolved: grafana('resolved'),
    expected: { title: 'High memory usage', severity: 'SEV1', services: ['checkout'], link: 'https://grafana.example.org/alerting/grafana/1afz29v7z/view?orgId=1' },
    malformed: { body: { ...grafana('firing'), version: 1 }, reason: 'version must be "1"' },
  },
  {
    id: 'datadog', auth: 'the X-Muster-Token header',
    config: { groupBy: 'aggregation', severity: { map: { P1: 'SEV1', P2: 'SEV1', P3: 'SEV2' } } },
    env: { MUSTER_PLUGIN_DATADOG_TOKEN: DD_TOKEN },
    sign: () => ({ ...json, 'x-muster-token': DD_TOKEN }),
    forged: () => [
      { what: 'no token', headers: json },
      { what: 'another token', headers: { ...json, 'x-muster-token': 'dd-e2e-token-c37a1' } },
    ],
    firing: datadog('triggered'), resolved: datadog('recovered'),
    expected: { title: 'Checkout error rate is high (host:web-1)', severity: 'SEV1', services: ['checkout'], link: 'https://app.datadoghq.com/event/event?id=7412937513587429150' },
    malformed: { body: { ...datadog('triggered'), alert_title: { text: 'not text' } }, reason: 'alert_title must be a string' },
  },
  {
    id: 'wazuh', auth: 'the integration\'s api_key as a bearer token',
    config: { minimumLevel: 10, services: ['security'], dashboardUrl: 'https://wazuh.example.org/app/threat-hunting' },
    env: { MUSTER_PLUGIN_WAZUH_TOKEN: WAZUH_TOKEN },
    sign: () => bearer(WAZUH_TOKEN),
    forged: () => [
      { what: 'no Authorization header', headers: json },
      { what: 'another api_key', headers: bearer('wazuh-e2e-api-key-4f62') },
    ],
    firing: wazuh.firing, again: nextWazuhAlert(),
    expected: { title: 'sshd: brute force trying to get access to the system. Non existent user. (web-01)', severity: 'SEV2', services: ['security'], link: 'https://wazuh.example.org/app/threat-hunting' },
    malformed: { body: withoutField(wazuh.firing, (a) => { (a.rule as { level: unknown }).level = 'ten'; }), reason: 'rule.level must be a number' },
  },
  {
    id: 'pagerduty', auth: 'an X-PagerDuty-Signature v1 HMAC',
    config: { serviceMap: { 'Checkout API': 'checkout' } },
    env: { MUSTER_PLUGIN_PAGERDUTY_WEBHOOK_SECRET: PD_SECRET },
    sign: (raw, delivery) => pagerduty.pagerDutyHeaders(raw, PD_SECRET, `e2e-${delivery}`),
    forged: (raw) => [
      { what: 'no signature', headers: { ...json, 'x-webhook-id': 'e2e-forged-1' } },
      { what: 'a signature made with another secret', headers: pagerduty.pagerDutyHeaders(raw, 'pd-e2e-signing-secret-9a2e44b2', 'e2e-forged-2') },
      { what: 'the signature of another body', headers: pagerduty.pagerDutyHeaders(`${raw} `, PD_SECRET, 'e2e-forged-3') },
      { what: 'the secret itself as the signature', headers: { ...json, 'x-pagerduty-signature': `v1=${PD_SECRET}`, 'x-webhook-id': 'e2e-forged-4' } },
    ],
    firing: pagerduty.firing, resolved: pagerduty.resolved,
    expected: { title: 'Checkout API returns 502 for 12% of requests', severity: 'SEV1', services: ['checkout'], link: 'https://acme.pagerduty.com/incidents/PGR0VU2' },
    malformed: { body: withoutField(pagerduty.firing, (e) => { delete (e.event.data as { id?: unknown }).id; }), reason: 'event.data.id is missing' },
  },
  {
    id: 'opsgenie', auth: 'a bearer token',
    config: { appUrl: 'https://acme.app.opsgenie.com' },
    env: { MUSTER_PLUGIN_OPSGENIE_TOKEN: OG_TOKEN },
    sign: () => bearer(OG_TOKEN),
    forged: () => [
      { what: 'no credential', headers: json },
      { what: 'another token', headers: bearer('og-e2e-token-0b7d5f') },
      { what: 'another token in X-Muster-Token', headers: { ...json, 'x-muster-token': 'og-e2e-token' } },
    ],
    firing: opsgenie.firing, resolved: opsgenie.resolved,
    expected: { title: 'Checkout API 5xx rate above 5% for 10 minutes', severity: 'SEV1', services: ['checkout', 'payments'], link: 'https://acme.app.opsgenie.com/alert/detail/052652ac-5d1c-464a-812a-7dd18bbfba8c/details' },
    malformed: { body: withoutField(opsgenie.firing, (p) => { delete (p.alert as { alertId?: unknown }).alertId; }), reason: 'alert.alertId is missing' },
  },
];
