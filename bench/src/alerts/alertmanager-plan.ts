/**
 * What the webhook-ack suites send: Alertmanager webhook v4 notifications built from the plugin's own
 * documented fixture. Seeded, so every target of a comparison gets the same bytes in the same order.
 */
import { fixture, type AlertmanagerWebhookBody } from '@muster/plugin-alertmanager/fixtures';
import { seededRandom } from '../suites/ingestion-plan';

/** `declare`: every notification is a new alert group. `mixed`: most go to groups already open. */
export type WebhookKind = 'declare' | 'mixed';
export const WEBHOOK_KINDS: readonly WebhookKind[] = ['declare', 'mixed'];

export interface WebhookDelivery {
  /** The JSON as sent: a redelivery sends the same bytes as its original. */
  readonly body: string;
  /** The group's incident title (its `commonAnnotations.summary`), unique per group: how the audit finds it. */
  readonly group: string;
  /** One per distinct notification: a redelivery shares its original's, so Muster must note it once. */
  readonly identity: string;
  readonly role: 'new-group' | 'later-firing' | 'redelivery';
}

export interface WebhookPlan {
  /** Sent before the measured phase (not timed): the first firing of each open group. */
  readonly opening: readonly WebhookDelivery[];
  readonly deliveries: readonly WebhookDelivery[];
}

export interface PlanOptions {
  /** Unique per phase, so no two phases share a group. */
  readonly tag: string;
  readonly count: number;
  readonly seed: number;
  /** `mixed` only: how many groups are open before the phase. */
  readonly openGroups?: number;
  /** `mixed` only: the share of deliveries that open a new group; the rest split evenly between redeliveries and later firings. */
  readonly newGroupFraction?: number;
}

export const OPEN_GROUPS = 20;
export const NEW_GROUP_FRACTION = 0.1;

export function planAlertmanagerDeliveries(kind: WebhookKind, options: PlanOptions): WebhookPlan {
  const random = seededRandom(options.seed);
  let groups = 0;
  const newGroup = (): WebhookDelivery => notification(options.tag, groups++, 0, 'new-group');
  if (kind === 'declare') return { opening: [], deliveries: Array.from({ length: options.count }, newGroup) };

  const opening = Array.from({ length: options.openGroups ?? OPEN_GROUPS }, newGroup);
  // Everything each open group has been sent so far, and how many later firings it has had.
  const sent = opening.map((d) => [d]);
  const newFraction = options.newGroupFraction ?? NEW_GROUP_FRACTION;
  const deliveries = Array.from({ length: options.count }, (): WebhookDelivery => {
    const roll = random();
    if (roll < newFraction) return newGroup();
    const g = Math.floor(random() * sent.length);
    const history = sent[g]!;
    if (roll < newFraction + (1 - newFraction) / 2) {
      const original = history[Math.floor(random() * history.length)]!;
      return { ...original, role: 'redelivery' };
    }
    const later = notification(options.tag, g, history.length, 'later-firing');
    history.push(later);
    return later;
  });
  return { opening, deliveries };
}

/**
 * Group `g`'s notification number `n`: the fixture's alert alone for the first firing, then that alert
 * plus a new one (its own fingerprint and start) joining the group, as Alertmanager sends the whole
 * group each time. The group key, title and labels name the phase and the group.
 */
function notification(tag: string, g: number, n: number, role: WebhookDelivery['role']): WebhookDelivery {
  const body: AlertmanagerWebhookBody = fixture('firing');
  const title = `Bench ${tag} group ${g}`;
  const base = body.alerts[0]!;
  base.labels = { ...base.labels, bench_group: `${tag}-${g}` };
  base.annotations = { ...base.annotations, summary: title };
  base.fingerprint = fingerprint(`${tag}/${g}/0`);
  body.groupKey = `{}/{severity="critical"}:{alertname="ProbeFailure", bench_group="${tag}-${g}"}`;
  body.groupLabels = { ...body.groupLabels, bench_group: `${tag}-${g}` };
  body.commonLabels = { ...body.commonLabels, bench_group: `${tag}-${g}` };
  body.commonAnnotations = { ...body.commonAnnotations, summary: title };
  if (n > 0) {
    const startsAt = new Date(Date.parse(base.startsAt) + n * 60_000).toISOString();
    body.alerts.push({ ...base, labels: { ...base.labels, instance: `https://checkout-${n}.example.org` }, startsAt, fingerprint: fingerprint(`${tag}/${g}/${n}`) });
  }
  return { body: JSON.stringify(body), group: title, identity: `${tag}/${g}/${n}`, role };
}

/** 16 hex digits, as Alertmanager's fingerprints are: FNV-1a over the name, twice with different offsets. */
function fingerprint(name: string): string {
  const fnv = (offset: number) => {
    let h = offset >>> 0;
    for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193) >>> 0;
    return h.toString(16).padStart(8, '0');
  };
  return fnv(0x811c9dc5) + fnv(0x050c5d1f);
}
