import { deliveryDigest, oneLine, paragraphs, PayloadError, safeLabels, safeUrl, sourceKey, type AlertSignal, type SeverityMapper } from '@muster/plugin-sdk';
import type { DatadogAlert } from './payload';
import { titleParts, transitionOf, type Transition } from './transitions';

export interface AlertSettings {
  readonly groupBy: 'aggregation' | 'monitor';
  readonly serviceTag: string;
  readonly ignore: readonly Transition[];
  readonly severities: SeverityMapper;
}

const MAX_SERVICES = 20;

/**
 * One signal per Datadog notification. Recovered resolves; every other transition fires, unless the
 * installation ignores it. A notification that is no monitor transition (an event mentioning the
 * webhook, `Null`) or a monitor's test notification means nothing.
 */
export function signalsOf(alert: DatadogAlert, settings: AlertSettings): AlertSignal[] {
  if (!alert.alert_transition && !alert.title && !alert.alert_title) {
    throw new PayloadError('the payload has no alert_transition and no title: use the payload template in the Datadog plugin\'s README');
  }
  const titled = titleParts(alert.alert_title ?? alert.title ?? '');
  const eventTitle = alert.title ? titleParts(alert.title) : titled;
  // $ALERT_TRANSITION, when the template sends it, is the word on the state; titles are for the default payload.
  const transition = alert.alert_transition !== undefined ? transitionOf(alert.alert_transition) : titled.transition ?? eventTitle.transition;
  if (transition === undefined || titled.test || eventTitle.test || settings.ignore.includes(transition)) return [];
  const scope = oneLine(alert.alert_scope ?? titled.scope ?? eventTitle.scope, 300);
  const name = oneLine(titled.name) ?? oneLine(eventTitle.name);
  const groupKey = groupKeyOf(alert, settings.groupBy, name, scope);
  const tags = tagsOf(alert.tags, alert.alert_scope);
  const services = [...new Set(tags.filter(([key]) => key === settings.serviceTag).map(([, value]) => oneLine(value, 100)).filter((s): s is string => s !== undefined))];
  const status = transition === 'Recovered' ? 'resolved' : 'firing';
  const url = safeUrl(alert.link);
  // Datadog already writes the scope into a multi alert's name; say it once.
  const title = name ? oneLine(scope && !name.includes(scope) ? `${name} (${scope})` : name)! : 'Datadog alert';
  return [{
    status,
    groupKey,
    deliveryId: deliveryIdOf(alert, groupKey, transition),
    title,
    summary: paragraphs(withoutMarkdownFence(alert.body)) ?? paragraphs(alert.alert_status),
    severity: settings.severities.of(alert.alert_priority ?? titled.priority ?? eventTitle.priority),
    services: services.slice(0, MAX_SERVICES),
    url,
    startedAt: epochMillis(alert.date),
    labels: safeLabels(Object.fromEntries(tags.filter(([, value]) => value !== ''))),
    alerts: [{ id: oneLine(alert.alert_id, 100) ?? groupKey, status, title, url }],
  }];
}

/**
 * `aggregation`: $AGGREG_KEY, else $ALERT_CYCLE_KEY; `monitor`: $ALERT_ID. Either falls back to the
 * other ids, then (Datadog's default payload carries none) to the monitor's name and scope.
 */
function groupKeyOf(alert: DatadogAlert, groupBy: AlertSettings['groupBy'], name: string | undefined, scope: string | undefined): string {
  const aggregation = alert.aggreg_key ? `aggreg:${alert.aggreg_key}` : alert.alert_cycle_key ? `cycle:${alert.alert_cycle_key}` : undefined;
  const monitor = alert.alert_id ? `monitor:${alert.alert_id}` : undefined;
  const key = (groupBy === 'monitor' ? monitor ?? aggregation : aggregation ?? monitor) ?? `title:${name ?? ''}${scope ? ` {${scope}}` : ''}`;
  return sourceKey(key);
}

/** Datadog's event id ($ID) names the notification; Datadog's retries resend the same one. */
function deliveryIdOf(alert: DatadogAlert, groupKey: string, transition: Transition): string {
  if (alert.id && alert.id.length <= 100) return sourceKey(`event:${alert.id}`);
  return deliveryDigest('datadog', alert.id, groupKey, transition, alert.date, alert.last_updated, alert.title);
}

/** `env:prod,service:checkout, team:web` → key/value pairs (a bare tag has an empty value). */
function tagsOf(...lists: readonly (string | undefined)[]): [string, string][] {
  return lists.flatMap((list) => (list ?? '').split(',')).map((tag) => tag.trim()).filter(Boolean).slice(0, 100)
    .map((tag) => {
      const colon = tag.indexOf(':');
      return colon < 0 ? [tag, ''] : [tag.slice(0, colon).trim(), tag.slice(colon + 1).trim()];
    });
}

/** $EVENT_MSG wraps Markdown in `%%%` lines. */
function withoutMarkdownFence(message: string | undefined): string | undefined {
  return message?.replace(/^\s*%%%\s*\n?/, '').replace(/\n?\s*%%%\s*$/, '');
}

/** $DATE: milliseconds since the epoch (seconds are accepted too). */
function epochMillis(value: string | undefined): string | undefined {
  if (!value || !/^\d{9,16}$/.test(value)) return undefined;
  const number = Number(value);
  const millis = number < 1e11 ? number * 1000 : number;
  const date = new Date(millis);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
