import { PluginConfigError } from '@muster/plugin-sdk';
import type { JiraApi } from './jira-api';

interface Transition {
  readonly id?: unknown;
  readonly name?: unknown;
  readonly to?: { readonly name?: unknown } | null;
}

const same = (a: unknown, b: string): boolean => typeof a === 'string' && a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * Moves an issue with the transition named `target`, or the one leading to a status of that name
 * (workflows name them differently: "Done" or "Close issue" → Done). Nothing is sent when the issue
 * is already in that status, so a repeated call is harmless. A workflow with no such transition is a
 * configuration problem, and the error lists the transitions it does have.
 */
export async function transitionTo(api: JiraApi, key: string, currentStatus: string | undefined, target: string): Promise<boolean> {
  if (currentStatus !== undefined && same(currentStatus, target)) return false;
  const path = `/issue/${encodeURIComponent(key)}/transitions`;
  const answer = await api.get<{ transitions?: unknown }>(path);
  const list = Array.isArray((answer as { transitions?: unknown } | null)?.transitions) ? (answer as { transitions: Transition[] }).transitions : [];
  const usable = list.filter((t): t is Transition & { id: string } => typeof t === 'object' && t !== null && typeof t.id === 'string' && /^\d{1,12}$/.test(t.id));
  const chosen = usable.find((t) => same(t.name, target)) ?? usable.find((t) => same(t.to?.name, target));
  if (!chosen) {
    const names = usable.map((t) => (typeof t.name === 'string' ? t.name.slice(0, 60) : t.id)).join(', ') || 'none';
    throw new PluginConfigError(`Jira issue ${key} has no transition "${target}" from its status${currentStatus ? ` "${currentStatus.slice(0, 60)}"` : ''} (it offers: ${names}); set plugins.jira.config.transitions`, 'transitions');
  }
  await api.send('POST', path, { transition: { id: chosen.id } });
  return true;
}
