import { integrationHead, type IntegrationKind, type IntegrationStatus } from '../../domain/integration';

export const INTEGRATION_ICON: Record<IntegrationKind, string> = { page: '📟', ticket: '🎫', conference: '📞', runbook: '📘', status_page: '📣' };

/**
 * One integration as a line of plain text, for the timeline and the card's fallback:
 * "PagerDuty page: paged Ana Lima · acknowledged", "Jira ticket: retrying, last error 503 …".
 */
export function integrationLine(status: IntegrationStatus): string {
  const head = integrationHead(status);
  switch (status.state) {
    case 'working': return `${head}: working on it…${status.detail ? ` ${status.detail}` : ''}`;
    case 'retrying': return `${head}: retrying, last error ${status.lastError ?? 'unknown'}`;
    case 'failed': return `${head}: gave up, last error ${status.lastError ?? 'unknown'}`;
    default: return `${head}:${status.link ? ` ${status.link.title}` : ''}${outcomeSuffix(status)}`;
  }
}

export { integrationHead };

/** What follows the link of a made one: its detail and whether it was taken or closed. */
export function outcomeSuffix(status: IntegrationStatus): string {
  const state = status.state === 'acknowledged' ? ' · acknowledged' : status.state === 'resolved' ? ' · resolved' : '';
  // A detail that only repeats the link's text ("OPS-1") says nothing more.
  const detail = status.detail && status.detail !== status.link?.title ? ` ${status.detail}` : '';
  return `${detail}${state}`;
}
