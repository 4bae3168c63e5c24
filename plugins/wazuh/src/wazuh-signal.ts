import { isoInstant, labelSet, oneLine, paragraphs, safeUrl, stableKey, SUMMARY_MAX, TITLE_MAX, type AlertSignal } from '@muster/plugin-sdk';
import type { GroupField, WazuhConfig } from './config';
import type { WazuhAlert } from './wazuh-alert';

/**
 * One Wazuh alert as a signal. Wazuh has no "resolved": every alert fires, and the group (rule and
 * agent by default) decides whether it declares an incident or is noted on the open one.
 */
export function wazuhSignals(alert: WazuhAlert, config: WazuhConfig, severityOf: (level: number) => string | undefined): AlertSignal[] {
  const { rule } = alert;
  if (rule.level < config.minimumLevel) return [];
  const host = alert.agent?.name ?? alert.agentless?.host;
  const description = oneLine(rule.description, TITLE_MAX) ?? `Wazuh rule ${rule.id}`;
  const title = oneLine(host ? `${description} (${host})` : description, TITLE_MAX) ?? 'Wazuh alert';
  const url = safeUrl(config.dashboardUrl);
  return [{
    status: 'firing',
    groupKey: stableKey(config.groupBy.map((field) => `${field}=${groupValue(alert, field)}`)),
    // The alert id is the manager's (epoch.offset in alerts.json); the timestamp and manager make it unique across a cluster.
    deliveryId: stableKey([alert.id, alert.timestamp ?? '', alert.manager?.name ?? '']),
    title,
    summary: paragraphs(summaryOf(alert), SUMMARY_MAX),
    severity: severityOf(rule.level),
    services: servicesOf(alert, config),
    url,
    startedAt: isoInstant(alert.timestamp),
    labels: labelsOf(alert),
    alerts: [{ id: oneLine(alert.id, 200) ?? alert.id, status: 'firing', title, url }],
  }];
}

function groupValue(alert: WazuhAlert, field: GroupField): string {
  const value = {
    'rule.id': alert.rule.id,
    'agent.id': alert.agent?.id ?? alert.agentless?.host,
    'agent.name': alert.agent?.name ?? alert.agentless?.host,
    'manager.name': alert.manager?.name,
    location: alert.location,
    'data.srcip': typeof alert.data?.srcip === 'string' ? alert.data.srcip : undefined,
  }[field];
  return value ?? '-';
}

function summaryOf(alert: WazuhAlert): string {
  const { rule, agent } = alert;
  const lines = [`Wazuh rule ${rule.id} (level ${rule.level})${rule.groups?.length ? `, groups ${rule.groups.join(', ')}` : ''}`];
  if (agent) lines.push(`Agent ${agent.name ?? '?'} (${[agent.id, agent.ip].filter(Boolean).join(', ')})`);
  else if (alert.agentless?.host) lines.push(`Agentless host ${alert.agentless.host}`);
  if (alert.location) lines.push(`Location ${alert.location}`);
  const techniques = rule.mitre?.id?.map((id, i) => [id, rule.mitre?.technique?.[i]].filter(Boolean).join(' ')) ?? [];
  if (techniques.length) lines.push(`MITRE ATT&CK ${techniques.join(', ')}${rule.mitre?.tactic?.length ? ` (${rule.mitre.tactic.join(', ')})` : ''}`);
  if (alert.full_log) lines.push('', alert.full_log);
  return lines.join('\n');
}

function servicesOf(alert: WazuhAlert, config: WazuhConfig): string[] {
  const fromAlert = config.serviceFrom === 'agent.name' ? alert.agent?.name : config.serviceFrom === 'manager.name' ? alert.manager?.name : undefined;
  const all = [...config.services, fromAlert].map((s) => oneLine(s, 100)).filter((s): s is string => s !== undefined);
  return [...new Set(all)];
}

function labelsOf(alert: WazuhAlert): Record<string, string> {
  const { rule } = alert;
  const data = Object.entries(alert.data ?? {}).map(([key, value]) => [`data.${key}`, value] as const);
  return labelSet([
    ['rule.id', rule.id], ['rule.level', rule.level], ['rule.groups', rule.groups],
    ['rule.mitre.id', rule.mitre?.id], ['rule.mitre.tactic', rule.mitre?.tactic], ['rule.mitre.technique', rule.mitre?.technique],
    ['agent.id', alert.agent?.id], ['agent.name', alert.agent?.name], ['agent.ip', alert.agent?.ip], ['agentless.host', alert.agentless?.host],
    ['manager.name', alert.manager?.name], ['location', alert.location], ['decoder.name', alert.decoder?.name],
    ...data,
  ]);
}
